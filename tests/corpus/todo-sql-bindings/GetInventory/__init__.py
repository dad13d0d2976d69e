import json

import azure.functions as func


def main(req: func.HttpRequest, stock: func.MySqlRowList) -> func.HttpResponse:
    rows = [json.loads(r.to_json()) for r in stock]
    total = sum(int(r.get("quantity", 0)) for r in rows)
    return func.HttpResponse(
        json.dumps({"sku": req.route_params["sku"], "total": total, "warehouses": rows}),
        mimetype="application/json",
    )
