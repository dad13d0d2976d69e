import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, client: str) -> func.HttpResponse:
    durable_client = df.DurableOrchestrationClient(client)
    cart_id = req.route_params["cartId"]

    # One checkout per cart: the cart id doubles as the instance id.
    existing = await durable_client.get_status(cart_id)
    if existing and existing.runtime_status in (
            df.OrchestrationRuntimeStatus.Running, df.OrchestrationRuntimeStatus.Pending):
        return func.HttpResponse(f"Checkout for cart {cart_id} already running.", status_code=409)

    instance_id = await durable_client.start_new("CartCheckout", cart_id, cart_id)
    return durable_client.create_check_status_response(req, instance_id)
