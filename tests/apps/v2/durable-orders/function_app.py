"""Durable Functions: an HTTP starter, an orchestrator and activities, one in a blueprint."""

import azure.durable_functions as df
import azure.functions as func

from activities import bp

myApp = df.DFApp(http_auth_level=func.AuthLevel.ANONYMOUS)
myApp.register_functions(bp)


@myApp.route(route="orchestrators/{functionName}")
@myApp.durable_client_input(client_name="client")
async def http_start(req: func.HttpRequest, client):
    instance_id = await client.start_new(req.route_params["functionName"])
    return client.create_check_status_response(req, instance_id)


@myApp.orchestration_trigger(context_name="context")
def hello_orchestrator(context):
    result1 = yield context.call_activity("hello", "Seattle")
    result2 = yield context.call_activity("shout", result1)
    return [result1, result2]


@myApp.activity_trigger(input_name="city")
def hello(city: str):
    return f"Hello {city}"


@myApp.entity_trigger(context_name="context")
def counter(context):
    context.set_state(context.get_state(lambda: 0) + 1)
