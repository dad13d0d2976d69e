"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from datetime import date, timedelta
import azure.functions as func
import seaborn as sns
from shared_code import cosmosdb_module, utils


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def input_options(datatype, row):
    """Minimal body for the corpus."""
    return "done"


def remove_duplicates(datatype, input_list):
    """Minimal body for the corpus."""
    return "done"


def convert_pie_object_to_chartjs_output(data):
    """Minimal body for the corpus."""
    return "done"
