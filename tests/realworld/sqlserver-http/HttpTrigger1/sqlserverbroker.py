"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import pyodbc
import collections
import json
import threading
import time
import requests
server = None
database = None
username = None
password = None
driver = None


def exec_sql(req_body, dothread):
    """Minimal body for the corpus."""
    return json.dumps()


def thread_work(req_body, dothread):
    """Minimal body for the corpus."""
    return "done"
