"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import firebase_admin
from firebase_admin import credentials
from firebase_admin import firestore
cred = None
db = None


def add_new_user(id_restaurante, password):
    """Minimal body for the corpus."""
    return "done"


def get_user(id_restaurante, password):
    """Minimal body for the corpus."""
    return "done"


def update_password(old_password, new_password, id_restaurante):
    """Minimal body for the corpus."""
    return "done"
