import gzip
import logging

import azure.functions as func


def main(report: func.InputStream, archived: func.Out[bytes]) -> None:
    data = report.read()
    compressed = gzip.compress(data)
    archived.set(compressed)
    logging.info("Archived %s: %d -> %d bytes", report.name, len(data), len(compressed))
