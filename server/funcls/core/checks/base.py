"""What every check receives and returns.

Three shapes of check exist: file checks (one file on its own), function checks (one function:
its function.json and entry script together) and app checks (facts spanning functions: routes,
settings). Each returns problems for any file; the engine keeps those of the file asked about.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from funcls.core.app_model import FUNCTION_JSON, HOST_JSON, LOCAL_SETTINGS, AppModel, FunctionInfo
from funcls.core.problems import Problem
from funcls.core.settings import Settings
from funcls.core.sources import SourceFile
from funcls.core.workspace import Workspace


@dataclass(frozen=True)
class CheckContext:
    """The workspace, the app the file belongs to (if any) and the settings."""

    workspace: Workspace
    app: AppModel | None
    settings: Settings


FileCheck = Callable[[CheckContext, SourceFile], Iterable[Problem]]
FunctionCheck = Callable[[CheckContext, FunctionInfo], Iterable[Problem]]
AppCheck = Callable[[CheckContext], Iterable[Problem]]

EXTENSIONS_CSPROJ = "extensions.csproj"


def file_kind(path: str) -> str | None:
    """The kind of file funcls analyses, by name; None for anything else."""
    name = os.path.basename(path)
    lower = name.lower()
    if lower in (FUNCTION_JSON, HOST_JSON, LOCAL_SETTINGS, "requirements.txt", EXTENSIONS_CSPROJ):
        return lower
    if name == ".funcignore":
        return name
    if lower.endswith(".py"):
        return "python"
    return None
