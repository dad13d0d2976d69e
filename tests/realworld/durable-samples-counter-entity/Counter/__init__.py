"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import json
import azure.functions as func
import azure.durable_functions as df


def entity_function(context: df.DurableEntityContext):
    """Minimal body for the corpus."""
    return None

main = df.Entity.create(entity_function)
