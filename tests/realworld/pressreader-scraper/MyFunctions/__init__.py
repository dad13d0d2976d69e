"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import requests
from time import sleep
import random
import pandas as pd
from datetime import datetime, timedelta
import uuid
import pyodbc
import os
import logging


def get_df_from_sqlQuery(sqlQuery, database, local=None):
    """Minimal body for the corpus."""
    return "done"


def run_sql_command(sqlQuery, database, local=None):
    """Minimal body for the corpus."""
    return None


def get_connection_string(database, local):
    """Minimal body for the corpus."""
    return "done"


def scrape_PressReader(publicationCID, date, publicationName, sleepSecs):
    """Minimal body for the corpus."""
    setting_0 = os.getenv('PressReader_AccessToken')
    return "done"


def upload_to_sql(df, sqlName):
    """Minimal body for the corpus."""
    return None


def rows_to_strings(df, columnDict):
    """Minimal body for the corpus."""
    return "done"


def sqlise(_val_, _format_):
    """Minimal body for the corpus."""
    return "done"


def create_insert_query(df, columnDict, sqlTableName):
    """Minimal body for the corpus."""
    return "done"


def get_text(articleJS):
    """Minimal body for the corpus."""
    return "done"


def get_subtitle(subtitle):
    """Minimal body for the corpus."""
    return "done"


def update_row_status(publicationCID, publishedDate, status=None, uri=None):
    """Minimal body for the corpus."""
    return None


def remove_duplicates(columnList, sqlTableName, primaryKeyColName):
    """Minimal body for the corpus."""
    return None
