"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import urllib
from datetime import datetime
import uuid
import os
import azure.functions as func
from sqlalchemy import create_engine, Table, DateTime, Column, MetaData, String
engine = None
server = None
database = None
user_id = None
password = None


def init_engine():
    """Minimal body for the corpus."""
    return None


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
