import logging

import azure.functions as func


def main(message: func.ServiceBusMessage):
    # Log the Service Bus message as plain text
    message_content_type = message.content_type
    message_body = message.get_body().decode("utf-8")

    logging.info("Python ServiceBus topic trigger processed message.")
    logging.info("Message Content Type: %s", message_content_type)
    logging.info("Message Body: %s", message_body)
    logging.info("User properties: %s", message.user_properties)
