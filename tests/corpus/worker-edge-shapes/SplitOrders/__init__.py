import asyncio
import json
import logging
from typing import List

from azure.functions import Out, QueueMessage


async def _enrich(order: dict) -> dict:
    await asyncio.sleep(0)  # stands in for an async lookup
    return {**order, "source": "batch"}


async def main(batch: QueueMessage, orders: Out[List[str]]) -> None:
    items = json.loads(batch.get_body())
    enriched = await asyncio.gather(*(_enrich(item) for item in items))
    orders.set([json.dumps(order) for order in enriched])
    logging.info("Split batch %s into %d order(s)", batch.id, len(enriched))
