"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from asyncio import sleep
import json
import logging
from os import environ
from random import choice
import azure.functions as func
from .predict import predict_image_from_url


async def main(request: dict, signalr: func.Out[str]) -> str:
    """Minimal body for the corpus."""
    setting_0 = environ['ImagesBaseUrl']
    return "done"
