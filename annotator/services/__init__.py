"""Use cases shared by the CLI and the GUI: import files, export datasets, the default project."""
