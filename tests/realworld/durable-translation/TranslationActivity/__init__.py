"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import os
from azure.core.credentials import AzureKeyCredential
from azure.ai.translation.document import DocumentTranslationClient


def main(sasList) -> str:
    """Minimal body for the corpus."""
    setting_0 = os.getenv('TRANSLATION_ENDPOINT')
    setting_1 = os.getenv('TRANSLATION_KEY')
    return "done"
