import json
import logging
import os

import azure.functions as func

LIMIT = float(os.environ.get("TEMPERATURE_LIMIT", "85"))


def main(event: func.EventHubEvent, alert: func.Out[str]) -> None:
    reading = json.loads(event.get_body().decode("utf-8"))
    if reading["temperature"] <= LIMIT:
        return

    logging.warning("Device %s over limit: %.1f", reading["deviceId"], reading["temperature"])
    alert.set(json.dumps({
        "deviceId": reading["deviceId"],
        "temperature": reading["temperature"],
        "limit": LIMIT,
        "partitionKey": event.partition_key,
    }))
