"""Small helpers the semantic check families share: the span of a whole function, related
information, and the fix that adds a setting to local.settings.json."""

from __future__ import annotations

import os

from funcls.core.app_model import LOCAL_SETTINGS, FunctionInfo
from funcls.core.edits.json_edits import insert_property
from funcls.core.jsontree import JsonObject
from funcls.core.problems import Fix, Location, Related, Span, TextEdit
from funcls.core.workspace import Workspace

PYTHON_V2_SCRIPT = "function_app.py"


def head_span(fn: FunctionInfo) -> Span:
    """Where to report a problem about a whole function: the opening brace of function.json."""
    root = fn.root_object
    if root is not None:
        return Span(root.start, root.start + 1)
    return Span(0, 0)


def related_at(path: str, span: Span, message: str) -> Related:
    """Related information at a span of a file."""
    return Related(Location(path, span), message)


def add_setting_fix(
    workspace: Workspace, app_root: str, name: str, value: str = "", title: str | None = None
) -> Fix | None:
    """A fix adding `"name": value` to local.settings.json `Values` (creating `Values` if needed).

    None when local.settings.json does not exist or is too broken to edit.
    """
    path = os.path.join(app_root, LOCAL_SETTINGS)
    source = workspace.read(path)
    if source is None or source.text is None:
        return None
    root = workspace.json_object(path)
    if root is None:
        return None
    values = root.get_value("Values")
    edit: TextEdit | None
    if isinstance(values, JsonObject):
        if any(p.key.value == name for p in values.properties):
            return None
        edit = insert_property(path, source.text, values, name, value)
    elif values is None and root.get("Values") is None:
        edit = insert_property(path, source.text, root, "Values", {name: value})
    else:
        return None
    if edit is None:
        return None
    shown = title or (
        f"Add '{name}' to local.settings.json (then fill in its value)"
        if value == ""
        else f"Add '{name}' to local.settings.json"
    )
    return Fix(shown, (edit,))
