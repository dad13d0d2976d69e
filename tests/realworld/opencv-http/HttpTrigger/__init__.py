"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import os
import urllib.request as rq
import re
import azure.functions as func
import mimetypes
import ctypes
import cv2
exlibpath = None


def main(req: func.HttpRequest) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
