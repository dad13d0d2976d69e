"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import aiohttp
import os
from typing import Optional


class KeyValueStore:
    """Minimal class for the corpus."""

    def __init__(self, app_key: str, base_url: Optional[str]=None):
        """Minimal body for the corpus."""
        return None

    async def set_value(self, key: str, value: str) -> bool:
        """Minimal body for the corpus."""
        return "done"

    async def get_value(self, key: str) -> str:
        """Minimal body for the corpus."""
        return "done"
