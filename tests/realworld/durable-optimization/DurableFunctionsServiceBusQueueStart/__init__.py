"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import azure.durable_functions as df


async def main(msg: func.ServiceBusMessage, starter: str):
    """Minimal body for the corpus."""
    return None
