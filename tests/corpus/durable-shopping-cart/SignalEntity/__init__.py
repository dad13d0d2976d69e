import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, client: str) -> func.HttpResponse:
    durable_client = df.DurableOrchestrationClient(client)
    entity_id = df.EntityId(req.route_params["entityName"], req.route_params["entityKey"])

    operation = req.params.get("op", "add")
    try:
        operation_input = req.get_json()
    except ValueError:
        operation_input = None

    await durable_client.signal_entity(entity_id, operation, operation_input)
    return func.HttpResponse(status_code=202)
