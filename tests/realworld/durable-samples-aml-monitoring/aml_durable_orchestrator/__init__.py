"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging, json
import azure.durable_functions as df
from datetime import datetime, timedelta


def orchestrator_fn(context: df.DurableOrchestrationContext):
    """Minimal body for the corpus."""
    outcome = yield None
    return outcome

main = df.Orchestrator.create(orchestrator_fn)
