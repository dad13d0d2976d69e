import logging

import azure.functions as func


def main(documents: func.DocumentList) -> None:
    if documents:
        logging.info('Document id: %s', documents[0]['id'])
    for doc in documents:
        if doc.get('stock', 0) <= 0:
            logging.warning('Product %s is out of stock', doc['id'])
