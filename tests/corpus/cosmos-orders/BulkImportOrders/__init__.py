import json
import logging

import azure.functions as func


def main(importFile: func.InputStream, orders: func.Out[func.DocumentList]) -> None:
    records = json.loads(importFile.read())
    documents = func.DocumentList()
    for record in records:
        if "id" not in record or "customerId" not in record:
            logging.warning("Skipping record without id/customerId: %s", record)
            continue
        documents.append(func.Document.from_dict(record))

    logging.info("Importing %d order(s) from %s", len(documents), importFile.name)
    orders.set(documents)
