"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import azure.functions as func
from shared_code.bmw import get_and_serialise_car_data


def main(mytimer: func.TimerRequest):
    """Minimal body for the corpus."""
    return "done"
