import azure.functions as func


def main(msg: func.QueueMessage, doc: func.Out[func.Document]) -> None:
    doc.set(func.Document.from_json(msg.get_body().decode()))
