import json
import logging

import azure.functions as func


def main(msg: func.ServiceBusMessage, orderEvent: func.Out[str]) -> None:
    order = json.loads(msg.get_body().decode("utf-8"))
    logging.info("Order %s received (correlation %s)", order.get("id"), msg.correlation_id)

    orderEvent.set(json.dumps({
        "type": "order.accepted",
        "orderId": order.get("id"),
        "sourceMessageId": msg.message_id,
    }))
