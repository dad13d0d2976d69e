"""Hover in the JSON files: the schema's documentation for keys, binding types and enum values.

Contributors that know the app (setting names, schedules, routes), handed in by the caller, run
first; the first answer wins.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from funcls.core import schemas
from funcls.core.jsontree import JsonDocument, JsonNode, JsonProperty, JsonString, path_of
from funcls.core.problems import Span
from funcls.core.workspace import Workspace


@dataclass(frozen=True)
class HoverResult:
    """Markdown to show, and the span it is about."""

    markdown: str
    span: Span


@dataclass(frozen=True)
class HoverRequest:
    """What a hover contributor may look at."""

    workspace: Workspace
    path: str
    kind: str
    document: JsonDocument
    offset: int
    node: JsonNode
    json_path: tuple[str | int, ...]
    is_key: bool


HoverContributor = Callable[[HoverRequest], "HoverResult | None"]


def hover(
    workspace: Workspace, path: str, offset: int, contributors: Sequence[HoverContributor]
) -> HoverResult | None:
    """Documentation for the key or value at `offset` of a JSON file: the first answer of
    `contributors` (listed in `funcls.core.features.service`), else the schema's."""
    kind = schemas.schema_kind(path)
    document = workspace.json(path) if kind else None
    if kind is None or document is None:
        return None
    node = document.node_at(offset)
    if node is None or isinstance(node, JsonProperty) or node.kind in ("object", "array"):
        return None
    parent = node.parent
    is_key = isinstance(parent, JsonProperty) and parent.key is node
    request = HoverRequest(
        workspace, path, kind, document, offset, node, tuple(path_of(node)), is_key
    )
    for contributor in contributors:
        result = contributor(request)
        if result is not None:
            return result
    return _schema_hover(request)


def _schema_hover(request: HoverRequest) -> HoverResult | None:
    node = request.node
    value = request.document.value()
    nodes = schemas.nodes_at(request.kind, value, list(request.json_path))
    schema = schemas.merged(nodes)
    span = Span(node.start, node.end)
    path = request.json_path
    if (
        not request.is_key
        and request.kind == "function.json"
        and len(path) == 3
        and path[0] == "bindings"
        and path[2] == "type"
        and isinstance(node, JsonString)
    ):
        definition = schemas.binding_definition(node.value)
        if definition is None:
            return None
        return HoverResult(binding_type_markdown(node.value, definition), span)
    name = next((p for p in reversed(path) if isinstance(p, str)), None)
    doc = schemas.describe(schema)
    if not doc and not schema:
        return None
    lines: list[str] = []
    if request.is_key:
        lines.append(f"**{name}**" + _type_suffix(schema))
        if doc:
            lines += ["", doc]
        enum = schema.get("enum") or (schema.get("items") or {}).get("enum")
        if enum:
            lines += ["", "Allowed: " + ", ".join(f"`{json.dumps(v)}`" for v in enum)]
    else:
        enum = schema.get("enum") or []
        shown = node.to_value()
        if shown in enum:
            descriptions = schema.get("markdownEnumDescriptions") or []
            position = enum.index(shown)
            lines.append(f"`{json.dumps(shown)}`: a value of **{name}**")
            if position < len(descriptions):
                lines += ["", descriptions[position]]
            elif doc:
                lines += ["", doc]
        elif doc:
            lines.append(f"**{name}**" + _type_suffix(schema))
            lines += ["", doc]
        else:
            return None
    if schema.get("x-legacy"):
        lines += ["", f"*Legacy:* {schema['x-legacy']}"]
    return HoverResult("\n".join(lines), span)


def _type_suffix(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    parts = []
    if kind:
        parts.append(kind if isinstance(kind, str) else " | ".join(kind))
    if "default" in schema:
        parts.append(f"default `{json.dumps(schema['default'])}`")
    return f" ({', '.join(parts)})" if parts else ""


def binding_type_markdown(name: str, definition: dict[str, Any]) -> str:
    """A binding type's documentation from its schema definition (function.json and v2)."""
    title = definition.get("title", name)
    lines = [f"**{name}** — {title}", "", schemas.describe(definition)]
    directions = definition.get("properties", {}).get("direction", {}).get("enum", [])
    if directions:
        lines += ["", "Directions: " + ", ".join(f"`{d}`" for d in directions)]
    required = [r for r in definition.get("required", []) if r not in ("type", "direction", "name")]
    if required:
        lines += ["", "Required: " + ", ".join(f"`{r}`" for r in required)]
    if definition.get("x-extension"):
        lines += ["", f"Extension: {definition['x-extension']}"]
    return "\n".join(lines)
