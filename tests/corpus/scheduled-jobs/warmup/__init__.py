import logging

import requests

# A module-level session is reused by every invocation on this instance.
SESSION = requests.Session()


def main(warmupContext) -> None:
    # Runs once when the platform adds an instance (Premium / Dedicated plans).
    SESSION.headers.update({"User-Agent": "contoso-scheduled-jobs"})
    logging.info('Function App instance is warm 🌞')
