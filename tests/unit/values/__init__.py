"""Tests for the value parsers and validators in funcls.core.values."""
