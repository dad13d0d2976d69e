"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from datetime import date
import azure.functions as func
import pandas as pd
from shared_code import cosmosdb_module, utils, validate_input


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def new_result_object(datatype: str) -> dict:
    """Minimal body for the corpus."""
    return "done"
