"""``annotator merge OUT A B…`` (issue #13): each annotator's project file into one.

The inputs are opened read-only (nothing is written beside them) and all of them before OUT is
touched, so an input that cannot be read changes nothing. Each input is merged in its own
transaction: if one fails, OUT keeps what it had before that input (earlier inputs stay merged,
and the error says which input failed). See ``store/merge_store.py`` for the matching rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from annotator.store import Project, ProjectError
from annotator.store.merge_store import MergeCounts, merge_into

__all__ = ["MergeCounts", "merge_into_open", "merge_projects"]


def merge_projects(out_path: Path, inputs: Sequence[Path]) -> list[MergeCounts]:
    """Merge ``inputs`` into ``out_path`` (created if missing; an existing file must be a
    project); returns one MergeCounts per input, in order. Raises ProjectError."""
    _check_paths(out_path, inputs)
    with ExitStack() as stack:
        sources = _open_inputs(stack, inputs)
        out = stack.enter_context(Project.open(out_path, lock=True))
        return _merge_all(out, inputs, sources)


def merge_into_open(out: Project, inputs: Sequence[Path]) -> list[MergeCounts]:
    """Merge ``inputs`` into ``out``, a project already open for writing (the window's File →
    Merge Projects…); the same rules and report as :func:`merge_projects`."""
    _check_paths(out.path, inputs)
    with ExitStack() as stack:
        return _merge_all(out, inputs, _open_inputs(stack, inputs))


def _open_inputs(stack: ExitStack, inputs: Sequence[Path]) -> list[Project]:
    return [
        stack.enter_context(Project.open(p, create=False, read_only=True, check=False))
        for p in inputs
    ]


def _merge_all(
    out: Project, inputs: Sequence[Path], sources: Sequence[Project]
) -> list[MergeCounts]:
    results: list[MergeCounts] = []
    for path, src in zip(inputs, sources, strict=True):
        try:
            with out.transaction():
                results.append(merge_into(out, src, path.stem))
        except Exception as exc:  # any failure: this input rolled back, and said so
            done = f" ({', '.join(p.name for p in inputs[: len(results)])} merged)"
            raise ProjectError(
                f"Merging {path.name} failed ({exc or type(exc).__name__}); nothing of it"
                f" was added to {out.path.name}{done if results else ''}."
            ) from exc
    return results


def _check_paths(out_path: Path, inputs: Sequence[Path]) -> None:
    if not inputs:
        raise ProjectError("Name at least one project to merge.")
    for path in inputs:
        if not path.is_file():
            raise ProjectError(f"{path} does not exist; nothing was merged.")
        if out_path.exists() and path.resolve() == out_path.resolve():
            raise ProjectError(
                f"{path.name} is the output project; it cannot be merged into itself."
            )
