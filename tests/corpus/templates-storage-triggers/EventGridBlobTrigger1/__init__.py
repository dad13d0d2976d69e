import logging

import azure.functions as func


def main(myblob: func.InputStream):
    logging.info("Python blob trigger (Event Grid source) processed blob\n"
                 "Name: %s\nBlob Size: %s bytes\nURI: %s",
                 myblob.name, myblob.length, myblob.uri)
