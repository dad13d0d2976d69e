"""Migration round-trip tests: classic apps converted to the v2 model, loaded and indexed."""
