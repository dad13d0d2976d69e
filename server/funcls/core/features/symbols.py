"""Document symbols (the outline) of the JSON files; a function.json shows each binding with its
type and direction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from funcls.core.jsontree import JsonArray, JsonDocument, JsonNode, JsonObject, JsonProperty
from funcls.core.problems import Span

MAX_SYMBOLS = 2000


@dataclass(frozen=True)
class Symbol:
    """An outline entry. `kind` is one of object, array, property, string, number, boolean,
    null, event (a trigger binding) or binding."""

    name: str
    kind: str
    span: Span
    selection: Span
    detail: str | None = None
    children: tuple[Symbol, ...] = field(default=())


def document_symbols(document: JsonDocument, file_kind: str | None) -> list[Symbol]:
    """The outline of a JSON document."""
    root = document.root
    if not isinstance(root, JsonObject):
        return []
    budget = [MAX_SYMBOLS]
    symbols = [_property_symbol(p, file_kind, budget, 0) for p in root.properties]
    if file_kind == "local.settings.json":
        symbols = [_without_values(s) for s in symbols]  # setting values are secrets
    return symbols


def _without_values(symbol: Symbol) -> Symbol:
    """The symbol tree with every scalar detail (a value) removed."""
    return Symbol(
        symbol.name,
        symbol.kind,
        symbol.span,
        symbol.selection,
        symbol.detail if symbol.kind in ("object", "array") else None,
        tuple(_without_values(c) for c in symbol.children),
    )


def _property_symbol(
    prop: JsonProperty, file_kind: str | None, budget: list[int], depth: int
) -> Symbol:
    budget[0] -= 1
    value = prop.value
    span = Span(prop.start, max(prop.end, prop.key.end))
    selection = Span(prop.key.start, prop.key.end)
    if (
        file_kind == "function.json"
        and depth == 0
        and prop.key.value == "bindings"
        and isinstance(value, JsonArray)
    ):
        children = tuple(
            _binding_symbol(item, index, budget)
            for index, item in enumerate(value.items)
            if isinstance(item, JsonObject)
        )
        return Symbol("bindings", "array", span, selection, f"{len(children)} bindings", children)
    return Symbol(
        prop.key.value,
        _kind(value),
        span,
        selection,
        _detail(value),
        _children(value, file_kind, budget, depth + 1),
    )


def _binding_symbol(item: JsonObject, index: int, budget: list[int]) -> Symbol:
    budget[0] -= 1
    name = item.get_string("name") or f"binding {index}"
    kind = item.get_string("type") or "?"
    direction = item.get_string("direction") or "?"
    is_trigger = kind.lower().endswith("trigger") and direction != "out"
    name_node = item.get_value("name")
    selection = (
        Span(name_node.start, name_node.end)
        if name_node is not None
        else Span(item.start, item.start + 1)
    )
    return Symbol(
        name,
        "event" if is_trigger else "binding",
        Span(item.start, item.end),
        selection,
        f"{kind} ({direction})",
        tuple(_property_symbol(p, None, budget, 2) for p in item.properties if budget[0] > 0),
    )


def _children(
    node: JsonNode | None, file_kind: str | None, budget: list[int], depth: int
) -> tuple[Symbol, ...]:
    if budget[0] <= 0 or depth > 20:
        return ()
    if isinstance(node, JsonObject):
        return tuple(_property_symbol(p, file_kind, budget, depth) for p in node.properties)
    if isinstance(node, JsonArray):
        result = []
        for index, item in enumerate(node.items):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            result.append(
                Symbol(
                    str(index),
                    _kind(item),
                    Span(item.start, item.end),
                    Span(item.start, item.end),
                    _detail(item),
                    _children(item, file_kind, budget, depth + 1),
                )
            )
        return tuple(result)
    return ()


def _kind(node: JsonNode | None) -> str:
    return "null" if node is None else node.kind if node.kind != "invalid" else "null"


def _detail(node: JsonNode | None) -> str | None:
    if node is None or isinstance(node, (JsonObject, JsonArray)):
        return None
    text = json.dumps(node.to_value())
    return text if len(text) <= 60 else text[:57] + "..."
