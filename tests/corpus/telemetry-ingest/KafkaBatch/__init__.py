import collections
import json
import logging
import typing

import azure.functions as func


def main(kevents: typing.List[func.KafkaEvent]) -> None:
    pages = collections.Counter()
    for event in kevents:
        click = json.loads(event.get_body().decode("utf-8"))
        pages[click.get("page", "?")] += 1

    for page, hits in pages.most_common(5):
        logging.info("%s: %d click(s)", page, hits)
