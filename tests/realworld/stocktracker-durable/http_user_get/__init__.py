"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
import azure.functions as func
from shared_code import cosmosdb_module, utils


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
