from __future__ import annotations

import os

import azure.functions as func
from jinja2 import Environment, FileSystemLoader, select_autoescape


def _environment(directory: str) -> Environment:
    return Environment(loader=FileSystemLoader(directory), autoescape=select_autoescape())


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    # `context` is not a binding: the worker passes the invocation context.
    template = _environment(context.function_directory).get_template("page.html")
    html = template.render(
        title=os.environ.get("SITE_TITLE", "Status"),
        slug=req.route_params["slug"],
        invocation_id=context.invocation_id,
    )
    return func.HttpResponse(html, mimetype="text/html")
