"""funcls's JSON schemas: loading them and asking what applies at a JSON path.

The schemas in `schemas/` are the single source of binding types, properties, enums, defaults and
their documentation; completion, hover and validation all read them through this module.
Navigation follows `$ref`, `allOf`, `anyOf`/`oneOf` and `if`/`then`/`else` against the actual
document. A function.json binding's own definition (`definitions/<type>`) is chosen in Python by
its `type` (`definition_pointer`), the same way for navigation and validation, so inside an
httpTrigger binding the httpTrigger definition applies.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.validators import validator_for

Schema = dict[str, Any]
MISSING: Any = object()

SCHEMA_FILES = {
    "function.json": "function.json.schema.json",
    "host.json": "host.json.schema.json",
    "local.settings.json": "local.settings.json.schema.json",
}


def _schema_dir() -> str:
    """The packaged schemas (inside the wheel), else the repository's `schemas/`."""
    try:
        packaged = resources.files("funcls") / "schemas"
        if packaged.is_dir():
            return str(packaged)
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - odd installs
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "schemas"))


def schema_dir() -> str:
    """The folder of the schemas and the data files next to them."""
    return _schema_dir()


def schema_kind(path: str) -> str | None:
    """Which schema governs a file, by its name (`function.json`, `host.json`, ...)."""
    name = os.path.basename(path).lower()
    return name if name in SCHEMA_FILES else None


@cache
def load_schema(kind: str) -> Schema:
    """The parsed schema for a file kind."""
    with open(os.path.join(_schema_dir(), SCHEMA_FILES[kind]), encoding="utf-8") as handle:
        data: Schema = json.load(handle)
    return data


BINDING = "#/definitions/binding"


@cache
def validator(kind: str) -> Any:
    """A compiled validator of the draft the schema declares, for the schema without the
    binding-type dispatch: `iter_errors` validates each binding against its own definition."""
    schema = _without_dispatch(load_schema(kind)) if kind == "function.json" else load_schema(kind)
    return validator_for(schema, default=Draft7Validator)(schema)


def _without_dispatch(schema: Schema) -> Schema:
    """function.json's schema without `definitions/binding`'s allOf of `if type is X then
    definitions/X` entries (about seventy per binding, each a validator call otherwise)."""
    binding = {k: v for k, v in schema["definitions"]["binding"].items() if k != "allOf"}
    return {**schema, "definitions": {**schema["definitions"], "binding": binding}}


def iter_errors(kind: str, instance: Any) -> Iterator[Any]:
    """The schema errors of a document: those of the schema without the binding-type dispatch,
    then those of each function.json binding against its own `definitions/<type>`, chosen in
    Python (`definition_pointer`) and reported at `bindings/<index>/...`."""
    yield from validator(kind).iter_errors(instance)
    bindings = (
        instance.get("bindings") if kind == "function.json" and isinstance(instance, dict) else None
    )
    if not isinstance(bindings, list):
        return
    for index, binding in enumerate(bindings):
        pointer = definition_pointer(binding)
        if pointer is None:
            continue
        for error in _subvalidator(kind, pointer).iter_errors(binding):
            error.path.extendleft((index, "bindings"))  # extendleft reverses: bindings/index
            yield error


def definition_pointer(binding: Any) -> str | None:
    """`#/definitions/<type>` of a function.json binding whose `type` names a definition
    exactly (the worker does not match types ignoring case; the semantic checks report a
    differently cased type), else None."""
    if not isinstance(binding, dict):
        return None
    type_name = binding.get("type")
    return _definition_pointers().get(type_name) if isinstance(type_name, str) else None


@lru_cache(maxsize=1)
def _definition_pointers() -> dict[str, str]:
    binding = load_schema("function.json")["definitions"]["binding"]
    pointers: dict[str, str] = {}
    for entry in binding.get("allOf", []):
        type_name = entry.get("if", {}).get("properties", {}).get("type", {}).get("const")
        ref = entry.get("then", {}).get("$ref", "")
        if isinstance(type_name, str) and ref.startswith("#"):
            pointers[type_name] = ref
    return pointers


def _subvalidator(kind: str, pointer: str) -> Any:
    """A validator for a subschema that still resolves `#/definitions/...` against the root.

    Not cached: with a cache of them no figure moved (an edit of function.json -> its problems,
    completion, `funcls check`, at 200 and 1,000 functions; bench/cache_figures.py, 2026-12)."""
    return validator(kind).evolve(schema=_at_pointer(load_schema(kind), pointer))


def _at_pointer(schema: Schema, pointer: str) -> Schema:
    node: Any = schema
    for part in pointer.lstrip("#/").split("/"):
        if not part:
            continue
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node  # type: ignore[no-any-return]


@dataclass(frozen=True)
class SchemaNode:
    """A subschema and the pointer it was found at (pointers make subschemas cacheable)."""

    kind: str
    pointer: str

    @property
    def schema(self) -> Schema:
        """The subschema itself."""
        return _resolve(self.kind, self.pointer)

    def child(self, *parts: str | int) -> SchemaNode:
        """The node at a pointer below this one."""
        return _child(self, parts)


# Schemas never change while the server runs, so the subschema at a pointer is memoised: without
# it an edit of function.json -> its problems p50 3.4 -> 8.3 ms and 11.4 -> 12.7 ms at 1,000
# functions in two runs (bench/cache_figures.py, 2026-12). Navigation only follows keys the
# schemas hold, so the pointers are bounded: 2,048 holds all 1,597 subschemas of the three
# schemas; a check of 1,000 functions plus completion meets 105.
@lru_cache(maxsize=2048)
def _resolve(kind: str, pointer: str) -> Schema:
    return _at_pointer(load_schema(kind), pointer)


def _child(node: SchemaNode, parts: tuple[str | int, ...]) -> SchemaNode:
    # Not cached: a cache lookup costs about what building the pointer does, and no figure moved
    # without one (bench/cache_figures.py, 2026-12).
    suffix = "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return SchemaNode(node.kind, f"{node.pointer.rstrip('/')}/{suffix}")


def root(kind: str) -> SchemaNode:
    """The root schema node of a file kind."""
    return SchemaNode(kind, "#")


def _matches(node: SchemaNode, instance: Any) -> bool:
    if instance is MISSING:
        return False
    try:
        return bool(_subvalidator(node.kind, node.pointer).is_valid(instance))
    except Exception:  # a half-typed instance must never break navigation
        return False


@dataclass(frozen=True)
class _Plan:
    """How `expand` walks one subschema, worked out once per pointer."""

    ref: SchemaNode | None
    all_of: tuple[SchemaNode, ...]
    condition: SchemaNode | None  # `if`
    then: SchemaNode | None
    otherwise: SchemaNode | None  # `else`
    branches: tuple[tuple[SchemaNode, ...], ...]  # anyOf, oneOf


# Without it: function.json completion p50 0.14-0.15 -> 0.22-0.23 ms at 1,000 functions, in each
# of three runs (bench/cache_figures.py, 2026-12). One plan per subschema pointer: sized like
# `_resolve`.
@lru_cache(maxsize=2048)
def _plan(node: SchemaNode) -> _Plan | None:
    schema = node.schema
    if not isinstance(schema, dict):
        return None
    ref = schema.get("$ref")
    target = SchemaNode(node.kind, ref) if isinstance(ref, str) and ref.startswith("#") else None

    def optional(keyword: str) -> SchemaNode | None:
        return node.child(keyword) if keyword in schema else None

    return _Plan(
        ref=target,
        all_of=tuple(node.child("allOf", i) for i, _ in enumerate(schema.get("allOf", []))),
        condition=optional("if"),
        then=optional("then"),
        otherwise=optional("else"),
        branches=tuple(
            tuple(node.child(keyword, i) for i, _ in enumerate(schema.get(keyword, [])))
            for keyword in ("anyOf", "oneOf")
        ),
    )


def expand(node: SchemaNode, instance: Any = MISSING, depth: int = 0) -> list[SchemaNode]:
    """Every subschema that applies to `instance` at `node`: refs followed, allOf merged, the
    if/then branch taken when the instance matches `if`, anyOf/oneOf branches that match (all of
    them when none matches, so completion still offers their keys)."""
    if depth > 16:
        return []
    plan = _plan(node)
    if plan is None:
        return []
    if plan.ref is not None:
        return expand(plan.ref, instance, depth + 1)
    result = [node]
    if node.kind == "function.json" and node.pointer == BINDING:
        # the binding's own definition, chosen as validation chooses it (`iter_errors`)
        pointer = definition_pointer(instance) if instance is not MISSING else None
        if pointer is not None:
            result += expand(SchemaNode(node.kind, pointer), instance, depth + 1)
        return result + _expand_branches(plan, instance, depth)
    for child in plan.all_of:
        result += expand(child, instance, depth + 1)
    return result + _expand_branches(plan, instance, depth)


def _expand_branches(plan: _Plan, instance: Any, depth: int) -> list[SchemaNode]:
    """The if/then/else and anyOf/oneOf part of `expand`."""
    result: list[SchemaNode] = []
    if plan.condition is not None:
        if _matches(plan.condition, instance):
            if plan.then is not None:
                result += expand(plan.then, instance, depth + 1)
        elif plan.otherwise is not None and instance is not MISSING:
            result += expand(plan.otherwise, instance, depth + 1)
    for branches in plan.branches:
        matching = [b for b in branches if _matches(b, instance)]
        for branch in matching or branches:
            result += expand(branch, instance, depth + 1)
    return result


def child_nodes(nodes: list[SchemaNode], part: str | int) -> list[SchemaNode]:
    """Subschemas for a property name or an array index below the given (expanded) nodes."""
    found: list[SchemaNode] = []
    for node in nodes:
        schema = node.schema
        if isinstance(part, str):
            props = schema.get("properties", {})
            if part in props:
                found.append(node.child("properties", part))
                continue
            matched = False
            for pattern in schema.get("patternProperties", {}):
                if re.search(pattern, part):
                    found.append(node.child("patternProperties", pattern))
                    matched = True
            if not matched and isinstance(schema.get("additionalProperties"), dict):
                found.append(node.child("additionalProperties"))
        else:
            items = schema.get("items")
            if isinstance(items, dict):
                found.append(node.child("items"))
            elif isinstance(items, list) and part < len(items):
                found.append(node.child("items", part))
    return found


def nodes_at(kind: str, document_value: Any, path: list[str | int]) -> list[SchemaNode]:
    """The expanded subschemas that apply to the value at `path` of a document."""
    nodes = expand(root(kind), document_value)
    value = document_value
    for part in path:
        value = step(value, part)
        nodes = [n for child in child_nodes(nodes, part) for n in expand(child, value)]
    return nodes


def step(value: Any, part: str | int) -> Any:
    """The value at one key or index below `value` (MISSING when absent)."""
    if isinstance(part, str) and isinstance(value, dict):
        return value.get(part, MISSING)
    if isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value):
        return value[part]
    return MISSING


@dataclass(frozen=True)
class PropertyInfo:
    """What the schemas say about one key of an object."""

    name: str
    node: SchemaNode
    required: bool

    @property
    def schema(self) -> Schema:
        """The property's subschema."""
        return self.node.schema


def object_properties(nodes: list[SchemaNode]) -> dict[str, PropertyInfo]:
    """Every property declared for an object across its expanded subschemas.

    Later (more specific) subschemas win, so an httpTrigger's `direction` enum replaces the base
    binding's.
    """
    required: set[str] = set()
    props: dict[str, SchemaNode] = {}
    for node in nodes:
        schema = node.schema
        required.update(r for r in schema.get("required", []) if isinstance(r, str))
        for name in schema.get("properties", {}):
            props[name] = node.child("properties", name)
    return {name: PropertyInfo(name, node, name in required) for name, node in props.items()}


def merged(nodes: list[SchemaNode]) -> Schema:
    """A shallow merge of subschemas (later ones win): the view hover and completion need."""
    result: Schema = {}
    for node in nodes:
        for node2 in expand(node):
            result.update(node2.schema)
    return result


def describe(schema: Schema) -> str:
    """Markdown documentation of a subschema."""
    text = schema.get("markdownDescription") or schema.get("description") or ""
    return str(text)


def enum_values(nodes: list[SchemaNode]) -> list[Any]:
    """Allowed values at a position: the most specific subschema's enum or const wins (an
    httpTrigger's `direction` enum replaces the base binding's)."""
    for node in reversed(nodes):
        schema = node.schema
        if "enum" in schema:
            return list(schema["enum"])
        if "const" in schema:
            return [schema["const"]]
    return []


def binding_definitions() -> dict[str, Schema]:
    """function.json binding definitions by type name, from the allOf dispatch."""
    return dict(_binding_definitions())


@lru_cache(maxsize=1)
def _binding_definitions() -> tuple[tuple[str, Schema], ...]:
    schema = load_schema("function.json")
    binding = schema.get("definitions", {}).get("binding", {})
    result: list[tuple[str, Schema]] = []
    for entry in binding.get("allOf", []):
        type_name = entry.get("if", {}).get("properties", {}).get("type", {}).get("const")
        ref = entry.get("then", {}).get("$ref", "")
        if isinstance(type_name, str) and ref.startswith("#"):
            result.append((type_name, _at_pointer(schema, ref)))
    return tuple(result)


def binding_types() -> list[str]:
    """Every binding type the function.json schema defines, canonical spelling."""
    return [name for name, _ in _binding_definitions()]


def binding_definition(type_name: str) -> Schema | None:
    """The definition of a binding type (exact spelling)."""
    return dict(_binding_definitions()).get(type_name)
