import json

import azure.functions as func


def main(req: func.HttpRequest, signalRMessages: func.Out[str]) -> func.HttpResponse:
    message = req.get_json()
    payload = {"target": "newMessage", "arguments": [message]}

    recipient = message.get("recipient")
    if recipient:
        payload["userId"] = recipient

    signalRMessages.set(json.dumps(payload))
    return func.HttpResponse(status_code=202)
