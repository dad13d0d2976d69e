"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import requests
import json
import numpy as np
import os
import pandas as pd
from azure.storage.blob import ContentSettings
from azure.storage.blob import BlockBlobService
from io import StringIO
from adal import AuthenticationContext
from . import fetch_blob as fetching_service
blob_account_name = None
blob_account_key = None
block_blob_service = None
out_blob_final = None
AUTHORITY = None
base_url = None
WORKBENCH_API_URL = None
RESOURCE = None
CLIENT_APP_Id = None
CLIENT_SECRET = None
auth_context = None


def clean(req_body):
    """Minimal body for the corpus."""
    return "done"


def fetch_blobs(out_blob_final):
    """Minimal body for the corpus."""
    return "done"


def populate_workbench(dfCreate):
    """Minimal body for the corpus."""
    return "done"


def make_create_payload(df, index):
    """Minimal body for the corpus."""
    return "done"


def create_json_blob(json_array):
    """Minimal body for the corpus."""
    return "done"
createdContracts = None


def create_contract(workflowId, contractCodeId, connectionId, payload):
    """Minimal body for the corpus."""
    return "done"
