import logging

import azure.functions as func

from shared_code import catalog


def main(req: func.HttpRequest) -> func.HttpResponse:
    product_id = int(req.route_params["id"])
    if catalog.get(product_id) is None:
        return func.HttpResponse(status_code=404)

    logging.warning("Deleting product %s", product_id)
    catalog.PRODUCTS.pop(product_id, None)
    return func.HttpResponse(status_code=204)
