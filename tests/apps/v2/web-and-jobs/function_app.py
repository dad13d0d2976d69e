"""Orders: an HTTP API, a nightly report and a queue worker, plus blueprints."""

import json
import logging

import azure.functions as func

from blueprints.admin import admin
from blueprints import reports

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
app.register_functions(admin)
app.register_blueprint(reports.bp)


@app.route(route="orders/{id:int}", methods=[func.HttpMethod.GET])
def get_order(req: func.HttpRequest) -> func.HttpResponse:
    order_id = req.route_params.get("id")
    return func.HttpResponse(json.dumps({"id": order_id}), mimetype="application/json")


@app.function_name(name="CreateOrder")
@app.route(route="orders", methods=["POST"], auth_level=func.AuthLevel.ANONYMOUS)
@app.queue_output(arg_name="outbox", queue_name="orders-in", connection="OrdersStorage")
def create_order(req: func.HttpRequest, outbox: func.Out[str]) -> func.HttpResponse:
    outbox.set(req.get_body().decode())
    return func.HttpResponse("accepted", status_code=202)


@app.schedule(schedule="0 30 2 * * *", arg_name="timer", run_on_startup=False, use_monitor=True)
def nightly(timer: func.TimerRequest) -> None:
    if timer.past_due:
        logging.info("late")


@app.queue_trigger(arg_name="msg", queue_name="orders-in", connection="OrdersStorage")
@app.blob_output(arg_name="receipt", path="receipts/{id}.json", connection="OrdersStorage")
def process_order(msg: func.QueueMessage, receipt: func.Out[str]) -> None:
    receipt.set(msg.get_body().decode())


@app.queue_trigger(arg_name="msg", queue_name="orders-poison", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="$return", queue_name="orders-dead", connection="OrdersStorage")
def poison(msg: func.QueueMessage) -> str:
    return msg.get_body().decode()
