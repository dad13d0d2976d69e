"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from json import dumps
from random import sample, choice


def main(numImages: str) -> list:
    """Minimal body for the corpus."""
    return "done"
