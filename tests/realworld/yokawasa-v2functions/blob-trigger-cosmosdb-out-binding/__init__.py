"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import os
import azure.functions as func
import http.client, urllib.parse, base64, json
import requests
subscription_key = None
api_endpoint = None
headers = None
params = None


def main(myblob: func.InputStream, doc: func.Out[func.Document]):
    """Minimal body for the corpus."""
    return None
