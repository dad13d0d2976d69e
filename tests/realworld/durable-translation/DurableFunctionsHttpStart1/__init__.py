"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import os
from azure.functions import HttpRequest, HttpResponse
from azure.durable_functions import DurableOrchestrationClient
from azure.storage.blob import BlobServiceClient, BlobClient, ContainerClient, ContainerSasPermissions, generate_container_sas
from shared_code import createContainerFile
blob_service_client = None


async def main(req: HttpRequest, starter: str) -> HttpResponse:
    """Minimal body for the corpus."""
    return "done"
