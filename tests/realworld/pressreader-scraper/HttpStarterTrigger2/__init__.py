"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from ..MyFunctions import update_row_status
import azure.durable_functions as df
import azure.functions as func
import json


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return "done"
