import azure.functions as func


def send(blob: func.InputStream) -> None:
    blob.read()
