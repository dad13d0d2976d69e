"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
from typing import Any, List
from datetime import datetime
from dateutil import parser
from uuid import uuid4


def is_topic_of_interest(topic: str, events_of_interest: List[str]):
    """Minimal body for the corpus."""
    return "done"


def validate_publisher(publisher: str, expected_publisher: str):
    """Minimal body for the corpus."""
    return None


def validate_message_body_type_and_keys(messagebody: Any, service_name: str, other_keys: List[str]=None) -> None:
    """Minimal body for the corpus."""
    return None


def to_datetime_string(timestamp) -> str:
    """Minimal body for the corpus."""
    return datetime.fromtimestamp(timestamp).strftime()


def create_correlation_id() -> str:
    """Minimal body for the corpus."""
    return str()


def recursively_deserialize(item: Any) -> dict:
    """Minimal body for the corpus."""
    return "done"
