"""Where the tests' corpora are: our own small one (always here) and ``../shared`` (not in a
user's clone). The one place that defines these paths; tests needing ``../shared`` use
:data:`needs_shared`."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
W3C_ORACLE = SHARED / "oracles" / "w3c_web_annotation_tests"
SEED = REPO / "resources" / "pyongyang-moscow-axis.txt"

OWN_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
OWN_BRAT = OWN_CORPUS / "brat_news"
OWN_DATASETS = [OWN_CORPUS / "bio_emoji" / "posts.conll", OWN_CORPUS / "iob2_cjk" / "zh.iob2"]

needs_shared = pytest.mark.skipif(
    not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not here (a user's clone)"
)


def datasets(corpus: Path) -> list[Path]:
    """The CoNLL / IOB2 files of a corpus folder."""
    return sorted([*corpus.glob("*/*.conll"), *corpus.glob("*/*.iob2")])


def brat_folder(corpus: Path) -> Path:
    """The brat folder of a corpus (the one folder holding ``.ann`` files)."""
    (folder,) = {ann.parent for ann in corpus.glob("*/*.ann")}
    return folder
