"""The Qt GUI: the only layer that imports PySide6."""

from annotator.gui.main_window import MainWindow

__all__ = ["MainWindow"]
