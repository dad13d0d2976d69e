"""Tests of the decorator (v2) model."""
