import json
import logging

import azure.functions as func


def main(req: func.HttpRequest, todoItem: func.SqlRowList) -> func.HttpResponse:
    item_id = req.route_params.get("id")
    rows = list(map(lambda r: json.loads(r.to_json()), todoItem))

    if not rows:
        logging.info("ToDo item %s not found", item_id)
        return func.HttpResponse(status_code=404)

    return func.HttpResponse(
        json.dumps(rows[0]),
        status_code=200,
        mimetype="application/json",
    )
