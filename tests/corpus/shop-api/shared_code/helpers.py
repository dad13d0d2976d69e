import json
import os
from typing import Any, Optional

import azure.functions as func


def json_response(payload: Any, status_code: int = 200) -> func.HttpResponse:
    return func.HttpResponse(
        json.dumps(payload, ensure_ascii=False),
        status_code=status_code,
        mimetype="application/json",
        charset="utf-8",
    )


def error(message: str, status_code: int = 400) -> func.HttpResponse:
    return json_response({"error": message}, status_code)


def parse_int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def currency() -> str:
    return os.environ.get("CURRENCY", "EUR")
