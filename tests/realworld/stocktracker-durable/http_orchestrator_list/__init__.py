"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from datetime import datetime, timedelta
import azure.durable_functions as df
import azure.functions as func
from shared_code import aio_helper, utils


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


async def get_orchestrations(start_date, end_date, client, userid):
    """Minimal body for the corpus."""
    return "done"
