"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from datetime import date, timedelta
import azure.functions as func
from shared_code import cosmosdb_module, utils, validate_input


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def get_max_data(container_name: str, userid: str):
    """Minimal body for the corpus."""
    return "done"


def get_non_max_data(container_name: str, userid: str, start_date: str, end_date: str):
    """Minimal body for the corpus."""
    return "done"


def create_result_stocks_held(start_data: list, end_data: list):
    """Minimal body for the corpus."""
    return "done"


def create_result_totals(start_data: dict, end_data: dict):
    """Minimal body for the corpus."""
    return "done"


def query_builder(container_name: str):
    """Minimal body for the corpus."""
    return "done"


def run_query(container_name: str, start_date: str, end_date: str, userid: str):
    """Minimal body for the corpus."""
    return "done"
