import json

import azure.functions as func


def main(url: str, email: func.Out[str]) -> str:
    text = f"The monitored site {url} did not answer successfully."
    email.set(json.dumps({
        "content": [{"type": "text/plain", "value": text}],
    }))
    return text
