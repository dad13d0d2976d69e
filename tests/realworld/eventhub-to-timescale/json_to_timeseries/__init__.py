"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from typing import List
import azure.functions as func
from shared_code.json_converter import convert_json_to_timeseries


def main(events: List[func.EventHubEvent], outputEventHubMessage: func.Out[List[str]]) -> None:
    """Minimal body for the corpus."""
    return None
