import json

import azure.functions as func

from shared_code import catalog, helpers
from . import validation


def main(req: func.HttpRequest, events: func.Out[str]) -> func.HttpResponse:
    try:
        body = req.get_json()
    except ValueError:
        return helpers.error("body must be JSON")

    issues = validation.problems(body)
    if issues:
        return helpers.json_response({"errors": issues}, 422)

    product = {
        "id": catalog.next_id(),
        "name": body["name"],
        "category": body["category"].lower(),
        "price": float(body["price"]),
        "currency": helpers.currency(),
    }
    events.set(json.dumps({"type": "product.created", "product": product}, ensure_ascii=False))
    return helpers.json_response(product, 201)
