import azure.functions as func


def main(msg: func.HttpRequest) -> None:
    pass
