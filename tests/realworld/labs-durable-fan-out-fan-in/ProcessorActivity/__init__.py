"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging


def add_one(number: int) -> int:
    """Minimal body for the corpus."""
    return "done"
