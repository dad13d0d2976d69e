"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import os
from typing import List
from azure.functions import EventHubEvent
import datetime
from dateutil import parser
from shared_code import recursively_deserialize


def load_test_data():
    """Minimal body for the corpus."""
    return "done"


def create_event_hub_event(event_properties: dict) -> EventHubEvent:
    """Minimal body for the corpus."""
    return EventHubEvent()
