import azure.functions as func

from ..shared import greeting


def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(greeting(req.route_params.get("name", "")))
