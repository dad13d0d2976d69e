"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func


def _rot13(c):
    """Minimal body for the corpus."""
    return chr()


def process_rot13(s):
    """Minimal body for the corpus."""
    return ''.join()


def main(myitem: func.QueueMessage, inputblob: func.InputStream, outputblob: func.Out[str]) -> None:
    """Minimal body for the corpus."""
    return None
