import json

import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    client = df.DurableOrchestrationClient(starter)
    status = await client.get_status(req.route_params["instanceId"], show_input=True)

    if status is None or status.runtime_status is None:
        return func.HttpResponse(status_code=404)

    return func.HttpResponse(
        json.dumps(status.to_json(), default=str),
        mimetype="application/json",
    )
