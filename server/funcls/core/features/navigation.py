"""Navigation and refactoring between function.json and the entry point: definition, references,
rename. Plain results in code-point spans."""

from __future__ import annotations

from dataclasses import dataclass

from funcls.core.problems import Location, Span, TextEdit
from funcls.core.workspace import Workspace


@dataclass(frozen=True)
class RenameError:
    """Why a rename cannot be done here."""

    message: str


def definition(workspace: Workspace, path: str, offset: int) -> list[Location]:
    """Where the thing at `offset` is defined on the other side (binding name <-> parameter,
    scriptFile -> file, entryPoint -> function)."""
    return []


def references(
    workspace: Workspace, path: str, offset: int, include_declaration: bool
) -> list[Location]:
    """Every place that names the binding or parameter at `offset`, in both files."""
    return []


def prepare_rename(workspace: Workspace, path: str, offset: int) -> Span | None:
    """The span of the binding name or parameter that can be renamed at `offset`."""
    return None


def rename(
    workspace: Workspace, path: str, offset: int, new_name: str
) -> list[TextEdit] | RenameError:
    """Edits that rename a binding and its parameter (and the parameter's uses) together."""
    return RenameError("Nothing to rename here.")
