"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import json
import time
from datetime import datetime, timedelta
from sp_api.api import Orders
from sp_api.base import SellingApiException, Marketplaces
import gspread
from google.oauth2.service_account import Credentials
AMAZON_CREDENTIALS = None


class BackupAmazonSync:
    """Minimal class for the corpus."""

    def __init__(self, sheet_url):
        """Minimal body for the corpus."""
        return None

    def setup_google_sheets(self):
        """Minimal body for the corpus."""
        return None

    def format_purchase_date(self, date_string):
        """Minimal body for the corpus."""
        return "done"

    def get_next_serial_number(self):
        """Minimal body for the corpus."""
        return "done"

    def get_ship_date(self, order, order_items):
        """Minimal body for the corpus."""
        return self.format_purchase_date()

    def get_last_2_days_orders(self):
        """Minimal body for the corpus."""
        return "done"

    def get_order_details(self, order_id):
        """Minimal body for the corpus."""
        return "done"

    def backup_sync_to_sheet(self, orders):
        """Minimal body for the corpus."""
        return None


def main():
    """Minimal body for the corpus."""
    return None
