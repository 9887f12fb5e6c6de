"""Library → Statistics… (issue #12): the project's charts, one at a time, saved as PNG or SVG.

The numbers come from ``services/statistics.py`` (a few grouped queries); the charts are drawn
by ``services/charts.py`` on matplotlib's Qt canvas, imported only when the dialog opens. Text
colours follow the window's palette, so the charts read in the dark theme too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.dialog_focus import focus_text_when_closed, text_gets_focus_back
from annotator.services.charts import CHARTS, ChartColors, chart_format, draw_chart
from annotator.services.statistics import Statistics, project_statistics

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"


class StatisticsDialog(QDialog):
    """A chart chooser, the chart, and "Save Chart…"."""

    def __init__(self, stats: Statistics, parent: QWidget | None = None) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        super().__init__(parent)
        self.setObjectName("statisticsDialog")
        self.setWindowTitle("Statistics")
        self.stats = stats
        self.chooser = QComboBox()
        self.chooser.setObjectName("chartChooser")
        for name, title in CHARTS.items():
            self.chooser.addItem(title, name)
        self.figure = Figure(figsize=(7, 4.5), dpi=100)
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setMinimumSize(560, 360)
        self.saveButton = QPushButton("&Save Chart…")
        self.saveButton.setObjectName("saveChartButton")
        self.status = QLabel()
        self.status.setObjectName("chartStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never HTML
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        caption = QLabel("&Chart:")
        caption.setBuddy(self.chooser)
        top.addWidget(caption)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.saveButton)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.chooser.currentIndexChanged.connect(self.draw)
        self.saveButton.clicked.connect(self.ask_save)
        self.draw()

    def chart(self) -> str:
        """The name of the chart shown (a key of ``services.charts.CHARTS``)."""
        return str(self.chooser.currentData())

    def colors(self) -> ChartColors:
        palette = self.palette()
        return ChartColors(
            palette.color(QPalette.ColorRole.WindowText).name(),
            palette.color(QPalette.ColorRole.Window).name(),
        )

    def draw(self) -> None:
        draw_chart(self.figure, self.stats, self.chart(), self.colors())
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def ask_save(self) -> None:
        """Save the chart shown as PNG or SVG, by the extension chosen."""
        with text_gets_focus_back(self):
            name, chosen = QFileDialog.getSaveFileName(
                self, "Save chart", f"{self.chart()}.png", _FILTER
            )
        if name:
            self.save(Path(name), svg="svg" in chosen.lower())

    def save(self, path: Path, *, svg: bool = False) -> None:
        if not path.suffix:
            path = path.with_suffix(".svg" if svg else ".png")
        try:
            fmt = chart_format(path)
            self.figure.savefig(path, format=fmt, facecolor=self.figure.get_facecolor())
        except (ValueError, OSError) as exc:
            self.status.setText(f"Not saved: {exc}")
            return
        self.status.setText(f"Saved {path.name}")


def show_statistics(window: MainWindow) -> StatisticsDialog:
    """Library → Statistics…: the dialog on the project's numbers as they are now."""
    stats = project_statistics(window.project)
    old = getattr(window, "statisticsDialog", None)
    if isinstance(old, StatisticsDialog):
        old.close()
    dialog = StatisticsDialog(stats, window)
    window.statisticsDialog = dialog  # reachable by tests
    focus_text_when_closed(dialog)
    dialog.show()
    dialog.chooser.setFocus()
    return dialog
