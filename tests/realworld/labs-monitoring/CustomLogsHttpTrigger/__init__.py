"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
from opencensus.ext.azure.log_exporter import AzureLogHandler
logger = None


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
