import json

import azure.functions as func


def main(req: func.HttpRequest, customerJson: str) -> func.HttpResponse:
    if not customerJson:
        return func.HttpResponse(status_code=404)

    entity = json.loads(customerJson)
    entity.pop("odata.etag", None)
    return func.HttpResponse(json.dumps(entity), mimetype="application/json")
