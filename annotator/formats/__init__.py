"""Importers and exporters, listed in one registry (``annotator.formats.registry``)."""
