"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
from typing import Any, List
from .timeseries import create_record_recursive
from .helpers import to_datetime_string, create_correlation_id, validate_message_body_type_and_keys, validate_publisher, is_topic_of_interest


def parse_message_payload(messagebody: dict, measurement_subject: str) -> tuple:
    """Minimal body for the corpus."""
    return "done"


def process_measurement_subject(message_payload: dict, timestamp: str, correlation_id: str, publisher: str, measurement_subject: str) -> List[dict]:
    """Minimal body for the corpus."""
    return "done"


def get_ignore_keys():
    """Minimal body for the corpus."""
    return "done"


def glow_to_timescale(messagebody: dict, topic: str, publisher: str) -> List[dict[str, Any]]:
    """Minimal body for the corpus."""
    return process_measurement_subject()
