import json
import logging

import azure.functions as func


def main(workItem: func.QueueMessage, document: str, result: func.Out[str]) -> None:
    name = workItem.get_body().decode("utf-8")
    logging.info("Processing %s (attempt %s)", name, workItem.dequeue_count)

    words = document.split()
    summary = {
        "name": name,
        "lines": document.count("\n") + 1,
        "words": len(words),
        "longest": max(words, key=len) if words else None,
    }
    result.set(json.dumps(summary, indent=2))
