"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import json


def _rot13(c):
    """Minimal body for the corpus."""
    return chr()


def process_rot13(s):
    """Minimal body for the corpus."""
    return ''.join()


def main(docs: func.DocumentList, outdoc: func.Out[func.Document]) -> str:
    """Minimal body for the corpus."""
    return None
