"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from azure.durable_functions import DurableOrchestrationClient
import azure.functions as func


async def main(req: func.HttpRequest, starter: str, message):
    """Minimal body for the corpus."""
    return None
