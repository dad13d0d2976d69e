import logging

import azure.functions as func
import azure.durable_functions as df


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    client = df.DurableOrchestrationClient(starter)
    function_name = req.route_params["functionName"]

    try:
        payload = req.get_json()
    except ValueError:
        payload = None

    instance_id = await client.start_new(function_name, None, payload)
    logging.info("Started orchestration '%s' with ID = '%s'.", function_name, instance_id)

    return client.create_check_status_response(req, instance_id)
