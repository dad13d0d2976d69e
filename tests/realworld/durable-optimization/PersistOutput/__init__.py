"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging


def main(name: str) -> str:
    """Minimal body for the corpus."""
    return "done"
