"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from shared_code.key_value_store import KeyValueStore


async def main(instanceid: str) -> str:
    """Minimal body for the corpus."""
    return "done"
