"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import logging
import time
from azureml.core.authentication import ServicePrincipalAuthentication
_TENANT_ID_ENV_NAME = None
_SERVICE_PRINCIPAL_ID_ENV_NAME = None
_SERVICE_PRINCIPAL_SECRET_ENV_NAME = None


def get_service_principal_auth():
    """Minimal body for the corpus."""
    return "done"


def get_access_token():
    """Minimal body for the corpus."""
    return "done"
