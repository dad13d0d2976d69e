import json
import uuid

import azure.functions as func


def main(req: func.HttpRequest, todoItems: func.Out[func.SqlRowList]) -> func.HttpResponse:
    # The body is expected to be a JSON array of objects whose properties
    # match the columns of dbo.ToDo (an upsert is done on the primary key).
    try:
        body = req.get_json()
    except ValueError:
        return func.HttpResponse("Body must be a JSON array.", status_code=400)

    if isinstance(body, dict):
        body = [body]

    for item in body:
        item.setdefault("Id", str(uuid.uuid4()))
        item.setdefault("completed", False)

    rows = func.SqlRowList(map(lambda r: func.SqlRow.from_dict(r), body))
    todoItems.set(rows)

    return func.HttpResponse(
        body=json.dumps(body),
        status_code=201,
        mimetype="application/json",
    )
