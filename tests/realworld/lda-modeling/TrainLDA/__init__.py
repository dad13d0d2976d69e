"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json, os
import azure.functions as func
from . import topic_classify as classifier


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
