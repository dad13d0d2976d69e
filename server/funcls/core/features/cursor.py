"""Where the cursor is in a (possibly half-typed) JSON document: key or value, of which object.

This is the bridge between the tolerant tree and completion/hover: it names the JSON path of the
object or value under the cursor, the keys already present, and the span a proposal replaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from funcls.core.jsontree import (
    JsonArray,
    JsonDocument,
    JsonNode,
    JsonObject,
    JsonProperty,
    JsonString,
    PathPart,
    path_of,
)
from funcls.core.problems import Span


@dataclass(frozen=True)
class Cursor:
    """The completion position.

    `kind` is `key` (a property name goes here), `value` (a property value or array item goes
    here) or `none`. `path` is the JSON path of the object (for keys) or of the value. `replace`
    is the span a proposal replaces; `node` is the node being replaced, if any; `has_colon`
    tells key proposals whether `: value` is already there.
    """

    kind: str
    path: tuple[PathPart, ...]
    replace: Span
    container: JsonNode | None = None
    node: JsonNode | None = None
    has_colon: bool = False
    prefix: str = ""

    @property
    def existing_keys(self) -> list[str]:
        """Keys already present in the object (for `key` cursors), excluding the one typed."""
        if not isinstance(self.container, JsonObject):
            return []
        return [p.key.value for p in self.container.properties if p.key is not self.node]


NONE = Cursor("none", (), Span(0, 0))


def cursor_at(document: JsonDocument, offset: int) -> Cursor:
    """Analyse the cursor position `offset` in `document`."""
    if document.root is None:
        return Cursor("value", (), Span(offset, offset))
    node = document.node_at(offset)
    if node is None:
        return NONE
    text = document.text
    if isinstance(node, JsonString):
        return _in_string(node, offset, text)
    if isinstance(node, JsonProperty):
        return _in_property(node, offset)
    if isinstance(node, JsonObject):
        if offset <= node.start or (node.closed and offset >= node.end):
            return NONE
        awaiting = _awaiting_value(node, offset, text)
        if awaiting is not None:
            return Cursor("value", tuple(path_of(awaiting)), Span(offset, offset), container=node)
        return Cursor("key", tuple(path_of(node)), Span(offset, offset), container=node)
    if isinstance(node, JsonArray):
        if offset <= node.start or (node.closed and offset >= node.end):
            return NONE
        index = sum(1 for item in node.items if item.end <= offset)
        return Cursor(
            "value", tuple(path_of(node)) + (index,), Span(offset, offset), container=node
        )
    # numbers, booleans, null, bare words: replace the whole token
    parent = node.parent
    return Cursor(
        "value",
        tuple(path_of(node)),
        Span(node.start, node.end),
        container=parent,
        node=node,
        prefix=text[node.start : offset],
    )


def _in_string(node: JsonString, offset: int, text: str) -> Cursor:
    parent = node.parent
    span = Span(node.start, node.end)
    prefix = text[node.start + 1 : offset] if offset > node.start else ""
    if isinstance(parent, JsonProperty) and parent.key is node:
        obj = parent.parent
        return Cursor(
            "key",
            tuple(path_of(obj)) if obj is not None else (),
            span,
            container=obj,
            node=node,
            has_colon=parent.colon >= 0,
            prefix=prefix,
        )
    return Cursor("value", tuple(path_of(node)), span, container=parent, node=node, prefix=prefix)


def _in_property(prop: JsonProperty, offset: int) -> Cursor:
    if prop.colon >= 0 and offset > prop.colon:
        if prop.value is None or offset <= prop.value.start:
            return Cursor(
                "value",
                tuple(path_of(prop)),
                Span(offset, offset),
                container=prop.parent,
            )
        return NONE
    if offset >= prop.key.end and prop.colon < 0:
        # `"key" |` with no colon yet: nothing sensible to propose.
        return NONE
    return NONE


def _awaiting_value(obj: JsonObject, offset: int, text: str) -> JsonProperty | None:
    """The property whose value is missing and whose colon precedes the cursor on the way."""
    for prop in obj.properties:
        if prop.colon < 0 or prop.value is not None or prop.colon >= offset:
            continue
        between = text[prop.colon + 1 : offset]
        if between.strip() == "":
            return prop
    return None
