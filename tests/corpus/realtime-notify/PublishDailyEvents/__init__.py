import datetime
import typing
import uuid

import azure.functions as func

ROOMS = ("lobby", "support", "random")


def main(timer: func.TimerRequest,
         outputEvents: func.Out[typing.List[func.EventGridOutputEvent]]) -> None:
    now = datetime.datetime.now(datetime.timezone.utc)
    outputEvents.set([
        func.EventGridOutputEvent(
            id=str(uuid.uuid4()),
            data={"room": room, "kind": "daily-digest"},
            subject=f"chat/rooms/{room}",
            event_type="Contoso.Chat.DigestDue",
            event_time=now,
            data_version="1.0",
        )
        for room in ROOMS
    ])
