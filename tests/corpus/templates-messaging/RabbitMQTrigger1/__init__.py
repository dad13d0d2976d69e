import json
import logging


def main(myQueueItem: str) -> None:
    logging.info('Python RabbitMQ trigger function processed a queue item: %s', myQueueItem)
    try:
        payload = json.loads(myQueueItem)
    except json.JSONDecodeError:
        logging.warning('Queue item is not JSON; leaving it as text.')
        return
    logging.info('Order %s for %s item(s)', payload.get('orderId'), len(payload.get('lines', [])))
