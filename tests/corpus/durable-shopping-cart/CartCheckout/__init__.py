import azure.durable_functions as df


def orchestrator_function(context: df.DurableOrchestrationContext):
    cart_id: str = context.get_input()
    cart = df.EntityId("ShoppingCart", cart_id)

    items = yield context.call_entity(cart, "get")
    if not items:
        return {"cartId": cart_id, "status": "empty"}

    retry = df.RetryOptions(first_retry_interval_in_milliseconds=5000, max_number_of_attempts=3)
    receipt = yield context.call_activity_with_retry(
        "ChargePayment", retry, {"cartId": cart_id, "items": items})

    context.signal_entity(cart, "clear")
    context.signal_entity(df.EntityId("Counter", "orders"), "add", 1)
    return {"cartId": cart_id, "status": "paid", "receipt": receipt}


main = df.Orchestrator.create(orchestrator_function)
