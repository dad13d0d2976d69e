import logging

import azure.functions as func

from shared_code import catalog
from shared_code.helpers import json_response, error, parse_int


def main(req: func.HttpRequest) -> func.HttpResponse:
    category = req.route_params.get("category")
    product_id = parse_int(req.route_params.get("id"))
    logging.info("Listing category=%s id=%s", category, product_id)

    if product_id is not None:
        product = catalog.get(product_id)
        if product is None or product["category"] != category:
            return error(f"no product {product_id} in {category}", 404)
        return json_response(product)

    return json_response(catalog.by_category(category))
