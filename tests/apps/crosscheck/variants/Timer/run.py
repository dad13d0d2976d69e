import azure.functions as func

from . import helper


def main(timer: func.TimerRequest) -> None:
    helper.tick(timer.past_due)
