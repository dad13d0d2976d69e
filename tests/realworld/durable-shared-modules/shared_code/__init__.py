"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import datetime
import logging
import azure.durable_functions as df
CACHED_TIME = None


class Config:
    """Minimal class for the corpus."""

    def load(self):
        """Minimal body for the corpus."""
        return "done"


class Logger:
    """Minimal class for the corpus."""

    def __init__(self, context: df.DurableOrchestrationContext):
        """Minimal body for the corpus."""
        return None

    def log(self, message: str):
        """Minimal body for the corpus."""
        return None

    def info(self, message: str):
        """Minimal body for the corpus."""
        return None

    def debug(self, message: str):
        """Minimal body for the corpus."""
        return None

    def warning(self, message: str):
        """Minimal body for the corpus."""
        return None

    def error(self, message: str):
        """Minimal body for the corpus."""
        return None

    def critical(self, message: str):
        """Minimal body for the corpus."""
        return None

    def exception(self, message: str):
        """Minimal body for the corpus."""
        return None
