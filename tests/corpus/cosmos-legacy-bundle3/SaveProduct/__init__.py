import json
import logging

import azure.functions as func


def main(req: func.HttpRequest, doc: func.Out[func.Document]) -> func.HttpResponse:
    try:
        product = req.get_json()
    except ValueError:
        return func.HttpResponse("Invalid JSON", status_code=400)

    if not product.get("id"):
        return func.HttpResponse("Field 'id' is required", status_code=400)

    doc.set(func.Document.from_json(json.dumps(product)))
    logging.info("Saved product %s", product["id"])
    return func.HttpResponse(json.dumps(product), status_code=200, mimetype="application/json")
