"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from datetime import datetime
import requests
UA = None
publicationIDs = None
pID = None
pub_date = None
issueID = None
href = None
base_url = None
referer = None
