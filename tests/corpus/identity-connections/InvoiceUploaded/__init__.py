import json
import logging

import azure.functions as func


def main(invoice: func.InputStream, notice: func.Out[func.QueueMessage]) -> None:
    # The trigger path supplies {customer} and {name}; the blob name holds both.
    _, customer, file_name = invoice.name.split("/", 2)
    logging.info("Invoice %s for %s (%s bytes)", file_name, customer, invoice.length)

    notice.set(func.QueueMessage(body=json.dumps({
        "customer": customer,
        "invoice": file_name,
        "uri": invoice.uri,
    })))
