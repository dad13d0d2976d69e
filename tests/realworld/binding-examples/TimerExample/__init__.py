"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import datetime
import logging
import azure.functions as func


def main(myTimer: func.TimerRequest) -> None:
    """Minimal body for the corpus."""
    return None
