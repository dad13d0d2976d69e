"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import json
import hashlib
import datetime
import logging
import feedparser
import azure.functions as func
RSS_FEED_URL = None


def get_feed():
    """Minimal body for the corpus."""
    return "done"


def main(mytimer: func.TimerRequest, outdoc: func.Out[func.Document]):
    """Minimal body for the corpus."""
    return None
