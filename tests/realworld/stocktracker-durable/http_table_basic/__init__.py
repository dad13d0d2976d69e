"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from datetime import date, timedelta
import azure.functions as func
from shared_code import cosmosdb_module, utils


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def get_items(containername, andor, fully_realized, partial_realized, userid, symbol):
    """Minimal body for the corpus."""
    return func.HttpResponse()


def construct_query(andor, fully_realized, partial_realized, symbol):
    """Minimal body for the corpus."""
    return "done"
