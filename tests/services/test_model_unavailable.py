"""Issue #15: spaCy is optional. Nothing imports it when the app or the CLI starts; without it,
training and model suggestions say how to add it (the text the window shows)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services.model_suggest import suggest_with_model
from annotator.services.spacy_model import SPACY_MISSING, ModelUnavailable
from annotator.services.training import train
from annotator.store import Project


def test_starting_the_app_does_not_import_spacy() -> None:
    code = (
        "import sys, annotator.cli, annotator.services.training, annotator.services.model_suggest;"
        " print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_spacy_training_and_suggesting_say_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy raises ImportError
    assert SPACY_MISSING == "spaCy is not installed: pip install 'annotator[ml]'"
    with Project.open(tmp_path / "p.annotator") as project:
        with pytest.raises(ModelUnavailable, match=r"pip install 'annotator\[ml\]'"):
            train(project)
        with pytest.raises(ModelUnavailable, match=r"pip install 'annotator\[ml\]'"):
            suggest_with_model(project)
