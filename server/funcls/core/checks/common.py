"""Small helpers the semantic check families share: spans about whole files, host.json facts,
and the fix that adds a setting to local.settings.json."""

from __future__ import annotations

import os
from dataclasses import dataclass

from funcls.core.app_model import HOST_JSON, LOCAL_SETTINGS, AppModel, FunctionInfo
from funcls.core.edits.json_edits import insert_property
from funcls.core.jsontree import JsonArray, JsonNode, JsonObject, JsonString
from funcls.core.problems import Fix, Location, Related, Span, TextEdit
from funcls.core.workspace import Workspace

PYTHON_V2_SCRIPT = "function_app.py"


def node_span(node: JsonNode) -> Span:
    """The span of a node."""
    return Span(node.start, node.end)


def content_span(node: JsonString, start: int, end: int) -> Span:
    """A span inside a string value, from offsets relative to its content.

    Offsets are into the decoded value; for values without escapes they map one to one onto the
    text. With escapes the whole string is returned, which is never wrong.
    """
    raw_length = node.content_end - node.content_start
    if raw_length != len(node.value):
        return node_span(node)
    return Span(node.content_start + start, node.content_start + end)


def head_span(fn: FunctionInfo) -> Span:
    """Where to report a problem about a whole function: the opening brace of function.json."""
    root = fn.root_object
    if root is not None:
        return Span(root.start, root.start + 1)
    return Span(0, 0)


def related_at(path: str, span: Span, message: str) -> Related:
    """Related information at a span of a file."""
    return Related(Location(path, span), message)


@dataclass(frozen=True)
class HostConfig:
    """The facts of host.json the semantic checks need (None when absent or not parsed)."""

    path: str
    root: JsonObject | None
    exists: bool

    def section(self, *keys: str) -> JsonNode | None:
        """The node at a path of keys."""
        node: JsonNode | None = self.root
        for key in keys:
            if not isinstance(node, JsonObject):
                return None
            node = node.get_value(key)
        return node

    @property
    def route_prefix(self) -> str:
        """`extensions.http.routePrefix` (default `api`; an empty string removes it)."""
        node = self.section("extensions", "http", "routePrefix")
        if isinstance(node, JsonString):
            return node.value.strip().strip("/")
        return "api"

    @property
    def bundle(self) -> JsonObject | None:
        """The `extensionBundle` object."""
        node = self.section("extensionBundle")
        return node if isinstance(node, JsonObject) else None

    @property
    def allow_list(self) -> JsonArray | None:
        """The `functions` allow-list array."""
        node = self.section("functions")
        return node if isinstance(node, JsonArray) else None


def host_config(workspace: Workspace, app: AppModel) -> HostConfig:
    """host.json of the app, through open buffers."""
    path = os.path.join(app.root, HOST_JSON)
    return HostConfig(path, workspace.json_object(path), workspace.sources.exists(path))


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
