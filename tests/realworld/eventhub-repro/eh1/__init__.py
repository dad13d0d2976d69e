"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from typing import List
import datetime
import logging
import azure.functions as func


def main(events: List[func.EventHubEvent]):
    """Minimal body for the corpus."""
    return None
