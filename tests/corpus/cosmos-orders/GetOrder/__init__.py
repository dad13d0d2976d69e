import azure.functions as func


def main(req: func.HttpRequest, orderDocuments: func.DocumentList) -> func.HttpResponse:
    if not orderDocuments:
        return func.HttpResponse(
            f"Order {req.route_params.get('id')} not found", status_code=404)

    return func.HttpResponse(orderDocuments[0].to_json(), mimetype="application/json")
