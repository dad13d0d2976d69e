import azure.functions as func


def main(req: func.HttpRequest) -> str:
    # A plain str is accepted for an http $return binding (sent as text).
    return "OK"
