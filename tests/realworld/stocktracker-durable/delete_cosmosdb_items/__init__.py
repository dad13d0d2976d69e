"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from functools import partial
from shared_code import aio_helper, cosmosdb_module


async def main(payload: list[str, list]) -> str:
    """Minimal body for the corpus."""
    return "done"
