import json

import azure.functions as func


def main(req: func.HttpRequest, outbound: func.Out[str]) -> func.HttpResponse:
    try:
        body = req.get_json()
    except ValueError:
        return func.HttpResponse("JSON body required", status_code=400)

    if not body.get("recipient") or not body.get("text"):
        return func.HttpResponse("recipient and text are required", status_code=422)

    outbound.set(json.dumps(body))
    return func.HttpResponse(status_code=202)
