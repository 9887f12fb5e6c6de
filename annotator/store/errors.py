"""Errors the store reports to users: each message says what is wrong and that nothing changed."""


class ProjectError(Exception):
    """The project file cannot be opened or written; the message is meant for the user."""
