"""Webhook receivers shared by two functions through scriptFile/entryPoint.

GithubWebhook/function.json and StripeWebhook/function.json both point their
"scriptFile" at this module and pick a different "entryPoint".
"""
import json
import logging
import os

import azure.functions as func

from shared_code import signatures


def github_webhook(req: func.HttpRequest) -> func.HttpResponse:
    body = req.get_body()
    if not signatures.matches(os.environ["GITHUB_WEBHOOK_SECRET"], body,
                              req.headers.get("X-Hub-Signature-256"), prefix="sha256="):
        return func.HttpResponse("bad signature", status_code=401)

    event = req.headers.get("X-GitHub-Event", "unknown")
    payload = json.loads(body or b"{}")
    logging.info("GitHub %s event for %s", event, payload.get("repository", {}).get("full_name"))
    return func.HttpResponse(status_code=204)


def stripe_webhook(req: func.HttpRequest) -> func.HttpResponse:
    header = req.headers.get("Stripe-Signature", "")
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    signed = f"{parts.get('t', '')}.".encode() + req.get_body()
    if not signatures.matches(os.environ["STRIPE_WEBHOOK_SECRET"], signed, parts.get("v1", "")):
        return func.HttpResponse("bad signature", status_code=400)

    event = req.get_json()
    logging.info("Stripe event %s (%s)", event.get("id"), event.get("type"))
    return func.HttpResponse(status_code=200)
