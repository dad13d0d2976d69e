import logging

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    logging.info("HttpHello received a request.")
    name = req.params.get("name") or "world"
    return func.HttpResponse(f"Hello, {name}!")
