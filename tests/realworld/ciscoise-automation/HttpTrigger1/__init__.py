"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import datetime
import time
import requests
import json
import os
import logging
import azure.functions as func
from azure.appconfiguration import AzureAppConfigurationClient
API_AUTH = None
API_HEADER = None
primary_fqdn = None
secondary_fqdn = None
admin_username = None
admin_password = None
primary_ip = None
secondary_ip = None
psn_fqdn = None
pan_services = None
psn_services = None
secondary_roles = None
psn_roles = None


def initialize_globals():
    """Minimal body for the corpus."""
    setting_0 = os.environ['AppConfigConnectionString']
    return None


def get_app_config_parameter(config_client, key):
    """Minimal body for the corpus."""
    return "done"


def set_node_as_primary(primary_ip):
    """Minimal body for the corpus."""
    return "done"


def set_node_as_secondary(roles_enabled, service_enabled):
    """Minimal body for the corpus."""
    return "done"


def register_psn_node(psn_node_fqdn, service_enabled, roles_enabled):
    """Minimal body for the corpus."""
    return "done"


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
