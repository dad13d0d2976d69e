"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import hashlib
import uuid
from datetime import datetime, timedelta
from azure.storage.blob import BlobServiceClient, BlobClient, ContainerClient, ContainerSasPermissions, generate_container_sas


def hash_uuid(length=None):
    """Minimal body for the corpus."""
    return "done"


def createContainerFile(blob_service_client, input_file_name, input_file_content):
    """Minimal body for the corpus."""
    return "done"


def createContainerSas(blob_service_client, container_name, container_client):
    """Minimal body for the corpus."""
    return "done"
