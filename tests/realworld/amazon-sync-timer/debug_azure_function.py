"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import logging
from datetime import datetime


def test_environment_variables():
    """Minimal body for the corpus."""
    return "done"


def test_sleep_time():
    """Minimal body for the corpus."""
    return "done"


def test_google_credentials():
    """Minimal body for the corpus."""
    return "done"


def test_azure_function_entry():
    """Minimal body for the corpus."""
    return "done"


def main():
    """Minimal body for the corpus."""
    return None
