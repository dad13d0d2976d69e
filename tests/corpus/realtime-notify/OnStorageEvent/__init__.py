import json
import logging

import azure.functions as func


def main(event: func.EventGridEvent, notification: func.Out[str]) -> None:
    if event.event_type != "Microsoft.Storage.BlobCreated":
        logging.info("Ignoring %s", event.event_type)
        return

    data = event.get_json()
    notification.set(json.dumps({
        "target": "fileUploaded",
        "arguments": [{"subject": event.subject, "url": data.get("url"),
                       "size": data.get("contentLength")}],
    }))
