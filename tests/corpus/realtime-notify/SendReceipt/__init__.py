import json

import azure.functions as func


def main(receipt: func.QueueMessage) -> str:
    data = receipt.get_json()
    lines = "\n".join(f"{item['name']}: {item['amount']:.2f}" for item in data["items"])
    return json.dumps({
        "personalizations": [{"to": [{"email": data["email"]}]}],
        "subject": f"Your receipt #{data['number']}",
        "content": [{"type": "text/plain", "value": lines}],
    })
