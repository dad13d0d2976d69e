import os

import azure.functions as func
from azure.functions import HttpResponse as Response


def main(req: func.HttpRequest, context: func.Context) -> Response:
    greeting = os.environ["GREETING"]
    return Response(f"{greeting} from {context.function_name}")
