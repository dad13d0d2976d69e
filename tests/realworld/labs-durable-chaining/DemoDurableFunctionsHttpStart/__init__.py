"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return client.create_check_status_response()
