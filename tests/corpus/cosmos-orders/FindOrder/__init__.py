import azure.functions as func


def main(req: func.HttpRequest, matches: func.DocumentList) -> func.HttpResponse:
    """GET /api/orders?id=<order id>&customerId=<partition key>"""
    if not req.params.get("id") or not req.params.get("customerId"):
        return func.HttpResponse("Pass both id and customerId.", status_code=400)
    if not matches:
        return func.HttpResponse(status_code=404)
    return func.HttpResponse(matches[0].to_json(), mimetype="application/json")
