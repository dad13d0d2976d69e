"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from typing import Any, Dict, Union, cast
import azure.functions as func
from azure.durable_functions import DurableOrchestrationClient
from azure.durable_functions.models.utils.entity_utils import EntityId


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
