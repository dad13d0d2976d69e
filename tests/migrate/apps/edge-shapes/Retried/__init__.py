import typing

import azure.functions as func


def main(messages: typing.List[func.ServiceBusMessage]) -> None:
    for message in messages:
        message.get_body()
