"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from datetime import datetime, timedelta
import logging
import requests
from ..MyFunctions import get_df_from_sqlQuery
import azure.functions as func


def main(mytimer: func.TimerRequest) -> None:
    """Minimal body for the corpus."""
    return None
