import azure.functions as func


def main(req: func.HttpRequest, connectionInfo: str) -> func.HttpResponse:
    # connectionInfo is a JSON string: {"url": ..., "accessToken": ...}
    return func.HttpResponse(connectionInfo, mimetype="application/json")
