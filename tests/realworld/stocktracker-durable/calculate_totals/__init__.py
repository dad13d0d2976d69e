"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import uuid


def main(payload: str) -> str:
    """Minimal body for the corpus."""
    return "done"


def create_totals_object(stocks: dict, invested: dict, userid: str, single_date: str) -> dict:
    """Minimal body for the corpus."""
    return "done"


def add_stock_weight(stocks_single_date: dict, totals: dict):
    """Minimal body for the corpus."""
    return None
