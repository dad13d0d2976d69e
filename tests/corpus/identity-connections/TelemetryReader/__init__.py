import json
import logging
import statistics
from typing import List

import azure.functions as func


def main(events: List[func.EventHubEvent]) -> None:
    temperatures = []
    for event in events:
        reading = json.loads(event.get_body())
        if "temperature" in reading:
            temperatures.append(float(reading["temperature"]))

    if temperatures:
        logging.info("Batch of %d events: mean temperature %.1f, max %.1f",
                     len(events), statistics.fmean(temperatures), max(temperatures))
