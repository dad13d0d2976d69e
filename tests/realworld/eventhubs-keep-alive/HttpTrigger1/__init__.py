"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import asyncio
import azure.functions as func
from azure.eventhub import EventData
from azure.eventhub.aio import EventHubProducerClient


class EventProducer:
    """Minimal class for the corpus."""

    def __init__(self, conn_str):
        """Minimal body for the corpus."""
        return None

    async def produce(self, data):
        """Minimal body for the corpus."""
        return None
conn_str = None
producer = None


async def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
