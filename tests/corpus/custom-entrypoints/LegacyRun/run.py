import logging
import shutil
import tempfile

import azure.functions as func


def main(timer: func.TimerRequest) -> None:
    usage = shutil.disk_usage(tempfile.gettempdir())
    logging.info("Hourly housekeeping: %.1f%% of temp disk free (late: %s)",
                 100 * usage.free / usage.total, timer.past_due)
