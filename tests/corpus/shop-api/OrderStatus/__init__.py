import hashlib

import azure.functions as func

from shared_code.helpers import json_response

STATES = ("received", "packed", "shipped", "delivered")


def main(req: func.HttpRequest) -> func.HttpResponse:
    order_id = req.route_params["orderId"]
    # Deterministic fake status so the endpoint is demoable without a database.
    index = int(hashlib.sha256(order_id.encode()).hexdigest(), 16) % len(STATES)
    return json_response({"orderId": order_id, "status": STATES[index]})
