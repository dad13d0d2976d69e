import json
import logging

import azure.functions as func


def main(file: func.InputStream, context: str) -> str:
    arguments = json.loads(context).get("arguments", {})
    snippet = file.read().decode("utf-8")
    logging.info("Retrieved snippet %s (%d chars)", arguments.get("snippetname"), len(snippet))
    return snippet
