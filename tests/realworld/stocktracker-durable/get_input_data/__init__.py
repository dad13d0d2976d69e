"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from datetime import date
import pandas as pd
from shared_code import cosmosdb_module, utils


def main(payload: str) -> dict:
    """Minimal body for the corpus."""
    return "done"


def get_cosmosdb_items(query: str, parameters: list, container_name: str, keys_to_pop: list):
    """Minimal body for the corpus."""
    return "done"
