"""funcls: a language server for Azure Functions Python apps (classic function.json model)."""

__version__ = "0.1.0"
