import json
import logging

import azure.functions as func

import shared_code.catalog as catalog


def main(req: func.HttpRequest, res: func.Out[func.HttpResponse]) -> None:
    product_id = int(req.route_params["id"])
    product = catalog.get(product_id)
    if product is None:
        res.set(func.HttpResponse(f"Product {product_id} not found", status_code=404))
        return

    try:
        changes = req.get_json()
    except ValueError:
        res.set(func.HttpResponse("Body must be JSON", status_code=400))
        return

    allowed = {k: v for k, v in changes.items() if k in ("name", "price")}
    updated = {**product, **allowed}
    logging.info("Product %s updated fields: %s", product_id, sorted(allowed))

    res.set(func.HttpResponse(json.dumps(updated, ensure_ascii=False),
                              mimetype="application/json", charset="utf-8"))
