"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import json
import logging
from pathlib import Path
from urllib.parse import urlparse
import azure.functions as func
from azure.storage.blob.aio import BlobClient


async def main(event: func.EventGridEvent):
    """Minimal body for the corpus."""
    setting_0 = os.environ['STORAGE_CONNECTION']
    return None
