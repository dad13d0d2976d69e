"""The facts of an app's host.json that rules, bundles and features read: the route prefix, the
extension bundle and the `functions` allow-list, through open buffers."""

from __future__ import annotations

import os
from dataclasses import dataclass

from funcls.core.app_model import HOST_JSON, AppModel
from funcls.core.jsontree import JsonArray, JsonNode, JsonObject, JsonString
from funcls.core.workspace import Workspace


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
