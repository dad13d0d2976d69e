"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from dotenv_vault import load_dotenv
from typing import List
import azure.functions as func
from shared_code.timescale import store_data


def main(events: List[func.EventHubEvent]):
    """Minimal body for the corpus."""
    return None
