import azure.functions as func


def main(req: func.HttpRequest, message: func.Out[str]) -> func.HttpResponse:
    message.set("hello")
    return func.HttpResponse("ok")
