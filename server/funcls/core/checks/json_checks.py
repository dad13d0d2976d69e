"""JSON syntax and schema problems of function.json, host.json and local.settings.json.

Schema errors from jsonschema are placed on the exact key or value at fault and rewritten into
messages a person can act on: a wrong enum lists the allowed values, an unknown key suggests the
nearest known one, a value the host would still convert (`"true"` for a boolean, a differently
cased enum name) is not reported as an error.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from funcls.core import schemas
from funcls.core.edits.json_edits import change_to
from funcls.core.jsontree import (
    JsonArray,
    JsonDocument,
    JsonNode,
    JsonObject,
    JsonProperty,
    JsonString,
)
from funcls.core.problems import Code, Problem, Severity, Span, make_problem
from funcls.core.sources import SourceFile

SYNTAX = Code("FUNC001", Severity.ERROR, "JSON syntax error", ("H-10", "H-40", "C-02"))
NONSTANDARD = Code(
    "FUNC002", Severity.INFORMATION, "Comment or trailing comma (accepted by the host)", ("H-10",)
)
UNREADABLE = Code("FUNC003", Severity.ERROR, "File cannot be analysed (encoding, binary, size)")
BAD_VALUE = Code("FUNC010", Severity.ERROR, "Value not allowed here", ("H-25",))
WRONG_TYPE = Code("FUNC011", Severity.ERROR, "Value of the wrong JSON type", ("H-25",))
MISSING = Code("FUNC012", Severity.ERROR, "Required property missing", ("H-11", "H-13", "H-15"))
UNKNOWN_KEY = Code("FUNC013", Severity.WARNING, "Unknown property (ignored by the host)", ("H-24",))
CONSTRAINT = Code("FUNC014", Severity.WARNING, "Value breaks a documented constraint")
LEGACY = Code(
    "FUNC015", Severity.WARNING, "Legacy property with no effect on the v4 host", ("H-06",)
)
CASING = Code("FUNC017", Severity.HINT, "Spelling differs from the canonical casing", ("H-25",))

CODES = (
    SYNTAX,
    NONSTANDARD,
    UNREADABLE,
    BAD_VALUE,
    WRONG_TYPE,
    MISSING,
    UNKNOWN_KEY,
    CONSTRAINT,
    LEGACY,
    CASING,
)

MAX_SYNTAX_PROBLEMS = 50
# The schema keyword naming the constraints a semantic check owns (see `checked_elsewhere`).
CHECKED_BY = "x-funcls-checked-by"
_FILE_LABEL = {
    "function.json": "function.json",
    "host.json": "host.json",
    "local.settings.json": "local.settings.json",
}


def unreadable_problem(source: SourceFile) -> Problem:
    """A file that cannot be analysed, reported at its start."""
    return make_problem(UNREADABLE, f"Not analysed: {source.unreadable}.", source.path, Span(0, 0))


def syntax_problems(path: str, document: JsonDocument) -> list[Problem]:
    """Syntax errors, plus comments and trailing commas as information."""
    problems: list[Problem] = []
    for issue in document.issues[:MAX_SYNTAX_PROBLEMS]:
        code = SYNTAX if issue.kind == "error" else NONSTANDARD
        message = issue.message
        if issue.kind != "error":
            message += " The Functions host accepts it; strict JSON tools may not."
        problems.append(make_problem(code, message, path, Span(issue.start, issue.end)))
    return problems


def schema_problems(kind: str, path: str, document: JsonDocument) -> list[Problem]:
    """Schema problems at the exact key or value at fault, deduplicated."""
    value = document.value()
    if value is None:
        return []
    has_syntax_errors = bool(document.errors)
    problems: list[Problem] = []
    for error in schemas.iter_errors(kind, value):
        for leaf in _leaves(error):
            if has_syntax_errors and leaf.validator in ("required", "minItems"):
                continue  # half-typed: the user is still writing it
            if leaf.validator != "additionalProperties" and checked_elsewhere(
                leaf.schema, leaf.validator
            ):
                continue
            problems.extend(_translate(path, document, leaf))
    problems.extend(_legacy_problems(kind, path, document))
    return _dedupe(problems)


def checked_elsewhere(schema: Any, keyword: str) -> bool:
    """True when the schema marks `keyword` as owned by a semantic check (`x-funcls-checked-by`:
    keyword -> the codes that report it with the runtime's words), so the schema layer stays
    quiet about it and each mistake is reported once."""
    marks = schema.get(CHECKED_BY) if isinstance(schema, dict) else None
    return isinstance(marks, dict) and keyword in marks


def _leaves(error: Any) -> Iterator[Any]:
    """The one relevant sub-error of a oneOf/anyOf failure, else the error itself."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        if best is not None:
            yield from _leaves(best)
            return
    yield error


def _node_for(document: JsonDocument, path: list[str | int]) -> JsonNode | None:
    node = document.node_at_path(path)
    return node


def _owner_label(document: JsonDocument, object_path: list[str | int]) -> str:
    """Who owns a property: `the httpTrigger binding`, `'extensionBundle'`, `the top level`."""
    path = list(object_path)
    if len(path) >= 2 and path[0] == "bindings" and isinstance(path[1], int) and len(path) <= 3:
        binding = document.node_at_path(path[:2])
        kind = binding.get_string("type") if isinstance(binding, JsonObject) else None
        return f"the {kind} binding" if kind else "this binding"
    keys = [p for p in path if isinstance(p, str)]
    return f"'{keys[-1]}'" if keys else "the top level"


def _translate(path: str, document: JsonDocument, error: Any) -> list[Problem]:
    where = list(error.absolute_path)
    node = _node_for(document, where)
    if node is None:
        return []
    validator_name = error.validator
    if validator_name == "required":
        missing = error.validator_value
        present = error.instance if isinstance(error.instance, dict) else {}
        names = [m for m in missing if m not in present]
        return [
            make_problem(
                MISSING,
                f"Missing required property '{name}' in {_owner_label(document, where)}.",
                path,
                _head_span(node),
            )
            for name in names
            if not _has_key_ignoring_case(node, name)
        ]
    if validator_name == "additionalProperties":
        return _unknown_keys(path, document, node, where, error)
    if validator_name in ("enum", "const"):
        return _bad_value(path, document, node, where, error)
    if validator_name == "type":
        if _host_converts(error.instance, error.validator_value):
            return []
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        name = where[-1] if where else "value"
        return [
            make_problem(
                WRONG_TYPE,
                f"'{name}' must be {_article(expected_text)}, not {_json_type(error.instance)}.",
                path,
                Span(node.start, node.end),
            )
        ]
    if validator_name == "minItems" and where == ["bindings"]:
        return [
            make_problem(
                MISSING,
                "At least one binding must be declared.",
                path,
                Span(node.start, node.end),
            )
        ]
    message = _constraint_message(where, error)
    return [make_problem(CONSTRAINT, message, path, Span(node.start, node.end))]


def _constraint_message(where: list[str | int], error: Any) -> str:
    name = next((p for p in reversed(where) if isinstance(p, str)), "value")
    if error.validator == "pattern":
        described = (error.schema or {}).get("x-patternDescription")
        if described:
            return f"'{name}': {described}"
        return f"'{name}' value {error.instance!r} does not have the expected form."
    if error.validator == "uniqueItems":
        return f"'{name}' lists the same item more than once."
    return f"'{name}': {error.message}"


def _article(text: str) -> str:
    return f"an {text}" if text[:1] in "aeiou" else f"a {text}"


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _host_converts(value: Any, expected: Any) -> bool:
    """Json.NET's ToObject converts these (H-25): `"true"` to bool, `"16"` to int, 16 to string."""
    kinds = expected if isinstance(expected, list) else [expected]
    if isinstance(value, str):
        text = value.strip().lower()
        if "boolean" in kinds and text in ("true", "false"):
            return True
        if "integer" in kinds and text.lstrip("-").isdigit():
            return True
        if "number" in kinds:
            try:
                float(text)
                return True
            except ValueError:
                return False
        return False
    if "string" in kinds and isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return False


def _has_key_ignoring_case(node: JsonNode, name: str) -> bool:
    return isinstance(node, JsonObject) and any(k.lower() == name.lower() for k in node.keys())


def _head_span(node: JsonNode) -> Span:
    """Where to report a problem about a whole object: the key that holds it, else `{`."""
    parent = node.parent
    if isinstance(parent, JsonProperty):
        return Span(parent.key.start, parent.key.end)
    if isinstance(node, JsonObject):
        type_node = node.get_value("type")
        if type_node is not None:
            return Span(type_node.start, type_node.end)
    return Span(node.start, node.start + 1)


def _unknown_keys(
    path: str, document: JsonDocument, node: JsonNode, where: list[str | int], error: Any
) -> list[Problem]:
    if not isinstance(node, JsonObject):
        return []
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = dict(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    problems: list[Problem] = []
    owner = _owner_label(document, where)
    unknown_checked = checked_elsewhere(schema, "additionalProperties")
    for prop in node.properties:
        key = prop.key.value
        if key in known or any(re.search(p, key) for p in patterns):
            continue
        if key == "$schema":
            continue
        key_span = Span(prop.key.start, prop.key.end)
        same_ci = next((k for k in known if k.lower() == key.lower()), None)
        if same_ci is not None:
            problems.append(
                make_problem(
                    CASING,
                    f"'{key}' is read as '{same_ci}' (the host ignores case here); "
                    f"'{same_ci}' is the usual spelling.",
                    path,
                    key_span,
                    fixes=(change_to(path, prop.key, same_ci, safe=True),),
                )
            )
            continue
        if unknown_checked:
            continue  # (a key known in another casing still gets its hint above)
        suggestion = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
        hint = f" Did you mean '{suggestion[0]}'?" if suggestion else ""
        allowed = ", ".join(sorted(known)) if len(known) <= 12 else ""
        tail = f" Known properties: {allowed}." if allowed and not suggestion else ""
        problems.append(
            make_problem(
                UNKNOWN_KEY,
                f"Unknown property '{key}' in {owner}; the host ignores it.{hint}{tail}",
                path,
                key_span,
                fixes=tuple(change_to(path, prop.key, s) for s in suggestion),
            )
        )
    return problems


def _bad_value(
    path: str, document: JsonDocument, node: JsonNode, where: list[str | int], error: Any
) -> list[Problem]:
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    value = error.instance
    name = next((p for p in reversed(where) if isinstance(p, str)), "value")
    if where[-1:] == ["type"] and len(where) >= 2:
        return []  # the type const of a dispatched binding cannot fail on its own
    if isinstance(value, str):
        same_ci = next(
            (a for a in allowed if isinstance(a, str) and a.lower() == value.lower()), None
        )
        if same_ci is not None and isinstance(node, JsonString):
            return [
                make_problem(
                    CASING,
                    f"'{value}' is accepted (the host ignores case) but '{same_ci}' is the "
                    "canonical spelling.",
                    path,
                    Span(node.start, node.end),
                    fixes=(change_to(path, node, same_ci, safe=True),),
                )
            ]
    shown = ", ".join(f"'{a}'" if isinstance(a, str) else str(a) for a in allowed)
    owner = _owner_label(document, where[:-1])
    suggestion = (
        difflib.get_close_matches(
            value, [a for a in allowed if isinstance(a, str)], n=1, cutoff=0.5
        )
        if isinstance(value, str)
        else []
    )
    fixes = (
        tuple(change_to(path, node, s) for s in suggestion) if isinstance(node, JsonString) else ()
    )
    shown_value = f"'{value}'" if isinstance(value, str) else _json_type(value)
    return [
        make_problem(
            BAD_VALUE,
            f"{shown_value} is not a valid '{name}' for {owner}. Allowed: {shown}.",
            path,
            Span(node.start, node.end),
            fixes=fixes,
        )
    ]


def _legacy_problems(kind: str, path: str, document: JsonDocument) -> list[Problem]:
    problems: list[Problem] = []
    value = document.value()
    if document.root is None:
        return problems
    # One descent carrying the subschemas down: looking each property up from the root
    # (`schemas.nodes_at`) expanded the schema once per level of every property, 40% of this
    # check's time on a 5,000-function app.
    stack: list[tuple[JsonNode, list[schemas.SchemaNode], Any]] = [
        (document.root, schemas.expand(schemas.root(kind), value), value)
    ]
    while stack:
        node, nodes, node_value = stack.pop()
        below: list[tuple[JsonNode, list[schemas.SchemaNode], Any]] = []
        if isinstance(node, JsonObject):
            for prop in node.properties:
                key = prop.key.value
                child_value = schemas.step(node_value, key)
                child = [
                    n
                    for c in schemas.child_nodes(nodes, key)
                    for n in schemas.expand(c, child_value)
                ]
                problem = _legacy_problem(path, prop, child)
                if problem is not None:
                    problems.append(problem)
                if prop.value is not None:
                    below.append((prop.value, child, child_value))
        elif isinstance(node, JsonArray):
            for index, item in enumerate(node.items):
                item_value = schemas.step(node_value, index)
                child = [
                    n
                    for c in schemas.child_nodes(nodes, index)
                    for n in schemas.expand(c, item_value)
                ]
                below.append((item, child, item_value))
        stack.extend(reversed(below))
    return problems


def _legacy_problem(
    path: str, prop: JsonProperty, nodes: list[schemas.SchemaNode]
) -> Problem | None:
    """FUNC015 for a property whose subschemas mark it `x-legacy`, unless renamed (the
    semantic checks judge renamed properties against the bundle) or owned by another check."""
    note = next((n.schema.get("x-legacy") for n in nodes if n.schema.get("x-legacy")), None)
    if not note:
        return None
    merged = schemas.merged(nodes)
    if "x-renamedTo" in merged or checked_elsewhere(merged, "x-legacy"):
        return None
    return make_problem(
        LEGACY,
        f"'{prop.key.value}' is a legacy property: {note}",
        path,
        Span(prop.key.start, prop.key.end),
        deprecated=True,
    )


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    """One problem per (code, span): a binding type's enum and the base binding's enum can both
    reject a value; the shorter message (the narrower list of allowed values) is kept."""
    best: dict[tuple[str, int, int], Problem] = {}
    for problem in problems:
        key = (problem.code, problem.span.start, problem.span.end)
        kept = best.get(key)
        if kept is None or (
            kept.message != problem.message
            and problem.code != UNKNOWN_KEY.id
            and len(problem.message) < len(kept.message)
        ):
            best[key] = problem
    return list(best.values())
