"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import psycopg2
import pandas as pd
import azure.functions as func
from io import StringIO
from azure.storage.blob import BlobServiceClient
import joblib
from sklearn import svm
import os
import tempfile
from datetime import datetime
import json
from decimal import Decimal
import numpy as np
PER_ETA = None


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def calculate_age(birth_date):
    """Minimal body for the corpus."""
    return "done"


def calculate_net(gender, weight, height, age, activity_factor):
    """Minimal body for the corpus."""
    return "done"


def calculate_imc(height, weight):
    """Minimal body for the corpus."""
    return "done"


def obtain_percentage_caloric_reduction(imc_scale, caloric_reduction):
    """Minimal body for the corpus."""
    return "done"


def calculate_total_calories(net, percentage_caloric_reduction):
    """Minimal body for the corpus."""
    return "done"


def distribute_calories(total_calories, meal_type):
    """Minimal body for the corpus."""
    return "done"


def adjust_ingredient_quantities(ingredients, target_calories):
    """Minimal body for the corpus."""
    return "done"
