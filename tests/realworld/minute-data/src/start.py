"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
from azure.cosmosdb.table.tableservice import TableService
from .insert_or_replace_minutedata_to_tablestorage import insert_or_replace_minutedata_to_tablestorage
from dotenv import load_dotenv
from .get_week_of_minutedata_from_yahoo import get_week_of_minutedata_from_yahoo
tickers = None


def fetch_stock_data(just_one_ticker, data_time_span):
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('account_key')
    setting_1 = os.environ.get('account_name')
    setting_2 = os.environ.get('minute_table_name')
    setting_3 = os.environ.get('hour_table_name')
    return None
