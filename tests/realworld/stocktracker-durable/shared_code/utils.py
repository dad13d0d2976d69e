"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import base64
import json
import azure.functions as func
from jsonschema import validate
from shared_code import cosmosdb_module


def get_unique_items(items: list, key_to_filter: str) -> list:
    """Minimal body for the corpus."""
    return list()


def get_weighted_average(data: list, weight: list) -> float:
    """Minimal body for the corpus."""
    return float()


def add_meta_data_to_stock_data(stock_data: list, container_name: str, userid: str) -> list:
    """Minimal body for the corpus."""
    return "done"


def create_params_func_request(url: str, method: str, params: dict, body: dict | None=None) -> func.HttpRequest:
    """Minimal body for the corpus."""
    return "done"


def validate_json(instance, schema) -> None | func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def get_user(req: func.HttpRequest) -> dict[str, str | list[str]]:
    """Minimal body for the corpus."""
    return "done"


def is_admin(req) -> bool:
    """Minimal body for the corpus."""
    return "done"
