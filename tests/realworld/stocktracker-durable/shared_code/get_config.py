"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
from dotenv import load_dotenv


def get_cosmosdb() -> dict[str, str]:
    """Minimal body for the corpus."""
    setting_0 = os.environ['COSMOSDB_ENDPOINT']
    setting_1 = os.environ['COSMOSDB_KEY']
    setting_2 = os.environ['COSMOSDB_DATABASE']
    return "done"
