"""Text edits on JSON files that keep them tidy: insert, remove and rename properties.

Fixes must leave valid JSON with the file's own indentation and commas, even when the object is
empty or written on one line. Every helper returns plain `TextEdit`s (or None when the tree is too
broken to edit safely); nothing here reads or writes files.
"""

from __future__ import annotations

import json
from typing import Any

from funcls.core.jsontree import JsonNode, JsonObject, JsonProperty, JsonString
from funcls.core.problems import Span, TextEdit


def indent_unit(text: str) -> str:
    """The file's indentation step: a tab, or the smallest run of leading spaces (default 2)."""
    smallest = 0
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        if not stripped or len(stripped) == len(line):
            continue
        lead = line[: len(line) - len(stripped)]
        if lead.startswith("\t"):
            return "\t"
        if smallest == 0 or len(lead) < smallest:
            smallest = len(lead)
    return " " * (smallest or 2)


def newline_of(text: str) -> str:
    """The file's line ending (CRLF when the file uses it)."""
    return "\r\n" if "\r\n" in text else "\n"


def line_indent_at(text: str, offset: int) -> str:
    """Leading white space of the line holding `offset`."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def _single_line(text: str, node: JsonNode) -> bool:
    chunk = text[node.start : node.end]
    return "\n" not in chunk and "\r" not in chunk


def render_value(value: Any, indent: str, unit: str, newline: str = "\n") -> str:
    """JSON for `value`, pretty-printed so nested lines start at `indent` + `unit`."""
    if isinstance(value, dict) and value:
        inner = indent + unit
        items = [
            f"{inner}{json.dumps(k)}: {render_value(v, inner, unit, newline)}"
            for k, v in value.items()
        ]
        return "{" + newline + ("," + newline).join(items) + newline + indent + "}"
    return json.dumps(value, ensure_ascii=False)


def insert_property(
    path: str, text: str, obj: JsonObject, key: str, value: Any, *, raw: str | None = None
) -> TextEdit | None:
    """Add `"key": value` as the last property of `obj` (or `raw` JSON text as the value).

    Keeps the object's layout: one property per line when it is written that way, inline when
    the object sits on one line. Returns None for an object whose closing brace is missing.
    """
    if not obj.closed:
        return None
    unit = indent_unit(text)
    newline = newline_of(text)
    if obj.properties:
        last = obj.properties[-1]
        first = obj.properties[0]
        if _single_line(text, obj):
            rendered = raw if raw is not None else json.dumps(value, ensure_ascii=False)
            return TextEdit(path, Span(last.end, last.end), f", {json.dumps(key)}: {rendered}")
        indent = line_indent_at(text, first.start)
        rendered = raw if raw is not None else render_value(value, indent, unit, newline)
        return TextEdit(
            path, Span(last.end, last.end), f",{newline}{indent}{json.dumps(key)}: {rendered}"
        )
    outer = line_indent_at(text, obj.start)
    indent = outer + unit
    rendered = raw if raw is not None else render_value(value, indent, unit, newline)
    inside = Span(obj.start + 1, obj.end - 1)
    if text[inside.start : inside.end].strip():
        return None  # only comments inside: leave it to the user
    return TextEdit(path, inside, f"{newline}{indent}{json.dumps(key)}: {rendered}{newline}{outer}")


def insert_first_property(
    path: str, text: str, obj: JsonObject, key: str, value: Any
) -> TextEdit | None:
    """Add `"key": value` as the first property of `obj` (for `version`, `IsEncrypted`)."""
    if not obj.properties:
        return insert_property(path, text, obj, key, value)
    first = obj.properties[0]
    unit = indent_unit(text)
    newline = newline_of(text)
    if _single_line(text, obj):
        rendered = json.dumps(value, ensure_ascii=False)
        return TextEdit(path, Span(first.start, first.start), f"{json.dumps(key)}: {rendered}, ")
    indent = line_indent_at(text, first.start)
    rendered = render_value(value, indent, unit, newline)
    return TextEdit(
        path, Span(first.start, first.start), f"{json.dumps(key)}: {rendered},{newline}{indent}"
    )


def remove_property(path: str, text: str, prop: JsonProperty) -> TextEdit | None:
    """Delete `prop` with its comma, and its line when it sits alone on one."""
    obj = prop.parent
    if not isinstance(obj, JsonObject):
        return None
    index = next((i for i, p in enumerate(obj.properties) if p is prop), None)
    if index is None:
        return None
    props = obj.properties
    if len(props) == 1:
        inner = Span(obj.start + 1, obj.end - 1 if obj.closed else obj.end)
        return TextEdit(path, inner, "")
    if index < len(props) - 1:
        nxt = props[index + 1]
        start = prop.start
        line_start = max(text.rfind("\n", 0, prop.start), text.rfind("\r", 0, prop.start)) + 1
        if not text[line_start : prop.start].strip():
            next_line_start = (
                max(text.rfind("\n", 0, nxt.start), text.rfind("\r", 0, nxt.start)) + 1
            )
            if next_line_start > prop.end and not text[next_line_start : nxt.start].strip():
                return TextEdit(path, Span(line_start, next_line_start), "")
        return TextEdit(path, Span(start, nxt.start), "")
    previous = props[index - 1]
    return TextEdit(path, Span(previous.end, prop.end), "")


def replace_node(path: str, node: JsonNode, value: Any) -> TextEdit:
    """Replace a value node by `value` written as JSON."""
    return TextEdit(path, Span(node.start, node.end), json.dumps(value, ensure_ascii=False))


def rename_key(path: str, key: JsonString, new_key: str) -> TextEdit:
    """Rename a property key."""
    return TextEdit(path, Span(key.start, key.end), json.dumps(new_key))
