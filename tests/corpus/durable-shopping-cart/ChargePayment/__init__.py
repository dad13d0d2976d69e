import logging
import os

import requests


def main(order: dict) -> dict:
    url = os.environ["PAYMENT_API_URL"]
    quantity = sum(order["items"].values())
    logging.info("Charging cart %s for %d item(s)", order["cartId"], quantity)

    response = requests.post(url, json=order, timeout=30)
    response.raise_for_status()
    return response.json()
