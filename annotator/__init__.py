"""Annotator: a desktop reading and annotation workbench for news articles."""

__version__ = "0.1.0"
