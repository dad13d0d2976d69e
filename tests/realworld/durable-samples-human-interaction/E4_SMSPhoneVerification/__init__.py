"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import azure.durable_functions as df
from datetime import timedelta


def is_valid_phone_number(phone_number: str):
    """Minimal body for the corpus."""
    return "done"


def orchestrator_function(context: df.DurableOrchestrationContext):
    """Minimal body for the corpus."""
    outcome = yield None
    return outcome

main = df.Orchestrator.create(orchestrator_function)
