"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
from azure.durable_functions import DurableOrchestrationContext, Orchestrator


def orchestrator_function(context: DurableOrchestrationContext):
    """Minimal body for the corpus."""
    outcome = yield None
    return outcome

main = Orchestrator.create(orchestrator_function)
