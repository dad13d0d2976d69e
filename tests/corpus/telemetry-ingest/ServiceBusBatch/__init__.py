import logging
from typing import List

import azure.functions as func


def main(messages: List[func.ServiceBusMessage], archive: func.Out[str]) -> None:
    lines = [m.get_body().decode("utf-8") for m in messages]
    archive.set("\n".join(lines) + "\n")
    logging.info("Archived %d alert(s); first message id %s", len(lines), messages[0].message_id)
