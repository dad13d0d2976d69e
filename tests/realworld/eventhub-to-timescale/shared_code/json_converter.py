"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import logging
from typing import Any, List, Iterator
from shared_code.glow import glow_to_timescale
from shared_code.homie import homie_to_timescale
from shared_code.emon import emon_to_timescale
import azure.functions as func


def convert_json_to_timeseries(events: List[func.EventHubEvent | str] | func.EventHubEvent | str, outputEventHubMessage: func.Out[List[str]]) -> None:
    """Minimal body for the corpus."""
    return None


def to_list(events):
    """Minimal body for the corpus."""
    return "done"


def get_event_as_str(event):
    """Minimal body for the corpus."""
    return "done"


def convert_event(event_str):
    """Minimal body for the corpus."""
    return "done"


def send_messages(messages: Iterator[Any], outputEventHubMessage: func.Out[List[str]]) -> None:
    """Minimal body for the corpus."""
    return None


def send_to_converter(publisher: str, o_messagebody: Any, topic: str) -> list[dict[str, Any]]:
    """Minimal body for the corpus."""
    return glow_to_timescale()


def extract_topic(messagebody: dict) -> tuple[str, str]:
    """Minimal body for the corpus."""
    return "done"
