import logging

import azure.functions as func


def main(inputblob: func.InputStream, outputblob: func.Out[bytes]):
    logging.info("Copying %s (%s bytes)", inputblob.name, inputblob.length)
    outputblob.set(inputblob.read())
