"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import psycopg2
import azure.functions as func
import scrypt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.backends import default_backend
from datetime import datetime
import numpy as np
import jwt
from jwt import encode
from datetime import datetime
import base64
import json


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def verify_password(input_password, final_hash):
    """Minimal body for the corpus."""
    return "done"


def calculate_age(birth_date):
    """Minimal body for the corpus."""
    return "done"
