"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
