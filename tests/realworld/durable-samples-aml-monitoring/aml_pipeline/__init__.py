"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging, json
import os
import time
from typing import Dict
import requests
import azure.functions as func
from azureml.core.authentication import ServicePrincipalAuthentication
from ..shared.auth_helper import get_access_token


def trigger_aml_endpoint(pipeline_endpoint, experiment_name, parameter_body, retries=None):
    """Minimal body for the corpus."""
    return json.loads()


def main(name):
    """Minimal body for the corpus."""
    return "done"
