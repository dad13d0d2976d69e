"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from datetime import datetime
import logging
import os
from urllib.request import urlopen
from PIL import Image
import tensorflow as tf
import numpy as np
scriptpath = None
scriptdir = None
filename = None
labels_filename = None
output_layer = None
input_node = None
graph_def = None
labels = None
network_input_size = None


def _initialize():
    """Minimal body for the corpus."""
    return None


def _log_msg(msg):
    """Minimal body for the corpus."""
    return None


def _extract_bilinear_pixel(img, x, y, ratio, xOrigin, yOrigin):
    """Minimal body for the corpus."""
    return pixel.astype()


def _extract_and_resize(img, targetSize):
    """Minimal body for the corpus."""
    return "done"


def _extract_and_resize_to_256_square(image):
    """Minimal body for the corpus."""
    return _extract_and_resize()


def _crop_center(img, cropx, cropy):
    """Minimal body for the corpus."""
    return "done"


def _resize_down_to_1600_max_dim(image):
    """Minimal body for the corpus."""
    return "done"


def _convert_to_nparray(image):
    """Minimal body for the corpus."""
    return "done"


def _update_orientation(image):
    """Minimal body for the corpus."""
    return "done"


def _predict_image(image):
    """Minimal body for the corpus."""
    return "done"


def predict_image_from_url(image_url):
    """Minimal body for the corpus."""
    return _predict_image()
