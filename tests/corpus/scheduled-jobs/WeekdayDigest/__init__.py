import datetime
import json

import azure.functions as func


def main(timer: func.TimerRequest) -> str:
    today = datetime.date.today()
    return json.dumps({
        "kind": "weekday-digest",
        "date": today.isoformat(),
        "weekday": today.strftime("%A"),
    })
