"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import os
import json
import time
import logging
from datetime import datetime, timedelta
from sp_api.api import Orders
from sp_api.base import SellingApiException, Marketplaces
import gspread
from google.oauth2.service_account import Credentials
import azure.functions as func


def get_amazon_credentials():
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('AMAZON_REFRESH_TOKEN')
    setting_1 = os.environ.get('AMAZON_LWA_APP_ID')
    setting_2 = os.environ.get('AMAZON_LWA_CLIENT_SECRET')
    return "done"


class CustomAmazonSync:
    """Minimal class for the corpus."""

    def __init__(self, sheet_url):
        """Minimal body for the corpus."""
        return None

    def setup_google_sheets(self):
        """Minimal body for the corpus."""
        return None

    def print_column_layout(self):
        """Minimal body for the corpus."""
        return None

    def update_headers_if_needed(self):
        """Minimal body for the corpus."""
        return None

    def update_serial_numbers_for_existing_data(self):
        """Minimal body for the corpus."""
        return None

    def setup_dropdown_validations(self):
        """Minimal body for the corpus."""
        return None

    def format_purchase_date(self, date_string):
        """Minimal body for the corpus."""
        return "done"

    def get_next_serial_number(self):
        """Minimal body for the corpus."""
        return "done"

    def get_existing_unique_ids(self):
        """Minimal body for the corpus."""
        return "done"

    def get_recent_orders(self, hours_back=None):
        """Minimal body for the corpus."""
        return "done"

    def get_order_details(self, order_id):
        """Minimal body for the corpus."""
        return "done"

    def get_ship_date(self, order, order_items):
        """Minimal body for the corpus."""
        return self.format_purchase_date()

    def sync_orders_to_sheet(self, orders):
        """Minimal body for the corpus."""
        return None

    def update_existing_orders_for_last_6_hours(self):
        """Minimal body for the corpus."""
        return None

    def is_important_status_transition(self, old_status, new_status):
        """Minimal body for the corpus."""
        return "done"


def is_sleep_time():
    """Minimal body for the corpus."""
    return "done"


def azure_timer_handler(mytimer):
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('GOOGLE_SHEET_URL')
    return "done"


def main():
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('AMAZON_REFRESH_TOKEN')
    setting_1 = os.environ.get('GOOGLE_SHEET_URL')
    return None
