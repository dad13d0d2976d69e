"""Spans of JSON nodes: the whole node, or a stretch inside a string value's content."""

from __future__ import annotations

from funcls.core.jsontree import JsonNode, JsonString
from funcls.core.problems import Span


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
