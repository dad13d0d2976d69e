"""Storage and messaging triggers, as the v2 templates write them."""

import logging
from typing import List

import azure.functions as func

app = func.FunctionApp()


@app.blob_trigger(arg_name="myblob", path="uploads/{name}", connection="AzureWebJobsStorage")
def on_upload(myblob: func.InputStream) -> None:
    logging.info("blob %s, %d bytes", myblob.name, myblob.length)


@app.event_hub_message_trigger(
    arg_name="events",
    event_hub_name="telemetry",
    connection="EventHubConnection",
    cardinality=func.Cardinality.MANY,
    consumer_group="$Default",
)
def on_telemetry(events: List[func.EventHubEvent]) -> None:
    for event in events:
        logging.info(event.get_body().decode())


@app.event_hub_output(arg_name="forward", event_hub_name="archive", connection="EventHubConnection")
@app.event_hub_message_trigger(arg_name="event", event_hub_name="alerts", connection="EventHubConnection")
def on_alert(event: func.EventHubEvent, forward: func.Out[str]) -> None:
    forward.set(event.get_body().decode())


@app.service_bus_queue_trigger(arg_name="msg", queue_name="jobs", connection="ServiceBusConnection")
def on_job(msg: func.ServiceBusMessage) -> None:
    logging.info(msg.get_body().decode())


@app.service_bus_topic_trigger(
    arg_name="message",
    topic_name="events",
    subscription_name="audit",
    connection="ServiceBusConnection",
)
@app.service_bus_queue_output(arg_name="$return", queue_name="audit-out", connection="ServiceBusConnection")
def on_event(message: func.ServiceBusMessage) -> str:
    return message.get_body().decode()


@app.cosmos_db_trigger(
    arg_name="documents",
    database_name="shop",
    container_name="orders",
    connection="CosmosConnection",
    lease_container_name="leases",
    create_lease_container_if_not_exists=True,
)
def on_change(documents: func.DocumentList) -> None:
    for doc in documents:
        logging.info(doc.to_json())


@app.route(route="products/{id}", auth_level=func.AuthLevel.ANONYMOUS)
@app.cosmos_db_input(
    arg_name="products",
    database_name="shop",
    container_name="products",
    connection="CosmosConnection",
    id="{id}",
    partition_key="{id}",
)
@app.cosmos_db_output(
    arg_name="audit",
    database_name="shop",
    container_name="audit",
    connection="CosmosConnection",
)
def get_product(
    req: func.HttpRequest, products: func.DocumentList, audit: func.Out[func.Document]
) -> func.HttpResponse:
    return func.HttpResponse(products[0].to_json() if products else "{}")


@app.event_grid_trigger(arg_name="event")
@app.table_output(arg_name="row", table_name="events", connection="TablesConnection")
def on_grid(event: func.EventGridEvent, row: func.Out[str]) -> None:
    row.set(event.get_json())


@app.route(route="rows/{partition}/{key}")
@app.table_input(
    arg_name="entity",
    table_name="events",
    partition_key="{partition}",
    row_key="{key}",
    connection="TablesConnection",
)
def get_row(req: func.HttpRequest, entity: str) -> func.HttpResponse:
    return func.HttpResponse(entity)
