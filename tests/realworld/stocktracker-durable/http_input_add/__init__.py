"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
import uuid
import azure.functions as func
from dateutil import parser
from shared_code import cosmosdb_module, schemas, utils


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
