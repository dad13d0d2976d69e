"""Return every row of dbo.ToDo as a JSON array (SQL input binding)."""
import json

import azure.functions as func


def main(req: func.HttpRequest, todoItems: func.SqlRowList) -> func.HttpResponse:
    rows = [json.loads(row.to_json()) for row in todoItems]

    return func.HttpResponse(
        json.dumps(rows),
        status_code=200,
        mimetype="application/json",
    )
