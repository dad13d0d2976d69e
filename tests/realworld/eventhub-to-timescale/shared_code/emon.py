"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
from typing import Any
from .timeseries import create_record_recursive
from .helpers import is_topic_of_interest, to_datetime_string, create_correlation_id, validate_message_body_type_and_keys, validate_publisher


def emon_to_timescale(messagebody: dict, topic: str, publisher: str) -> list[dict[str, Any]]:
    """Minimal body for the corpus."""
    return create_record_recursive()


def extract_timestamp(message_payload: dict) -> str:
    """Minimal body for the corpus."""
    return to_datetime_string()
