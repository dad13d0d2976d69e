"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json
from database_connection import update_password
import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
