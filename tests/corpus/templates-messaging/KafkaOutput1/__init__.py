import logging

import azure.functions as func


def main(req: func.HttpRequest, outputMessage: func.Out[str]) -> func.HttpResponse:
    logging.info('Python HTTP trigger function processed a request.')

    message = req.params.get('message')
    if not message:
        try:
            req_body = req.get_json()
        except ValueError:
            pass
        else:
            message = req_body.get('message')

    if message:
        outputMessage.set(message)
        return func.HttpResponse(
            f"Message received: {message}. The message was sent to the Kafka broker.")
    return func.HttpResponse(
        "No message was passed. Pass 'message' in the query string or the request body.",
        status_code=400,
    )
