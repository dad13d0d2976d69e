"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import json
import os
import io
from PIL import Image
from . import classify_image
import urllib
from urllib.request import urlopen


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
