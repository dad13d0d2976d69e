from __future__ import absolute_import, print_function, unicode_literals
"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging


def log_request(req, context):
    """Minimal body for the corpus."""
    return None
