"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import random


def main(phoneNumber, message):
    """Minimal body for the corpus."""
    return "done"
