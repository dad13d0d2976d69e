"""Corpus module: same imports and signatures as the original app, minimal bodies."""
