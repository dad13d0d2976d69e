import logging

import azure.functions as func


def main(kevent: func.KafkaEvent):
    logging.info(kevent.get_body().decode('utf-8'))
    logging.info('Kafka offset %s on partition %s (topic %s)',
                 kevent.offset, kevent.partition, kevent.topic)
    logging.info(kevent.metadata)
