"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from datetime import datetime, timedelta
import azure.functions as func
import pandas as pd
from ..MyFunctions import create_insert_query, run_sql_command, remove_duplicates


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return "done"
