import datetime
import json
import uuid

import azure.functions as func


def main(req: func.HttpRequest, newOrder: func.Out[func.Document]) -> func.HttpResponse:
    try:
        order = req.get_json()
    except ValueError:
        return func.HttpResponse("Request body must be JSON.", status_code=400)

    if "customerId" not in order:
        return func.HttpResponse("customerId is required.", status_code=422)

    order["id"] = str(uuid.uuid4())
    order.setdefault("status", "new")
    order["createdAt"] = datetime.datetime.now(datetime.timezone.utc).isoformat()

    newOrder.set(func.Document.from_dict(order))
    return func.HttpResponse(json.dumps(order), status_code=201, mimetype="application/json")
