"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import time
import requests


def main(payload: str) -> str:
    """Minimal body for the corpus."""
    return data.json()
