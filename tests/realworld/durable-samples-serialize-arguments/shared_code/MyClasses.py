"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import typing
import json


class SerializableClass(object):
    """Minimal class for the corpus."""

    def __init__(self, number: int):
        """Minimal body for the corpus."""
        return None

    def show_number(self) -> int:
        """Minimal body for the corpus."""
        return "done"

    def to_json(obj: object) -> str:
        """Minimal body for the corpus."""
        return str()

    def from_json(json_str: str) -> object:
        """Minimal body for the corpus."""
        return "done"
