import logging

import azure.functions as func

from shared_code import catalog, helpers

THRESHOLD = 5.0


def main(timer: func.TimerRequest) -> None:
    expensive = [p for p in catalog.PRODUCTS.values() if p["price"] >= THRESHOLD]
    for product in expensive:
        logging.info("Price watch: %s costs %.2f %s", product["name"], product["price"],
                     helpers.currency())
    if timer.past_due:
        logging.warning("Price check ran late")
