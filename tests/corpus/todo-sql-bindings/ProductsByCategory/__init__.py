import json

import azure.functions as func


def main(req: func.HttpRequest, products: func.SqlRowList) -> func.HttpResponse:
    """Products returned by a stored procedure; ?category=...&top=... feed its parameters."""
    category = req.params.get("category")
    if not category:
        return func.HttpResponse("Query parameter 'category' is required.", status_code=400)

    payload = {
        "category": category,
        "items": [json.loads(p.to_json()) for p in products],
    }
    return func.HttpResponse(json.dumps(payload), mimetype="application/json")
