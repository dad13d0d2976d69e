import json
import logging
import os
from datetime import datetime, timedelta, timezone

import azure.functions as func
import requests
from dateutil import parser as dateparser


def main(timer: func.TimerRequest, report: func.Out[str]) -> None:
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).date()
    response = requests.get(os.environ["METRICS_URL"],
                            params={"date": yesterday.isoformat()}, timeout=30)
    response.raise_for_status()
    metrics = response.json()

    generated = dateparser.isoparse(metrics.get("generatedAt", datetime.now(timezone.utc).isoformat()))
    summary = {
        "date": yesterday.isoformat(),
        "requests": metrics.get("requests", 0),
        "errors": metrics.get("errors", 0),
        "sourceGeneratedAt": generated.isoformat(),
        "late": timer.past_due,
    }
    report.set(json.dumps(summary, indent=2))
    logging.info("Nightly report for %s written", yesterday)
