import json
import uuid

import azure.functions as func


def main(req: func.HttpRequest, customer: func.Out[str]) -> func.HttpResponse:
    try:
        body = req.get_json()
    except ValueError:
        return func.HttpResponse("Expected JSON.", status_code=400)

    row_key = str(uuid.uuid4())
    entity = {
        "PartitionKey": body.get("region", "default"),
        "RowKey": row_key,
        "Name": body.get("name", ""),
        "Email": body.get("email", ""),
        "Active": True,
    }
    customer.set(json.dumps(entity))

    return func.HttpResponse(json.dumps({"id": row_key}), status_code=201,
                             mimetype="application/json")
