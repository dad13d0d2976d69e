import json
import logging

import azure.functions as func


def main(msg: func.QueueMessage, receipt: func.QueueMessage) -> None:
    order = json.loads(msg.get_body().decode("utf-8"))
    logging.info("Processing order %s", order.get("id"))
    receipt.set(json.dumps({"order": order.get("id"), "status": "done"}))
