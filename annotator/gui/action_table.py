"""The window's actions, in ONE table: id, text, shortcut(s), menu, toolbar, tooltip, handler.

Menus, the label toolbar and the F1 shortcut list are all made from it (``gui/actions.py``).
Handlers look up the window's parts when triggered, so the table can be declared before them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from annotator.core.labels import Label
from annotator.gui.about import open_log_folder, show_about
from annotator.gui.actions import ActionSpec, Entry, Section
from annotator.gui.actor_picker import link_current_to_actor
from annotator.gui.agreement_dialog import show_agreement
from annotator.gui.display import swatch
from annotator.gui.io_dialogs import ask_export, ask_import, ask_open_project
from annotator.gui.merge_dialog import ask_merge
from annotator.gui.preferences import show_preferences
from annotator.gui.reading import THEMES
from annotator.gui.statistics_dialog import show_statistics
from annotator.gui.suggest_menu import suggest_from
from annotator.gui.train_dialog import show_training, train_action_text

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.suggestions_view import SuggestionsView

Std = QKeySequence.StandardKey
LABELS = "labels"


def window_actions(w: MainWindow) -> list[Entry]:
    return [
        *_file(w),
        *_edit(w),
        Section(LABELS, "&Annotate"),
        *_annotate(w),
        *_navigate(w),
        *_view(w),
        *_library(w),
        *_help(w),
    ]


def _help(w: MainWindow) -> list[Entry]:
    menu = "&Help"
    return [
        ActionSpec("help.shortcuts", "&Keyboard Shortcuts", menu, w.show_shortcuts, ("F1",)),
        ActionSpec("help.logs", "Open &Log Folder", menu, open_log_folder, separator=True),
        ActionSpec("help.about", "&About Annotator", menu, lambda: show_about(w, w.project.path)),
    ]


def _file(w: MainWindow) -> list[Entry]:
    menu = "&File"
    return [
        ActionSpec("new", "&New Project…", menu, lambda: w.projects.new_project(), (Std.New,)),
        ActionSpec("open", "&Open Project…", menu, partial(ask_open_project, w), (Std.Open,)),
        ActionSpec("recent", "Open Re&cent", menu, action=w.projects.recentAction),
        ActionSpec("savecopy", "Save a Cop&y As…", menu, lambda: w.projects.save_copy()),
        ActionSpec(
            "closeproject", "Close Pro&ject", menu, lambda: w.projects.close_project(), ("Ctrl+W",)
        ),
        ActionSpec("import", "&Import Files…", menu, partial(ask_import, w), ("Ctrl+I",)),
        ActionSpec("export", "&Export…", menu, partial(ask_export, w), ("Ctrl+E",)),
        ActionSpec("merge", "&Merge Projects…", menu, partial(ask_merge, w), separator=True),
        ActionSpec("backup", "&Back Up Now", menu, lambda: w.safety.back_up_now(), separator=True),
        ActionSpec("restore", "&Restore from Backup…", menu, lambda: w.safety.restore()),
        ActionSpec("quit", "&Quit", menu, w.close, (Std.Quit,), separator=True),
    ]


def _edit(w: MainWindow) -> list[Entry]:
    menu = "&Edit"
    stack = w.undoStack
    undo = stack.createUndoAction(w, "&Undo")
    redo = stack.createRedoAction(w, "&Redo")
    # After the stack moved: the step just undone is next to redo, and vice versa.
    return [
        ActionSpec(
            "undo", "&Undo", menu, lambda: w.say_done("Undid", stack.redoText()),
            (Std.Undo,), action=undo,
        ),
        ActionSpec(
            "redo", "&Redo", menu, lambda: w.say_done("Redid", stack.undoText()),
            ("Ctrl+Shift+Z", "Ctrl+Y"), action=redo,
        ),
        ActionSpec(
            "delete", "&Delete Annotation", menu,
            lambda: w.delete_current_annotation(), (Std.Delete,), separator=True,
        ),
        ActionSpec("find", "&Find…", menu, lambda: w.findBar.open_bar(), (Std.Find,)),
        ActionSpec(
            "annotator.switch", "S&witch Annotator…", menu, lambda: w.identity.switch(),
            ("Ctrl+Shift+U",), separator=True,
        ),
        ActionSpec(
            "preferences", "&Preferences…", menu, partial(show_preferences, w), ("Ctrl+,",),
            separator=True,
        ),
    ]  # fmt: skip


def label_actions(w: MainWindow, labels: list[Label]) -> list[ActionSpec]:
    """The label keys (Annotate menu and toolbar): tag the selection, or relabel."""
    return [
        ActionSpec(
            f"label.{label.name}", f"{label.name}  ({'/'.join(label.keys)})", "&Annotate",
            partial(lambda name: w.suggestionsView.label_key(name), label.name),
            tuple(label.keys),
            tooltip=f"Tag the selection as {label.name}", toolbar=True, icon=swatch(label.color),
        )
        for label in labels
    ]  # fmt: skip


def _annotate(w: MainWindow) -> list[Entry]:
    menu = "&Annotate"
    specs = [
        ActionSpec(
            "link", "&Link to…", menu, lambda: w.annotating.link_current(), ("L",), separator=True
        ),
        ActionSpec(
            "attributes", "Edit &Attributes", menu,
            lambda: w.annotationPanel.focus_first_editor(), ("E",),
        ),
        ActionSpec("note", "Edit &Note", menu, lambda: w.annotationPanel.focus_note(), ("N",)),
        ActionSpec(
            "actor.link", "Link to &Registry Actor…", menu, partial(link_current_to_actor, w),
            ("K",), tooltip="Link the selected Actor span to a registry actor (or create it)",
        ),
        ActionSpec(
            "tagall", "&Tag All Occurrences…", menu, lambda: w.tagAll.start(), ("Ctrl+T",),
            tooltip="Find the selected span's other occurrences and review them",
        ),
        ActionSpec("cycle", "Cycle &Overlapping", menu, lambda: w.cycle_overlapping(), ("Alt+O",)),
    ]  # fmt: skip
    for edge, keys in (("end", ("Left", "Right")), ("start", ("Up", "Down"))):
        for unit, prefix in (("char", "Shift+Alt+"), ("word", "Ctrl+Shift+Alt+")):
            for direction, key in zip((-1, 1), keys, strict=True):
                side = "left" if direction < 0 else "right"
                specs.append(
                    ActionSpec(
                        f"move.{edge}.{side}.{unit}", f"Move {edge} {side} by {unit}", menu,
                        partial(w.annotating.resize_current, edge, direction, unit),
                        (prefix + key,),
                    )
                )  # fmt: skip
    specs.extend(_suggest(w, menu))
    snap = ActionSpec("snap", "&Snap Selections to Words", menu, toggled=w.annotating.set_snap)
    schema = ActionSpec(
        "schema", "Edit Label Sc&hema…", menu, lambda: w.annotating.edit_schema(),
        ("Ctrl+Shift+L",), separator=True,
    )  # fmt: skip
    return [*specs, snap, schema]


def _suggest(w: MainWindow, menu: str) -> list[ActionSpec]:
    """Suggestions (#15): the keys act while the text has the keyboard (gui/suggestions_view)."""

    def view() -> SuggestionsView:  # built after the table
        return w.suggestionsView

    return [
        ActionSpec(
            "suggest.next", "Ne&xt Suggestion", menu, lambda: view().step(1), ("Tab",),
            separator=True,
        ),
        ActionSpec(
            "suggest.previous", "Pre&vious Suggestion", menu, lambda: view().step(-1),
            ("Shift+Tab",),
        ),
        ActionSpec(
            "suggest.accept", "A&ccept Suggestion", menu, lambda: view().accept_current(),
            ("Return", "Enter"), tooltip="Accept the selected suggestion: it becomes an annotation",
        ),
        ActionSpec(
            "suggest.reject", "Re&ject Suggestion", menu, lambda: view().reject_current(),
            ("Backspace",), tooltip="Reject the selected suggestion (it is not suggested again)",
        ),
        ActionSpec(
            "suggest.acceptall", "Accept All Su&ggestions", menu, lambda: view().accept_all(),
            ("Ctrl+Shift+Return",), tooltip="Accept every open suggestion of the document",
        ),
        *(
            ActionSpec(
                f"suggest.{source}", text, menu, partial(suggest_from, w, source),
                separator=source == "registry",
            )
            for source, text in (
                ("registry", "Suggest from Reg&istry…"),
                ("rules", "Suggest from R&ules…"),
                ("model", "Suggest from Mo&del…"),
            )
        ),
        ActionSpec(
            "train", train_action_text(), menu, partial(show_training, w),
            tooltip="Train the project's model on its annotations (in the background)",
        ),
    ]  # fmt: skip


def _navigate(w: MainWindow) -> list[Entry]:
    menu = "&Navigate"
    return [
        ActionSpec("next", "&Next Annotation", menu, lambda: w.goto_annotation(1), ("Alt+Down",)),
        ActionSpec(
            "previous", "&Previous Annotation", menu, lambda: w.goto_annotation(-1), ("Alt+Up",)
        ),
        ActionSpec(
            "unannotated", "Next &Unannotated Paragraph", menu,
            lambda: w.navigation.goto_unannotated_paragraph(), ("Alt+PgDown",),
        ),
        ActionSpec(
            "focus.documents", "Go to &Documents", menu, lambda: w.documentList.setFocus(),
            ("Alt+1",), separator=True,
        ),
        ActionSpec(
            "focus.text", "Go to &Text", menu, lambda: w.documentView.setFocus(), ("Alt+2",)
        ),
        ActionSpec(
            "focus.annotations", "Go to &Annotations", menu,
            lambda: w.annotationList.setFocus(), ("Alt+3",),
        ),
    ]  # fmt: skip


def _view(w: MainWindow) -> list[Entry]:
    menu = "&View"
    specs: list[Entry] = [
        ActionSpec("zoom.in", "Zoom &In", menu, lambda: w.zoom(1), (Std.ZoomIn,)),
        ActionSpec("zoom.out", "Zoom &Out", menu, lambda: w.zoom(-1), (Std.ZoomOut,)),
        ActionSpec("zoom.reset", "&Reset Zoom", menu, lambda: w.zoom(0), ("Ctrl+0",)),
        ActionSpec(
            "claims",
            "&Claims",
            menu,
            lambda: w.claimsDock.show_claims(),
            ("Ctrl+Shift+K",),
            separator=True,
        ),
        ActionSpec(
            "actors",
            "Ac&tor Registry",
            menu,
            lambda: w.actorRegistry.show_registry(),
            ("Ctrl+Shift+R",),
        ),
        ActionSpec(
            "adjudicate",
            "A&djudicate",
            menu,
            lambda: w.adjudicationDock.show_view(),
            ("Ctrl+Shift+J",),
            tooltip="Accept annotators' spans into the curated layer",
        ),
        ActionSpec(
            "suggestions",
            "Su&ggestions",
            menu,
            lambda: w.suggestionsView.show_list(),
            tooltip="The open document's suggestions, with source and score",
        ),
    ]
    for index, (style, text) in enumerate((("serif", "Serif Text"), ("sans", "Sans-serif Text"))):
        specs.append(
            ActionSpec(
                f"font.{style}", text, menu, partial(w.reading.set_font_style, style),
                group="font", separator=index == 0,
            )
        )  # fmt: skip
    for index, theme in enumerate(THEMES):
        specs.append(
            ActionSpec(
                f"theme.{theme}", f"{theme.title()} Theme", menu,
                partial(w.apply_theme, theme), group="theme", separator=index == 0,
            )
        )  # fmt: skip
    return specs


def _library(w: MainWindow) -> list[Entry]:
    menu = "&Library"
    return [
        ActionSpec(
            "search", "&Search All Documents…", menu, lambda: w.library.show_search(),
            ("Ctrl+Shift+F",),
        ),
        ActionSpec(
            "metadata", "Edit &Metadata…", menu, lambda: w.library.edit_metadata(),
            ("Ctrl+Shift+M",),
        ),
        ActionSpec("remove", "&Remove Document…", menu, lambda: w.library.remove_current()),
        ActionSpec(
            "status", "Mark Document Stat&us (New → In Progress → Done)", menu,
            lambda: w.documentStatus.step(), ("Ctrl+D",),
        ),
        ActionSpec(
            "import.folder", "Import &Folder…", menu, lambda: w.library.ask_bulk_import(True),
            separator=True,
        ),
        ActionSpec(
            "import.bulk", "&Bulk Import Files…", menu, lambda: w.library.ask_bulk_import(False)
        ),
        ActionSpec(
            "agreement", "&Agreement…", menu, partial(show_agreement, w),
            tooltip="Agreement between the project's annotators (F1, κ, α) and their disagreements",
        ),
        ActionSpec(
            "statistics", "S&tatistics…", menu, partial(show_statistics, w), ("Ctrl+Shift+T",),
            separator=True,
        ),
    ]  # fmt: skip
