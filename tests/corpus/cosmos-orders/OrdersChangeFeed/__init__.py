import json
import logging
import typing

import azure.functions as func


def main(documents: func.DocumentList, shipments: func.Out[typing.List[str]]) -> None:
    if not documents:
        return

    logging.info("Change feed delivered %d document(s); first id: %s",
                 len(documents), documents[0]["id"])

    ready = [
        json.dumps({"orderId": doc["id"], "customerId": doc.get("customerId")})
        for doc in documents
        if doc.get("status") == "paid"
    ]
    if ready:
        shipments.set(ready)
