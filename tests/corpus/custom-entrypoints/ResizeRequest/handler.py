import json
import logging

import azure.functions as func

VALID_SIZES = {"small": 128, "medium": 512, "large": 1024}


def run(msg: func.QueueMessage, jobRecord: func.Out[str]) -> None:
    request = msg.get_json()
    size = request.get("size", "medium")
    if size not in VALID_SIZES:
        logging.error("Unsupported size %r in message %s", size, msg.id)
        return

    job = {"image": request["image"], "width": VALID_SIZES[size], "messageId": msg.id}
    jobRecord.set(json.dumps(job))
    logging.info("Recorded resize job for %s", request["image"])
