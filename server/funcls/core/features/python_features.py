"""Features inside Python entry scripts: completion of unbound binding names in the entry point's
parameter list and of app-setting names in `os.environ[...]`, hover on parameters and settings."""

from __future__ import annotations

from funcls.core.features.completion import Proposal
from funcls.core.features.hover import HoverResult
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace


def complete_python(
    workspace: Workspace, path: str, offset: int, settings: Settings
) -> list[Proposal]:
    """Completion proposals at `offset` of a Python file."""
    return []


def hover_python(
    workspace: Workspace, path: str, offset: int, settings: Settings
) -> HoverResult | None:
    """Hover at `offset` of a Python file."""
    return None
