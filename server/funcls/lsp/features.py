"""The core features the handlers call, gathered in one module that `setup.py` imports on first
use: `initialize` is answered before the checks, the schemas and their libraries are loaded, and
a background warm-up started at `initialized` usually loads them before the first request."""

from __future__ import annotations

from funcls.core import schemas
from funcls.core.checks.base import file_kind
from funcls.core.features import (
    app_completion,  # noqa: F401  (registers contributors)
    navigation,
    semantic_features,  # noqa: F401  (registers contributors)
)
from funcls.core.features.completion import complete
from funcls.core.features.hover import hover
from funcls.core.features.python_features import complete_python, hover_python
from funcls.core.features.symbols import Symbol, document_symbols

__all__ = [
    "schemas",
    "file_kind",
    "navigation",
    "complete",
    "hover",
    "complete_python",
    "hover_python",
    "Symbol",
    "document_symbols",
]
