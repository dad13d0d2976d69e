"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import json
from .predict import predict_image_from_url


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
