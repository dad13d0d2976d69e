import azure.functions as func
import helper


def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(helper.VALUE)
