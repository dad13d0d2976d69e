"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.durable_functions as df
import azure.functions as func
from shared_code import utils


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
