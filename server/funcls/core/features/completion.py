"""Completion in function.json, host.json and local.settings.json, driven by the schemas.

Proposals come from the schema at the cursor's JSON path (keys allowed for that binding's type and
direction, enum values, binding types, whole-binding snippets) and from contributors that know the
app (script files, entry points, parameters, app-setting names — never setting values), which
the caller hands in (see `funcls.core.features.service`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from funcls.core import schemas
from funcls.core.edits.json_edits import line_indent_at, next_significant, render_members
from funcls.core.features.cursor import Cursor, cursor_at
from funcls.core.jsontree import JsonArray, JsonDocument, JsonObject
from funcls.core.knowledge.bundles import LATEST_BUNDLE_MAJOR, bundle_state
from funcls.core.problems import Span
from funcls.core.workspace import Workspace


@dataclass(frozen=True)
class Proposal:
    """One completion proposal; `snippet` (LSP snippet syntax) is used when the client can."""

    label: str
    kind: str  # property, value, enum, snippet, file, function, variable, keyword
    insert_text: str
    replace: Span
    snippet: str | None = None
    detail: str | None = None
    documentation: str | None = None
    sort_text: str | None = None
    filter_text: str | None = None
    preselect: bool = False


@dataclass(frozen=True)
class CompletionRequest:
    """Everything a contributor may look at."""

    workspace: Workspace
    path: str
    kind: str  # schema kind: function.json / host.json / local.settings.json
    document: JsonDocument
    offset: int
    cursor: Cursor
    value: Any = field(default=None)

    @cached_property
    def nodes(self) -> list[schemas.SchemaNode]:
        """The expanded subschemas at the cursor (computed once, asked by several
        contributors)."""
        return schemas.nodes_at(self.kind, self.value, list(self.cursor.path))


Contributor = Callable[[CompletionRequest], "list[Proposal] | None"]


def complete(
    workspace: Workspace, path: str, offset: int, contributors: Sequence[Contributor]
) -> list[Proposal]:
    """Completion proposals at `offset` of the JSON file `path` (read through open buffers).

    `contributors` (listed in `funcls.core.features.service`) run before the schema proposals,
    in order; returning a list (even empty) for a position replaces the schema's value
    proposals there, returning None lets them through."""
    kind = schemas.schema_kind(path)
    if kind is None:
        return []
    document = workspace.json(path)
    if document is None:
        return []
    cursor = cursor_at(document, offset)
    if cursor.kind == "none":
        return []
    request = CompletionRequest(workspace, path, kind, document, offset, cursor, document.value())
    contributed: list[Proposal] | None = None
    for contributor in contributors:
        result = contributor(request)
        if result is not None:
            contributed = (contributed or []) + result
    if cursor.kind == "key":
        return (contributed or []) + key_proposals(request)
    if contributed is not None:
        return contributed
    return value_proposals(request)


# -- keys ------------------------------------------------------------------------------------------
def key_proposals(request: CompletionRequest) -> list[Proposal]:
    """Property names allowed at the cursor and not yet present; required ones first."""
    cursor = request.cursor
    nodes = request.nodes
    props = schemas.object_properties(nodes)
    existing = set(cursor.existing_keys)
    text = request.document.text
    add_comma = next_significant(text, cursor.replace.end) == '"' and not cursor.has_colon
    proposals: list[Proposal] = []
    wrong_era = _wrong_era_names(request, props) if request.kind == "function.json" else set()
    for name, info in props.items():
        if name in existing or name == "$schema" or name in wrong_era:
            continue
        schema = schemas.merged([info.node])
        if schema.get("x-legacy") and not schema.get("x-renamedTo"):
            rank = "3"
        elif info.required:
            rank = "0"
        elif schema.get("x-renamedTo"):
            rank = "4"
        else:
            rank = "1"
        quoted = json.dumps(name)
        if cursor.has_colon:
            plain = snippet = quoted
        else:
            plain = f"{quoted}: {_plain_value(schema)}"
            snippet = f"{quoted}: {_snippet_value(schema)}"
            if add_comma:
                plain += ","
                snippet += ","
        proposals.append(
            Proposal(
                label=name,
                kind="property",
                insert_text=plain,
                snippet=snippet,
                replace=cursor.replace,
                detail=_type_detail(schema, info.required),
                documentation=schemas.describe(schema) or None,
                sort_text=f"{rank}_{name}",
                filter_text=quoted if cursor.node is not None else name,
            )
        )
    return proposals


def _bundle_major(request: CompletionRequest) -> int | None:
    """The extension-bundle major the app of a function.json loads (None when unknown)."""
    app = request.workspace.app_for(request.path)
    if app is None:
        return None
    state = bundle_state(request.workspace, app)
    return state.effective_major if state.present else None


def _wrong_era_names(request: CompletionRequest, props: dict[str, Any]) -> set[str]:
    """Property names the extension the app loads does not read: a renamed property's old name
    (runtime 1.x, or an older extension major than the bundle's), its new name under an older
    bundle, and properties removed since (`x-renamedIn`, `x-removedIn`). Without a known bundle
    the current bundle major is assumed."""
    major = _bundle_major(request) or LATEST_BUNDLE_MAJOR
    wrong: set[str] = set()
    for name, info in props.items():
        schema = schemas.merged([info.node])
        renamed = schema.get("x-renamedIn")
        removed = schema.get("x-removedIn")
        era = renamed if isinstance(renamed, dict) else removed
        if not isinstance(era, dict):
            continue
        since = era.get("bundleMajor")
        older = isinstance(since, int) and major < since
        if not older:
            wrong.add(name)  # the loaded extension reads the new name / no longer has it
        elif isinstance(renamed, dict) and schema.get("x-renamedTo"):
            wrong.add(str(schema["x-renamedTo"]))  # an older extension: the old name is right
    return wrong


def _type_detail(schema: dict[str, Any], required: bool) -> str:
    kind = schema.get("type", "")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    parts = [str(kind) if kind else "value"]
    if required:
        parts.append("required")
    if "default" in schema:
        parts.append(f"default {json.dumps(schema['default'])}")
    if schema.get("x-legacy"):
        parts.append("legacy")
    return ", ".join(parts)


def _plain_value(schema: dict[str, Any]) -> str:
    if "default" in schema:
        return json.dumps(schema["default"])
    kind = schema.get("type")
    if "const" in schema:
        return json.dumps(schema["const"])
    if kind == "object":
        return "{}"
    if kind == "array":
        return "[]"
    if kind == "boolean":
        return "false"
    if kind in ("integer", "number"):
        return "0"
    return '""'


def _escape_snippet(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


def _snippet_value(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    enum = schema.get("enum")
    if "const" in schema:
        return _escape_snippet(json.dumps(schema["const"]))
    if isinstance(enum, list) and enum and all(isinstance(v, str) for v in enum):
        choices = ",".join(v.replace(",", "\\,").replace("|", "\\|") for v in enum)
        return f'"${{1|{choices}|}}"'
    if kind == "boolean":
        first = "true" if schema.get("default") is True else "false"
        other = "false" if first == "true" else "true"
        return f"${{1|{first},{other}|}}"
    if kind in ("integer", "number"):
        default = schema.get("default", 0)
        return f"${{1:{default}}}"
    if kind == "array":
        items = schema.get("items", {})
        if isinstance(items, dict) and items.get("enum"):
            return f'["${{1|{",".join(items["enum"])}|}}"]'
        return "[$1]"
    if kind == "object":
        return "{$1}"
    default = schema.get("default")
    if isinstance(default, str):
        return f'"${{1:{_escape_snippet(default)}}}"'
    return '"$1"'


# -- values ----------------------------------------------------------------------------------------
def value_proposals(request: CompletionRequest) -> list[Proposal]:
    """Values allowed at the cursor: enums, booleans, binding types, binding snippets."""
    cursor = request.cursor
    path = list(cursor.path)
    if request.kind == "function.json" and len(path) == 2 and path[0] == "bindings":
        return binding_snippets(request)
    nodes = request.nodes
    if (
        request.kind == "function.json"
        and len(path) == 3
        and path[0] == "bindings"
        and path[2] == "type"
    ):
        return binding_type_proposals(request)
    schema = schemas.merged(nodes)
    proposals: list[Proposal] = []
    values: list[Any] = list(schemas.enum_values(nodes))
    for example in schema.get("examples", []):
        if example not in values:
            values.append(example)
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "boolean" in kinds:
        values += [v for v in (True, False) if v not in values]
    descriptions = schema.get("markdownEnumDescriptions") or schema.get("enumDescriptions") or []
    enum = schema.get("enum") or []
    seen: set[str] = set()
    for index, value in enumerate(values):
        folded = value.lower() if isinstance(value, str) else repr(value)
        if folded in seen:
            continue  # enums list other casings the host accepts; propose the canonical one
        seen.add(folded)
        doc = None
        if value in enum and enum.index(value) < len(descriptions):
            doc = descriptions[enum.index(value)]
        text = json.dumps(value)
        proposals.append(
            Proposal(
                label=text if not isinstance(value, str) else value,
                kind="enum" if value in enum else "value",
                insert_text=text,
                replace=cursor.replace,
                documentation=doc or schemas.describe(schema) or None,
                sort_text=f"{index:03d}",
                filter_text=text,
                preselect=value == schema.get("default"),
            )
        )
    return proposals


def binding_type_proposals(request: CompletionRequest) -> list[Proposal]:
    """Every binding type with its docs; triggers first when the function has no trigger yet."""
    cursor = request.cursor
    root = request.document.root
    has_trigger = False
    if isinstance(root, JsonObject):
        bindings = root.get_value("bindings")
        if isinstance(bindings, JsonArray):
            for index, item in enumerate(bindings.items):
                if index == cursor.path[1] or not isinstance(item, JsonObject):
                    continue
                kind = (item.get_string("type") or "").lower()
                if kind.endswith("trigger") and item.get_string("direction") != "out":
                    has_trigger = True
    proposals: list[Proposal] = []
    for name, text, is_trigger, legacy, detail, documentation in _binding_types():
        rank = "9" if legacy else ("0" if is_trigger != has_trigger else "1")
        proposals.append(
            Proposal(
                label=name,
                kind="enum",
                insert_text=text,
                replace=cursor.replace,
                detail=detail,
                documentation=documentation,
                sort_text=f"{rank}_{name}",
                filter_text=text,
            )
        )
    return proposals


def _binding_types() -> tuple[tuple[str, str, bool, bool, str, str | None], ...]:
    """(name, JSON text, is trigger, is legacy, detail, documentation) of every binding type,
    from the schema. Not cached: building the 66 costs 0.04 ms per completion of a type value
    (bench/cache_figures.py, 2026-12)."""
    facts = []
    for name, definition in schemas.binding_definitions().items():
        legacy = bool(definition.get("x-legacy"))
        detail = str(definition.get("title", "")) + (" (legacy)" if legacy else "")
        documentation = schemas.describe(definition) or None
        trigger = bool(definition.get("x-trigger"))
        facts.append((name, json.dumps(name), trigger, legacy, detail, documentation))
    return tuple(facts)


def binding_snippets(request: CompletionRequest) -> list[Proposal]:
    """Whole-binding snippets for an item of `bindings` (`HTTP trigger`, `Queue output`...)."""
    cursor = request.cursor
    if cursor.node is not None:
        return []  # the cursor is on an existing value, not between items
    text = request.document.text
    indent = line_indent_at(text, cursor.replace.start)
    has_trigger = False
    root = request.document.root
    if isinstance(root, JsonObject):
        bindings = root.get_value("bindings")
        if isinstance(bindings, JsonArray):
            for item in bindings.items:
                if isinstance(item, JsonObject):
                    kind = (item.get_string("type") or "").lower()
                    if kind.endswith("trigger") and item.get_string("direction") != "out":
                        has_trigger = True
    add_comma = next_significant(text, cursor.replace.end) == "{"
    proposals: list[Proposal] = []
    for name, definition in schemas.binding_definitions().items():
        if definition.get("x-legacy"):
            continue
        is_trigger = bool(definition.get("x-trigger"))
        for snippet in definition.get("x-snippets", []):
            body = snippet.get("body")
            if not isinstance(body, dict):
                continue
            rendered = _render_object(body, indent)
            snippet_text = _render_object(body, indent, placeholders=True)
            if add_comma:
                rendered += ","
                snippet_text += ","
            label = str(snippet.get("label") or definition.get("title") or name)
            rank = "0" if is_trigger != has_trigger else "1"
            proposals.append(
                Proposal(
                    label=label,
                    kind="snippet",
                    insert_text=rendered,
                    snippet=snippet_text,
                    replace=cursor.replace,
                    detail=f"{name} binding ({snippet.get('direction', '')})",
                    documentation=schemas.describe(definition) or None,
                    sort_text=f"{rank}_{label}",
                    filter_text=f"{label} {name}",
                )
            )
    return proposals


def _render_object(body: dict[str, Any], indent: str, placeholders: bool = False) -> str:
    """Pretty JSON for an inserted binding; string values become tab stops in snippets."""
    members = []
    stop = 1
    for key, value in body.items():
        encoded = json.dumps(value)
        if placeholders:
            encoded = _escape_snippet(encoded)
            if isinstance(value, str) and key not in ("type", "direction"):
                encoded = f'"${{{stop}:{_escape_snippet(value)}}}"'
                stop += 1
        members.append((key, encoded))
    return render_members(members, indent, "  ", closing="$0}" if placeholders else "}")
