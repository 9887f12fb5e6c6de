"""``annotator train PROJECT`` (issue #15): trains, prints precision, recall and F1 per label and
micro on the held-out fifth, and where the model was saved; without spaCy, how to add it."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from training_corpus import UNSEEN, article, fill

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project


def test_train_prints_the_held_out_scores_and_the_model_folder(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="training needs spaCy (pip install 'annotator[ml]')")
    path = tmp_path / "news.annotator"
    with Project.open(path) as project:
        fill(project, 60, seed=3)
    result = CliRunner().invoke(main, ["train", str(path), "--seed", "3", "--label", "Actor"])
    assert result.exit_code == 0, result.output
    header, actor, micro, saved = result.output.splitlines()
    assert header.split() == ["label", "precision", "recall", "F1", "spans"]
    assert actor.split()[0] == "Actor" and micro.split()[0] == "micro"
    assert all(0.0 <= float(x) <= 1.0 for x in actor.split()[1:4])
    assert saved.startswith("trained on 48 documents") and "scored on 12 held out" in saved
    assert saved.endswith(f"model saved in {tmp_path / 'news.annotator.model'}")
    assert (tmp_path / "news.annotator.model" / "annotator-model.json").is_file()


def test_train_without_spacy_says_how_to_add_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.annotator"
    with Project.open(path) as project:
        fill(project, 10)
    monkeypatch.setitem(sys.modules, "spacy", None)
    result = CliRunner().invoke(main, ["train", str(path)])
    assert result.exit_code == 1
    assert "spaCy is not installed: pip install 'annotator[ml]'" in result.output
    assert not (tmp_path / "news.annotator.model").exists()


def test_train_needs_two_annotated_documents(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="training needs spaCy (pip install 'annotator[ml]')")
    path = tmp_path / "empty.annotator"
    Project.open(path).close()
    result = CliRunner().invoke(main, ["train", str(path)])
    assert result.exit_code == 1
    assert "needs at least two annotated documents" in result.output


def test_suggest_with_the_model_source_after_training(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="training needs spaCy (pip install 'annotator[ml]')")
    path = tmp_path / "news.annotator"
    with Project.open(path) as project:
        fill(project, 60, seed=3)
        text, _ = article(random.Random(7), UNSEEN)
        new = project.add_document(NewDocument("new", StyledText(text, [])))
    before = CliRunner().invoke(main, ["suggest", str(path), "--source", "model"])
    assert before.exit_code == 1
    assert "No model has been trained yet: run `annotator train PROJECT`." in before.output
    assert CliRunner().invoke(main, ["train", str(path), "--seed", "3"]).exit_code == 0
    args = ["suggest", str(path), "--source", "model", "--document", str(new)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    source, label, count = result.output.splitlines()[0].split("\t")
    assert (source, label) == ("model", "Actor") and int(count) >= 1


def test_use_model_chooses_an_installed_pipeline_with_its_labels_mapped(tmp_path: Path) -> None:
    from annotator.services.model_suggest import installed_model

    path = tmp_path / "p.annotator"
    Project.open(path).close()
    result = CliRunner().invoke(
        main,
        ["use-model", str(path), "en_core_web_sm", "--map", "PERSON=Actor", "--map", "ORG=Actor"],
    )
    assert result.exit_code == 0, result.output
    with Project.open(path) as project:
        assert installed_model(project) == ("en_core_web_sm", {"PERSON": "Actor", "ORG": "Actor"})
    refused = CliRunner().invoke(main, ["use-model", str(path), "x", "--map", "PERSON=Nobody"])
    assert refused.exit_code != 0 and "No label Nobody" in refused.output
    assert CliRunner().invoke(main, ["use-model", str(path)]).exit_code == 0  # back to trained
    with Project.open(path) as project:
        assert installed_model(project) is None
