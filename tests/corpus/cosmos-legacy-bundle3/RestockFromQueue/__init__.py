import logging

import azure.functions as func

RESTOCK_QUANTITY = 25


def main(msg: func.QueueMessage, product: func.DocumentList,
         updated: func.Out[func.Document]) -> None:
    product_id = msg.get_body().decode("utf-8")
    if not product:
        logging.error("Restock requested for unknown product %s", product_id)
        return

    doc = product[0]
    doc["stock"] = doc.get("stock", 0) + RESTOCK_QUANTITY
    updated.set(doc)
    logging.info("Product %s restocked to %s", product_id, doc["stock"])
