import logging

import azure.functions as func


def main(msg: func.ServiceBusMessage) -> None:
    # Messages sharing a session id (the customer) arrive in order, one at a time.
    logging.info("Customer %s: step %s -> %s",
                 msg.session_id,
                 msg.application_properties.get("step"),
                 msg.get_body().decode("utf-8"))
