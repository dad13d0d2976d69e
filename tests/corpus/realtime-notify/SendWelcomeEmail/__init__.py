import json

import azure.functions as func


def main(newUser: func.QueueMessage, message: func.Out[str]) -> None:
    user = newUser.get_json()
    message.set(json.dumps({
        "personalizations": [{"to": [{"email": user["email"]}]}],
        "content": [{
            "type": "text/plain",
            "value": f"Hi {user.get('displayName', 'there')}, welcome aboard!",
        }],
    }))
