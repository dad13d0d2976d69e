import json
import logging

import azure.functions as func


def main(event: func.EventHubEvent) -> None:
    body = event.get_body().decode('utf-8')
    logging.info('Event body: %s', body)
    logging.info('  EnqueuedTimeUtc = %s', event.enqueued_time)
    logging.info('  SequenceNumber = %s', event.sequence_number)
    logging.info('  Offset = %s', event.offset)
    logging.info('  PartitionKey = %s', event.partition_key)
    logging.info('  Metadata: %s', json.dumps(event.metadata, default=str))
