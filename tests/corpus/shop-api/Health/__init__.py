"""Liveness probe. Réponse « ok » — 健康チェック ✅"""
import datetime
import platform

import azure.functions as func

from shared_code.helpers import json_response


def main(req: func.HttpRequest) -> func.HttpResponse:
    if req.method == "HEAD":
        return func.HttpResponse(status_code=200)
    return json_response({
        "status": "ok ✅",
        "python": platform.python_version(),
        "time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    })
