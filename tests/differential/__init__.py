"""Differential tests against the real Python worker."""
