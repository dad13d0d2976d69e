from __future__ import absolute_import, print_function, unicode_literals
"""Corpus module: same imports and signatures as the original app, minimal bodies."""
