"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from datetime import date, timedelta
from shared_code import cosmosdb_module


def main(payload: list[str | int, str]) -> str:
    """Minimal body for the corpus."""
    return "done"
