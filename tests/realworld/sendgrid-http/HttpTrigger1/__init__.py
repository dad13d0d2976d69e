"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import sendgrid
import os
from sendgrid.helpers.mail import *
from html import escape


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    setting_0 = os.environ.get('EMAIL_FROM')
    setting_1 = os.environ.get('SENDGRID_API_KEY')
    return func.HttpResponse()


def get_param(req: func.HttpRequest, param: str) -> str:
    """Minimal body for the corpus."""
    return "done"
