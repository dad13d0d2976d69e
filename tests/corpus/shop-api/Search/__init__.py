import urllib.parse

import azure.functions as func

from shared_code import catalog
from shared_code.helpers import error, json_response


def main(req: func.HttpRequest) -> func.HttpResponse:
    raw = req.route_params.get("query") or req.params.get("q", "")
    text = urllib.parse.unquote(raw).replace("/", " ").strip()
    if len(text) < 2:
        return error("search text must have at least 2 characters")
    return json_response({"query": text, "results": catalog.search(text)})
