"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
import azure.functions as func


def main(event: func.EventGridEvent):
    """Minimal body for the corpus."""
    return None
