"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import requests
from datetime import datetime
S = None
CIDs = None
JS = None
r = None
