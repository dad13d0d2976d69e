import logging

import azure.functions as func


def main(mytimer: func.TimerRequest) -> None:
    if mytimer.past_due:
        logging.warning("The cleanup run is late.")
    logging.info("Cleaning up old records.")
