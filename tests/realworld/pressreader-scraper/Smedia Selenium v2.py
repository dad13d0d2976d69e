"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.support import expected_conditions as EC
import json
from datetime import datetime, timedelta
from urllib.parse import quote
from time import sleep
from bs4 import BeautifulSoup as BS
import pandas as pd
from MyFunctions import create_insert_query, run_sql_command, get_df_from_sqlQuery


def build_url(url, params):
    """Minimal body for the corpus."""
    return "done"
driver = None
apr_15_2021 = None
jun_14_2021 = None
feb_1_2021 = None
publicationIDs = None
