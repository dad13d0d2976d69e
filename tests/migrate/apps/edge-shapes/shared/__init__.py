"""Helpers shared by the functions."""


def greeting(name: str) -> str:
    """A greeting for `name`."""
    return f"Hello, {name}"
