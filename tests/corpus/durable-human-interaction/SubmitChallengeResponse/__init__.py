import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, client: str) -> func.HttpResponse:
    durable_client = df.DurableOrchestrationClient(client)
    instance_id = req.route_params["instanceId"]

    try:
        code = int(req.get_json().get("code"))
    except (ValueError, TypeError, AttributeError):
        return func.HttpResponse("Send a JSON body like {\"code\": 1234}.", status_code=400)

    status = await durable_client.get_status(instance_id)
    if status is None or status.runtime_status is None:
        return func.HttpResponse(f"No verification {instance_id}.", status_code=404)

    await durable_client.raise_event(instance_id, "SmsChallengeResponse", code)
    return func.HttpResponse(status_code=202)
