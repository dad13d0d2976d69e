import logging

import requests


def main(url: str) -> bool:
    try:
        response = requests.get(url, timeout=10)
    except requests.RequestException as exc:
        logging.warning("Request to %s failed: %s", url, exc)
        return False

    logging.info("%s answered %s", url, response.status_code)
    return response.status_code < 500
