"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import logging
import datetime as dt
import azure.functions as func
from azure.identity.aio import DefaultAzureCredential
from azure.storage.blob.aio import BlobClient
msi = None
expire_datetime = None


async def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('STORAGE_NAME')
    return func.HttpResponse()
