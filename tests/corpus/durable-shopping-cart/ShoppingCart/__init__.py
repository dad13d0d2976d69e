import logging
from typing import Dict

import azure.durable_functions as df


def cart_entity(context: df.DurableEntityContext):
    """Cart state: {sku: quantity}. The entity key is the cart id."""
    items: Dict[str, int] = context.get_state(dict)
    operation = context.operation_name
    payload = context.get_input() or {}

    if operation == "add_item":
        sku = payload["sku"]
        items[sku] = items.get(sku, 0) + int(payload.get("quantity", 1))
    elif operation == "remove_item":
        items.pop(payload.get("sku"), None)
    elif operation == "clear":
        items = {}
    elif operation == "get":
        context.set_result(items)
    else:
        logging.warning("Cart %s: unknown operation %s", context.entity_key, operation)

    context.set_state(items)


main = df.Entity.create(cart_entity)
