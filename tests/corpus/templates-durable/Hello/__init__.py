# This function is not intended to be invoked directly. Instead it will be
# triggered by an orchestrator function.

import logging


def main(name: str) -> str:
    logging.info("Saying hello to %s", name)
    return f"Hello {name}!"
