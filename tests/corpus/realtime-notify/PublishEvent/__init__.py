import datetime
import uuid

import azure.functions as func


def main(req: func.HttpRequest, outputEvent: func.Out[func.EventGridOutputEvent]) -> func.HttpResponse:
    body = req.get_json()
    outputEvent.set(
        func.EventGridOutputEvent(
            id=str(uuid.uuid4()),
            data=body,
            subject=f"chat/rooms/{body.get('room', 'lobby')}",
            event_type="Contoso.Chat.MessagePosted",
            event_time=datetime.datetime.now(datetime.timezone.utc),
            data_version="1.0",
        ))
    return func.HttpResponse(status_code=202)
