import logging
import typing

import azure.functions as func
from pydantic import ValidationError

from .models import Reading


def main(events: typing.List[func.EventHubEvent], cleaned: func.Out[typing.List[str]],
         context: func.Context) -> None:
    if context.retry_context and context.retry_context.retry_count:
        logging.warning("Retry %d of %d for invocation %s",
                        context.retry_context.retry_count,
                        context.retry_context.max_retry_count,
                        context.invocation_id)

    valid: typing.List[str] = []
    for event in events:
        try:
            reading = Reading.model_validate_json(event.get_body())
        except ValidationError as exc:
            logging.warning("Dropping malformed event %s: %s", event.sequence_number, exc)
            continue
        valid.append(reading.model_dump_json(by_alias=True))

    logging.info("%d of %d events forwarded", len(valid), len(events))
    cleaned.set(valid)
