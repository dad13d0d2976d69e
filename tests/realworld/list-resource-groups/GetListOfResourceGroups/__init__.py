"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import asyncio
import os
import azure.functions as func
from azure.common.credentials import ServicePrincipalCredentials, get_azure_cli_credentials
from msrestazure.azure_active_directory import MSIAuthentication
from .resource_group_operations import list_rgs


async def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('AZURE_SUBSCRIPTION_ID')
    return func.HttpResponse()
