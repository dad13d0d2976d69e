"""The one set of text edits on JSON files: insert, remove and rename properties, add and remove
bindings, and the layout helpers (indentation, line ends, objects one member per line) that the
fixes and the completion snippets share.

Fixes must leave valid JSON with the file's own indentation and commas, even when the object is
empty or written on one line. Every helper returns plain `TextEdit`s (or None when the tree is too
broken to edit safely); nothing here reads or writes files.
"""

from __future__ import annotations

import json
from typing import Any

from funcls.core.app_model import Binding
from funcls.core.edits import decorator_edits
from funcls.core.jsontree import (
    JsonArray,
    JsonDocument,
    JsonNode,
    JsonObject,
    JsonProperty,
    JsonString,
)
from funcls.core.problems import Fix, Span, TextEdit
from funcls.core.text import line_indent_at, line_start


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


def starts_line(text: str, offset: int) -> bool:
    """True when only white space precedes `offset` on its line."""
    return not text[line_start(text, offset) : offset].strip()


def next_significant(text: str, offset: int) -> str:
    """The next non-whitespace character at or after `offset` ('' at the end)."""
    for ch in text[offset:]:
        if not ch.isspace():
            return ch
    return ""


def _single_line(text: str, node: JsonNode) -> bool:
    chunk = text[node.start : node.end]
    return "\n" not in chunk and "\r" not in chunk


def render_members(
    members: list[tuple[str, str]], indent: str, unit: str, newline: str = "\n", closing: str = "}"
) -> str:
    """An object written one member per line from `(key, value already written as JSON)`
    pairs, its members at `indent` + `unit` and `closing` at `indent`."""
    inner = indent + unit
    items = [f"{inner}{json.dumps(key)}: {encoded}" for key, encoded in members]
    return "{" + newline + ("," + newline).join(items) + newline + indent + closing


def render_value(value: Any, indent: str, unit: str, newline: str = "\n") -> str:
    """JSON for `value`, pretty-printed so nested lines start at `indent` + `unit`."""
    if isinstance(value, dict) and value:
        inner = indent + unit
        members = [(k, render_value(v, inner, unit, newline)) for k, v in value.items()]
        return render_members(members, indent, unit, newline)
    return json.dumps(value, ensure_ascii=False)


def insert_property(
    path: str, text: str, obj: JsonObject, key: str, value: Any, *, raw: str | None = None
) -> TextEdit | None:
    """Add `"key": value` as the last property of `obj` (or `raw` JSON text as the value).

    Keeps the object's layout: one property per line when it is written that way, inline when
    the object sits on one line. Returns None for an object whose closing brace is missing.
    """
    if decorator_edits.is_decorator_node(obj):
        return decorator_edits.add_keyword(path, text, obj, key, value)
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
    if decorator_edits.is_decorator_node(prop):
        return decorator_edits.remove_keyword(path, text, prop)
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
        if starts_line(text, prop.start):
            next_line_start = line_start(text, nxt.start)
            if next_line_start > prop.end and starts_line(text, nxt.start):
                return TextEdit(path, Span(line_start(text, prop.start), next_line_start), "")
        return TextEdit(path, Span(prop.start, nxt.start), "")
    previous = props[index - 1]
    return TextEdit(path, Span(previous.end, prop.end), "")


def replace_node(path: str, node: JsonNode, value: Any) -> TextEdit:
    """Replace a value node by `value` written as JSON (as Python for a v2 binding's node)."""
    if decorator_edits.is_decorator_node(node):
        return decorator_edits.replace_value(path, node, value)
    return TextEdit(path, Span(node.start, node.end), json.dumps(value, ensure_ascii=False))


def rename_key(path: str, key: JsonString, new_key: str) -> TextEdit:
    """Rename a property key (the keyword argument, for a v2 binding)."""
    if decorator_edits.is_decorator_node(key):
        return decorator_edits.rename_keyword(path, key, new_key)
    return TextEdit(path, Span(key.start, key.end), json.dumps(new_key))


def change_to(
    path: str, node: JsonNode, value: str, *, preferred: bool = True, safe: bool = False
) -> Fix:
    """The fix "Change to '<value>'": the string `value` in place of `node` (a key or value)."""
    return Fix(f"Change to '{value}'", (replace_node(path, node, value),), preferred, safe=safe)


# -- bindings of function.json -----------------------------------------------------------------
def _relative_unit(text: str, outer: int, inner: int) -> str:
    """The indentation step between the lines of `outer` and `inner` (two spaces if none)."""
    a = line_indent_at(text, outer)
    b = line_indent_at(text, inner)
    if len(b) > len(a) and b.startswith(a):
        return b[len(a) :]
    return "  "


def render_object(values: dict[str, Any], indent: str, unit: str) -> str:
    """A flat JSON object on several lines, its closing brace at `indent`."""
    return render_members([(k, json.dumps(v)) for k, v in values.items()], indent, unit)


def bindings_array(document: JsonDocument) -> tuple[JsonProperty, JsonArray] | None:
    """The `bindings` property and its array."""
    root = document.root
    if not isinstance(root, JsonObject):
        return None
    prop = root.get("bindings")
    if prop is None or not isinstance(prop.value, JsonArray):
        return None
    return prop, prop.value


def add_binding(document: JsonDocument, path: str, values: dict[str, Any]) -> TextEdit | None:
    """Append a binding object at the end of `bindings` (a decorator, for a v2 function)."""
    if decorator_edits.is_decorator_document(document):
        return decorator_edits.add_decorator(document, path, values)
    found = bindings_array(document)
    if found is None:
        return None
    prop, array = found
    text = document.text
    items = [i for i in array.items if isinstance(i, JsonObject)]
    if items:
        last = array.items[-1]
        indent = line_indent_at(text, last.start)
        unit = "  "
        if isinstance(last, JsonObject) and last.properties:
            unit = _relative_unit(text, last.start, last.properties[0].start)
        rendered = render_object(values, indent, unit)
        return TextEdit(path, Span(last.end, last.end), f",\n{indent}{rendered}")
    outer = line_indent_at(text, prop.start)
    unit = _relative_unit(text, 0, prop.start) or "  "
    indent = outer + unit
    rendered = render_object(values, indent, unit)
    return TextEdit(path, Span(array.start + 1, array.end - 1), f"\n{indent}{rendered}\n{outer}")


def remove_binding(document: JsonDocument, path: str, binding: Binding) -> TextEdit | None:
    """Delete one binding object and one separating comma (its decorator, for a v2 one)."""
    if decorator_edits.is_decorator_node(binding.node):
        return decorator_edits.remove_decorator(document, path, binding)
    found = bindings_array(document)
    if found is None:
        return None
    _prop, array = found
    items = array.items
    node = binding.node
    if node not in items:
        return None
    index = items.index(node)
    if index + 1 < len(items):
        return TextEdit(path, Span(node.start, items[index + 1].start), "")
    if index > 0:
        return TextEdit(path, Span(items[index - 1].end, node.end), "")
    return TextEdit(path, Span(node.start, node.end), "")


def set_string(
    document: JsonDocument, path: str, obj: JsonObject, key: str, value: str
) -> TextEdit:
    """Set `key` of `obj` to a string: replace the value, or add the property at the end."""
    prop = obj.get(key)
    if decorator_edits.is_decorator_node(obj):
        if prop is not None and prop.value is not None:
            return decorator_edits.replace_value(path, prop.value, value)
        return decorator_edits.add_keyword(path, document.text, obj, key, value)
    encoded = json.dumps(value)
    if prop is not None and prop.value is not None:
        return TextEdit(path, Span(prop.value.start, prop.value.end), encoded)
    text = document.text
    if obj.properties:
        last = obj.properties[-1]
        indent = line_indent_at(text, last.start)
        end = last.end
        if starts_line(text, last.start):
            return TextEdit(path, Span(end, end), f",\n{indent}{json.dumps(key)}: {encoded}")
        return TextEdit(path, Span(end, end), f", {json.dumps(key)}: {encoded}")
    return TextEdit(path, Span(obj.start + 1, obj.start + 1), f" {json.dumps(key)}: {encoded} ")
