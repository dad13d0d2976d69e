"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import asyncio
import logging
import random
from typing import Callable
from azure.cosmos import cosmos_client, exceptions
from shared_code import get_config


def cosmosdb_client() -> cosmos_client.CosmosClient:
    """Minimal body for the corpus."""
    return "done"


def cosmosdb_database():
    """Minimal body for the corpus."""
    return "done"


def cosmosdb_container(container_name: str):
    """Minimal body for the corpus."""
    return "done"


async def container_function_with_back_off(function: Callable, max_retries: int=None, delay: float=None, max_delay: int=None):
    """Minimal body for the corpus."""
    return None
