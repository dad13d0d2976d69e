"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func


def main(req: func.HttpRequest, msg: func.Out[func.QueueMessage]) -> str:
    """Minimal body for the corpus."""
    return func.HttpResponse()
