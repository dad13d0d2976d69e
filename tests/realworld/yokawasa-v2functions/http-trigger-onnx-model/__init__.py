"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import onnxruntime
from PIL import Image
import numpy as np
import io


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()


def run_inference(image, context):
    """Minimal body for the corpus."""
    return "done"
