"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from typing import Any, List
from .timeseries import create_atomic_record, PayloadType
from .helpers import to_datetime_string, create_correlation_id, validate_message_body_type_and_keys, validate_publisher


def homie_to_timescale(messagebody: dict, topic: str, publisher: str) -> List[dict[str, Any]]:
    """Minimal body for the corpus."""
    return "done"


def get_events_of_interest():
    """Minimal body for the corpus."""
    return "done"


def get_measurement_of_and_subject(topic: str) -> (str, str):
    """Minimal body for the corpus."""
    return "done"


def get_payload_type(measurement_of: str) -> PayloadType:
    """Minimal body for the corpus."""
    return "done"
