"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json
import azure.functions as func


def main(inMessage: func.QueueMessage, outMessage: func.Out[func.QueueMessage]):
    """Minimal body for the corpus."""
    return None
