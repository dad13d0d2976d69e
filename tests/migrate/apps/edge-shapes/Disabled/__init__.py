import json

import azure.functions as func


def main(msg: func.QueueMessage) -> str:
    return json.dumps({"personalizations": [{"to": [{"email": msg.get_body().decode()}]}]})
