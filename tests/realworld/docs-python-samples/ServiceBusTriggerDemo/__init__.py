"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func


def main(message: func.ServiceBusMessage):
    """Minimal body for the corpus."""
    return None
