"""Fixes of host.json's extension bundle: add the default `extensionBundle`, or set its range."""

from __future__ import annotations

from funcls.core.edits.json_edits import insert_property, replace_node
from funcls.core.jsontree import JsonString
from funcls.core.knowledge.binding_types import DEFAULT_BUNDLE_RANGE
from funcls.core.knowledge.bundles import DEFAULT_BUNDLE, BundleState
from funcls.core.problems import Fix
from funcls.core.workspace import Workspace


def add_bundle_fix(workspace: Workspace, state: BundleState) -> Fix | None:
    """Add the default `extensionBundle` to host.json, or set its range to `[4.*, 5.0.0)`."""
    host = state.host
    source = workspace.read(host.path)
    if source is None or source.text is None or host.root is None:
        return None
    bundle = host.bundle
    if bundle is None:
        if host.root.get("extensionBundle") is not None:
            return None
        edit = insert_property(host.path, source.text, host.root, "extensionBundle", DEFAULT_BUNDLE)
        if edit is None:
            return None
        return Fix(f"Add extensionBundle {DEFAULT_BUNDLE_RANGE} to host.json", (edit,))
    return set_range_fix(workspace, state)


def set_range_fix(workspace: Workspace, state: BundleState) -> Fix | None:
    """Set `extensionBundle.version` to `[4.*, 5.0.0)`."""
    bundle = state.host.bundle
    if bundle is None:
        return None
    node = bundle.get_value("version")
    source = workspace.read(state.host.path)
    if source is None or source.text is None:
        return None
    if isinstance(node, JsonString):
        edit = replace_node(state.host.path, node, DEFAULT_BUNDLE_RANGE)
    elif node is None and bundle.get("version") is None:
        created = insert_property(
            state.host.path, source.text, bundle, "version", DEFAULT_BUNDLE_RANGE
        )
        if created is None:
            return None
        edit = created
    else:
        return None
    return Fix(f"Use extension bundle {DEFAULT_BUNDLE_RANGE}", (edit,))
