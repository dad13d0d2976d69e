"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
import io
import sys
from PIL import Image
FINAL_COMPOSITE_MAX_HEIGHT = None
FINAL_COMPOSITE_MAX_WIDTH = None
WATERMARK_WIDTH_RATIO = None


def main(blobin: func.InputStream, blobout: func.Out[bytes], context: func.Context):
    """Minimal body for the corpus."""
    return None
