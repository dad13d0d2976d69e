"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from ..MyFunctions import update_row_status, scrape_PressReader, get_df_from_sqlQuery
import traceback


def main(inputDict: dict) -> str:
    """Minimal body for the corpus."""
    return "done"
