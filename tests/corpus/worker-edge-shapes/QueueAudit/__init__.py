import json
import logging


def main(msg, policy):
    # No annotations: the worker passes the converter's default types
    # (QueueMessage for the trigger, InputStream for the blob).
    rules = json.loads(policy.read())
    request = msg.get_json()
    if request.get("action") in rules.get("blocked", []):
        logging.warning("Blocked action %s requested by %s", request["action"], request.get("user"))
    else:
        logging.info("Action %s allowed", request.get("action"))
