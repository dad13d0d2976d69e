import json

import azure.functions as func


def main(req: func.HttpRequest, twilioMessage: func.Out[str]) -> func.HttpResponse:
    to = req.params.get("to")
    text = req.params.get("message")
    if not to or not text:
        return func.HttpResponse("Pass ?to=+15550100002&message=...", status_code=400)

    twilioMessage.set(json.dumps({"body": text[:160], "to": to}))
    return func.HttpResponse("Message queued for delivery")
