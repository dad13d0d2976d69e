"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json
import os
from azure.mgmt.resource import ResourceManagementClient


def process_rg_instance(group):
    """Minimal body for the corpus."""
    return "done"


async def list_rgs(credentials, subscription_id):
    """Minimal body for the corpus."""
    return json.dumps()
