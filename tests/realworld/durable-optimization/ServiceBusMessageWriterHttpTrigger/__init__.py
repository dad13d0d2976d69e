"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json
from os import environ
import azure.functions as func
from opencensus.extension.azure.functions import OpenCensusExtension
from opencensus.ext.azure.log_exporter import AzureLogHandler
logger = None


def main(req: func.HttpRequest, msg: func.Out[str], context: func.Context) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return "done"
