"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import uuid
from datetime import date, timedelta
import requests


def main(payload: str):
    """Minimal body for the corpus."""
    return "done"


def call_clearbit_api(url: str, clearbit_api_key: str) -> dict:
    """Minimal body for the corpus."""
    return response.json()


def call_brandfetch_api(url: str, brandfetch_api_key: str) -> dict:
    """Minimal body for the corpus."""
    return response.json()


def filtered_logos(logos):
    """Minimal body for the corpus."""
    return "done"


def filtered_images(images):
    """Minimal body for the corpus."""
    return "done"
