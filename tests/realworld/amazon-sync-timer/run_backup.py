"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import sys
import os
from datetime import datetime


def main():
    """Minimal body for the corpus."""
    return None
