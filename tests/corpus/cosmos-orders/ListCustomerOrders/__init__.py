import json

import azure.functions as func


def main(req: func.HttpRequest, orders: func.DocumentList) -> func.HttpResponse:
    body = {
        "customerId": req.route_params["customerId"],
        "count": len(orders),
        "orders": [json.loads(doc.to_json()) for doc in orders],
    }
    return func.HttpResponse(json.dumps(body), mimetype="application/json")
