import json
import os
import socket
from datetime import datetime, timezone

import azure.functions as func


def main(timer: func.TimerRequest, beat: func.Out[str]) -> None:
    beat.set(json.dumps({
        "host": socket.gethostname(),
        "instance": os.environ.get("WEBSITE_INSTANCE_ID", "local"),
        "at": datetime.now(timezone.utc).isoformat(),
        "pastDue": timer.past_due,
    }))
