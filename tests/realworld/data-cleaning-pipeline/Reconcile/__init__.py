"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json
import azure.functions as func
from . import clean as cleaning_service


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
