"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import pathlib
from azure.storage.blob import BlobServiceClient
from azure.core.exceptions import ResourceExistsError
connect_str = None


def main(filePath: str) -> str:
    """Minimal body for the corpus."""
    return "done"
