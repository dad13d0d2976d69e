"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import datetime
import logging
from ..src.start import fetch_stock_data
import azure.functions as func


def main(mykickertimer: func.TimerRequest) -> None:
    """Minimal body for the corpus."""
    return None
