"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
import azure.functions as func
from azure.cosmos import exceptions
from jsonschema import validate
from shared_code import cosmosdb_module, schemas, utils


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
