"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import logging
from typing import Any, Union, List
from dotenv_vault import load_dotenv
import psycopg as psycopg
import azure.functions as func
from jsonschema import validate
import json


def store_data(events: List[func.EventHubEvent]):
    """Minimal body for the corpus."""
    return None


def get_connection_string() -> str:
    """Minimal body for the corpus."""
    setting_0 = os.environ['POSTGRES_DB']
    setting_1 = os.environ['POSTGRES_USER']
    setting_2 = os.environ['POSTGRES_PASSWORD']
    setting_3 = os.environ['POSTGRES_HOST']
    setting_4 = os.environ['POSTGRES_PORT']
    return "done"


def get_table_name() -> str:
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('TABLE_NAME')
    return "done"
schema_path = None


def create_single_timescale_record(conn: psycopg.Connection, string_record: str, table_name: str) -> None:
    """Minimal body for the corpus."""
    return None


def validate_all_fields_in_record(record: dict[str, Any]) -> None:
    """Minimal body for the corpus."""
    return None


def identify_data_column(measurement_type: str) -> str:
    """Minimal body for the corpus."""
    return "done"


def parse_measurement_value(measurement_type: str, measurement_value: str) -> Union[bool, float, str]:
    """Minimal body for the corpus."""
    return "done"


def parse_to_geopoint(measurement_value: Union[str, List[Union[str, float]]]):
    """Minimal body for the corpus."""
    return "done"
