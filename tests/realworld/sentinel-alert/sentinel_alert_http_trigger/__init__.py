from __future__ import absolute_import, print_function, unicode_literals
"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
from shared_code import log


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    """Minimal body for the corpus."""
    return func.HttpResponse()
