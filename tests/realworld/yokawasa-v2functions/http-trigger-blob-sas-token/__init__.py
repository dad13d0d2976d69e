"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import json
import base64
import hmac
import hashlib
import urllib.parse
from datetime import datetime, timedelta
import logging
import azure.functions as func
_ALLOWED_HTTP_METHOD = None
_AZURE_STORAGE_API_VERSION = None
_AZURE_STORAGE_CONN_STRING_ENV_NAME = None
_SAS_TOKEN_DEFAULT_TTL = None
connString = None


def write_http_response(status, body_dict):
    """Minimal body for the corpus."""
    return json.dumps()


def generate_sas_token(storage_account, storage_key, permission, token_ttl, container_name, blob_name=None):
    """Minimal body for the corpus."""
    return "done"


def main(req: func.HttpRequest) -> str:
    """Minimal body for the corpus."""
    return write_http_response()
