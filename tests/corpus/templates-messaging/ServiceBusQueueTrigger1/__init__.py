import logging

import azure.functions as func


def main(msg: func.ServiceBusMessage):
    logging.info('Python ServiceBus queue trigger processed message: %s',
                 msg.get_body().decode('utf-8'))
    logging.info('Message id: %s, delivery count: %s, enqueued at: %s',
                 msg.message_id, msg.delivery_count, msg.enqueued_time_utc)
