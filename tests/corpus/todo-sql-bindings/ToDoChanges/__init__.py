import json
import logging


def main(changes):
    """SQL trigger: `changes` is a JSON array of {"Item": {...}, "Operation": 0|1|2}."""
    operations = {0: "insert", 1: "update", 2: "delete"}
    for change in json.loads(changes):
        item = change["Item"]
        logging.info("ToDo %s was %s: %s",
                     item.get("Id"), operations.get(change["Operation"], "changed"), item.get("title"))
