"""The binding types a new binding for an annotated parameter may take, when the annotation
alone does not decide (`func.Out[str]`, `str`, `bytes`, `List[str]`...).

Which types accept the annotation is asked of the installed azure-functions library's
converters (the worker's own check, `converters.judge_parameter`), over every binding type of
the schema that allows the parameter's direction. The order puts a few likely types first: those
the library has a dedicated converter for (the Python side knows them: blob, queue, Service Bus,
Event Hubs, Cosmos DB...), types from extension bundles before the host's built-in `http`
output (a function's HTTP response is normally its `$return`), older bundle majors first;
then every other accepting type in the schema's order.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass
from typing import Any

from funcls.core import schemas
from funcls.core.knowledge import converters
from funcls.core.python.annotations import is_placeholder

# Triggers whose `cardinality` says one event or a batch (`List[...]`).
CARDINALITY_TYPES = ("eventHubTrigger", "serviceBusTrigger", "kafkaTrigger")
_MAX_CHOICES = 40


@dataclass(frozen=True)
class _TypeFacts:
    """What the schema says about one binding type, as the ranking needs it."""

    name: str
    directions: tuple[str, ...]
    trigger: bool
    builtin: bool
    min_major: int
    order: int


@functools.lru_cache(maxsize=1)
def _types() -> tuple[_TypeFacts, ...]:
    found: list[_TypeFacts] = []
    for order, (name, definition) in enumerate(schemas.binding_definitions().items()):
        if definition.get("x-legacy"):
            continue  # a name the v4 host or its bundles no longer take
        direction = definition.get("properties", {}).get("direction", {})
        enum = direction.get("enum", []) if isinstance(direction, dict) else []
        bundle = definition.get("x-bundle") or {}
        major = bundle.get("minMajor") if isinstance(bundle, dict) else None
        found.append(
            _TypeFacts(
                name=name,
                directions=tuple(d for d in enum if d in ("in", "out")),
                trigger=bool(definition.get("x-trigger")),
                builtin=bool(definition.get("x-builtIn")),
                min_major=major if isinstance(major, int) else 0,
                order=order,
            )
        )
    return tuple(found)


def _shape(value: Any) -> tuple[bool, bool, type] | None:
    """(is Out[...], is List[...], the class inside) of an annotation the converters can judge,
    else None."""
    out = converters.is_out_annotation(value)
    inner = value
    if out:
        inner, count = converters.unwrap_out(value)
        if count != 1:
            return None
    many = typing.get_origin(inner) is list
    if many:
        args = typing.get_args(inner)
        if len(args) != 1:
            return None
        inner = args[0]
    if not isinstance(inner, type) or is_placeholder(inner):
        return None
    return out, many, inner


def binding_choices(value: Any, name: str, has_trigger: bool) -> list[dict[str, Any]]:
    """New bindings for a parameter `name` annotated `value` (a library type), one per binding
    type whose converter accepts the annotation, likely ones first; values from the schema's
    snippet for each type."""
    shape = _shape(value)
    if shape is None:
        return []
    out, many, inner = shape
    # a class of the library names its binding; a type taking anything (activityTrigger) is
    # then no suggestion, while for `str` or `bytes` it is one of many
    library_class = inner.__module__.startswith("azure.functions")
    direction = "out" if out else "in"
    accepted: list[tuple[tuple[int, ...], _TypeFacts]] = []
    for facts in _types():
        if direction not in facts.directions or (facts.trigger and has_trigger):
            continue
        if many and facts.trigger and facts.name not in CARDINALITY_TYPES:
            continue  # a trigger delivers one item unless its cardinality says many
        if converters.judge_parameter(value, facts.name, out).rule is not None:
            continue
        anything = converters.accepts_anything(facts.name, out)
        if anything and library_class:
            continue
        dedicated = converters.converter(facts.name) is not None
        if dedicated and not anything:
            rank = (0, int(facts.builtin), facts.min_major, facts.order)
        else:
            rank = (1, 0, 0, facts.order)
        accepted.append((rank, facts))
    accepted.sort(key=lambda item: item[0])
    return [_values(f.name, direction, name, many) for _, f in accepted[:_MAX_CHOICES]]


def _values(binding_type: str, direction: str, name: str, many: bool) -> dict[str, Any]:
    values: dict[str, Any] = {"type": binding_type, "direction": direction, "name": name}
    definition = schemas.binding_definition(binding_type) or {}
    for snippet in definition.get("x-snippets", []):
        body = snippet.get("body")
        if isinstance(body, dict) and body.get("direction", direction) == direction:
            for key, item in body.items():
                if key not in ("type", "direction", "name"):
                    values[key] = item
            break
    if binding_type in CARDINALITY_TYPES:
        values["cardinality"] = "many" if many else "one"
    return values
