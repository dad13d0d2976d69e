import json
import secrets

import azure.functions as func


def main(phoneNumber: str, message: func.Out[str]) -> int:
    code = secrets.randbelow(10000)
    message.set(json.dumps({
        "body": f"Your verification code is {code:04d}",
        "to": phoneNumber,
    }))
    return code
