import json

import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, client: str) -> func.HttpResponse:
    durable_client = df.DurableOrchestrationClient(client)
    name = req.route_params["entityName"]
    key = req.route_params["entityKey"]

    state = await durable_client.read_entity_state(df.EntityId(name, key))
    if not state.entity_exists:
        return func.HttpResponse("Entity not found", status_code=404)

    return func.HttpResponse(
        json.dumps({"entity": name, "key": key, "state": state.entity_state}),
        mimetype="application/json",
    )
