"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
_SUBSCRIPTION_ID_ENV_NAME = None
_RESOURCE_GROUP_NAME_ENV_NAME = None
_AML_WORKSPACE_NAME_ENV_NAME = None
_RUN_URL_TEMPLATE = None


def get_run_url_from_env(run_id: str, experiment_name: str):
    """Minimal body for the corpus."""
    return _RUN_URL_TEMPLATE.format()


def get_run_logs(run_id: str, experiment_name: str):
    """Minimal body for the corpus."""
    return "done"
