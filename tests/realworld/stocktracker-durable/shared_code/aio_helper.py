"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import asyncio


async def gather_with_concurrency(concurrency: int, *tasks):
    """Minimal body for the corpus."""
    return "done"
