import azure.functions as func


def main(req: func.HttpRequest, product: func.DocumentList) -> func.HttpResponse:
    if not product:
        return func.HttpResponse("Product not found", status_code=404)
    return func.HttpResponse(product[0].to_json(), mimetype="application/json")
