"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import requests
import json


def main(repoID: str) -> str:
    """Minimal body for the corpus."""
    return "done"
