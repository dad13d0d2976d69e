"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import os
import pandas as pd
from azure.storage.blob import ContentSettings
from azure.storage.blob import BlockBlobService
from io import StringIO
blob_account_name = None
blob_account_key = None
block_blob_service = None
out_blob_container_name = None


def clean(req_body):
    """Minimal body for the corpus."""
    return "done"


def extract_blob_props(url):
    """Minimal body for the corpus."""
    return "done"


def clean_blob(df, blob_file_name):
    """Minimal body for the corpus."""
    return "done"
