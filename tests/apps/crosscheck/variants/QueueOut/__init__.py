from __future__ import annotations

import typing

import azure.functions as func
from shared_code import helpers


def main(req: "func.HttpRequest", msg: func.Out[typing.List[str]]) -> func.HttpResponse:
    msg.set([helpers.shout(req.params.get("name", "x"))])
    return func.HttpResponse("queued")
