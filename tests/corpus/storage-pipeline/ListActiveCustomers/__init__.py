import json

import azure.functions as func


def main(req: func.HttpRequest, customers: str) -> func.HttpResponse:
    rows = json.loads(customers)
    slim = [{"region": r["PartitionKey"], "id": r["RowKey"], "name": r.get("Name")} for r in rows]
    return func.HttpResponse(json.dumps(slim), mimetype="application/json")
