"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import azure.functions as func
from shared_code.key_value_store import KeyValueStore


async def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
