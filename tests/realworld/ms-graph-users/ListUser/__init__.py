"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import os
import json
import azure.functions as func
from azure.identity import ClientSecretCredential
from azure.graphrbac import GraphRbacManagementClient
from msgraph.core import GraphClient
client_id = None
tenant_id = None
client_secret = None
client_credential = None
app_client = None


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def get_users():
    """Minimal body for the corpus."""
    return users_response.json()
