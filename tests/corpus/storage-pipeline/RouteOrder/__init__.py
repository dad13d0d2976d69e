import json
import logging

import azure.functions as func

REQUIRED = ("orderId", "customerId", "lines")


def main(order: func.QueueMessage) -> str:
    payload = order.get_json()
    missing = [field for field in REQUIRED if field not in payload]
    if missing:
        raise ValueError(f"order is missing {missing}")  # retried, then sent to the poison queue

    payload["total"] = round(sum(l["price"] * l["qty"] for l in payload["lines"]), 2)
    logging.info("Order %s validated, total %.2f", payload["orderId"], payload["total"])
    return json.dumps(payload)
