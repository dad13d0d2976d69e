"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from typing import List
import logging
import azure.functions as func
from shared_code.bmw_to_timescale import convert_bmw_to_timescale


def main(event: func.EventHubEvent, outputEventHubMessage: func.Out[List[str]], outputEHMonitor: func.Out[List[str]]) -> None:
    """Minimal body for the corpus."""
    return None
