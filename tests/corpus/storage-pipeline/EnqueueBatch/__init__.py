import json
import typing

import azure.functions as func


def main(req: func.HttpRequest, msgs: func.Out[typing.List[str]]) -> func.HttpResponse:
    try:
        names = req.get_json()
    except ValueError:
        names = None

    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return func.HttpResponse("Expected a JSON array of blob names.", status_code=400)

    msgs.set(names)
    return func.HttpResponse(json.dumps({"queued": len(names)}), status_code=202,
                             mimetype="application/json")
