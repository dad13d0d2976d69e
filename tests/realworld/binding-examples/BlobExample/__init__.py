"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func


def main(inputBlob: func.InputStream, outputBlob: func.Out[str]):
    """Minimal body for the corpus."""
    return None
