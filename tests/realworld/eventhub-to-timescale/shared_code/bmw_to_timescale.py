"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from typing import Any, List, Dict, Optional, Tuple
import json
import logging
from azure.functions import EventHubEvent, Out
import shared_code as sc


def convert_bmw_to_timescale(event: EventHubEvent, outputEventHubMessage: Out[str], outputEventHubMessage_monitor: Out[str]) -> None:
    """Minimal body for the corpus."""
    return None


def get_event_body(event: EventHubEvent) -> Dict[str, Any]:
    """Minimal body for the corpus."""
    return json.loads()


def construct_messages(vin: str, last_updated_at: str, event_object: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Minimal body for the corpus."""
    return create_records_from_fields()


def create_records_from_fields(vin: str, last_updated_at: str, all_fields: Dict[str, Any], fields_to_record: List[Tuple[str, sc.PayloadType, Any]]) -> List[Dict[str, Any]]:
    """Minimal body for the corpus."""
    return "done"


def get_vin_from_message(messagebody: dict[str, Any]) -> str:
    """Minimal body for the corpus."""
    return "done"


def get_last_updated_at_from_message(messagebody: dict[str, Any]) -> str:
    """Minimal body for the corpus."""
    return "done"


def get_coordinates_from_message(messagebody: Dict[str, Any]) -> list[float] | None:
    """Minimal body for the corpus."""
    return "done"


def validate_lat_long(lat: float | int, lon: float | int) -> list[float, float]:
    """Minimal body for the corpus."""
    return "done"


def get_current_mileage_from_message(messagebody: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Minimal body for the corpus."""
    return "done"


def get_electric_charging_state_from_message(messagebody: Dict[str, Any]) -> Dict[str, Any]:
    """Minimal body for the corpus."""
    return "done"
