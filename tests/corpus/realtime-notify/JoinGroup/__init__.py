import json

import azure.functions as func


def main(req: func.HttpRequest, action: func.Out[str]) -> func.HttpResponse:
    verb = "add" if req.method == "POST" else "remove"
    action.set(json.dumps({
        "userId": req.route_params["userId"],
        "groupName": req.route_params["groupName"],
        "action": verb,
    }))
    return func.HttpResponse(status_code=204)
