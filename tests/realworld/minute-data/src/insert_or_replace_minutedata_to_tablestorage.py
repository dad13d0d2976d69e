"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import time
from azure.cosmosdb.table import TableBatch


def is_batch_full(count):
    """Minimal body for the corpus."""
    return "done"


def insert_or_replace_minutedata_to_tablestorage(table_client, table_name, ticker, minutedata):
    """Minimal body for the corpus."""
    return None
