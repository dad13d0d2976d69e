import azure.functions as func


def main(req: func.HttpRequest, stock: func.Out[func.MySqlRow]) -> func.HttpResponse:
    try:
        body = req.get_json()
    except ValueError:
        return func.HttpResponse("Expected a JSON object.", status_code=400)

    missing = [k for k in ("sku", "warehouse", "quantity") if k not in body]
    if missing:
        return func.HttpResponse(f"Missing fields: {', '.join(missing)}", status_code=400)

    stock.set(func.MySqlRow.from_dict(body))
    return func.HttpResponse(status_code=201)
