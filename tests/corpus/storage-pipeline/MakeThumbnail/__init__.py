import io
import logging
import os

import azure.functions as func
from PIL import Image


def main(image: bytes, thumbnail: func.Out[bytes]) -> None:
    width = int(os.environ.get("THUMBNAIL_WIDTH", "256"))

    with Image.open(io.BytesIO(image)) as img:
        img.thumbnail((width, width))
        out = io.BytesIO()
        img.save(out, format=img.format or "PNG")

    thumbnail.set(out.getvalue())
    logging.info("Thumbnail written (%d bytes from %d)", out.tell(), len(image))
