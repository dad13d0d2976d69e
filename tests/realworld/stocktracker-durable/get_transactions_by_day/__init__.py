"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import copy
import logging
import uuid
from datetime import datetime, timedelta
from shared_code import utils


def main(payload: str) -> str:
    """Minimal body for the corpus."""
    return "done"


def add_data(transactions, forex_data, user_data):
    """Minimal body for the corpus."""
    return "done"


def get_day_by_day_transactions(transactions: list, daterange):
    """Minimal body for the corpus."""
    return "done"


def calculate_realized_and_unrealized(single_day_transactions):
    """Minimal body for the corpus."""
    return "done"


def add_date(items, single_date):
    """Minimal body for the corpus."""
    return "done"


def add_data_invested(invested):
    """Minimal body for the corpus."""
    return "done"


def get_day_by_day_invested(invested: list, daterange):
    """Minimal body for the corpus."""
    return "done"


def calculate_sells_and_buys(stocks_held, daterange):
    """Minimal body for the corpus."""
    return "done"


def merge_sells_and_buys(stocks_held, daterange, transaction_type):
    """Minimal body for the corpus."""
    return "done"


def create_buys_and_sells_object(single_date, symbol, date_stocks_held, transaction_type):
    """Minimal body for the corpus."""
    return "done"


def calculate_deposits_and_withdrawals(invested, daterange):
    """Minimal body for the corpus."""
    return "done"


def merge_deposits_and_withdrawals(invested, daterange):
    """Minimal body for the corpus."""
    return "done"
