"""Schema problems that a semantic check reports better, where the schema cannot say so itself.

Most overlaps are marked in the schemas: `x-funcls-checked-by` on a subschema names the keywords
a semantic check owns there (host.json's `version`, `functionTimeout`, the bundle's `version`,
function.json's `disabled`/`excluded`, local.settings.json's top-level keys and value types), and
the schema layer skips them (`json_checks.checked_elsewhere`). Three depend on more than the
schema, and `without_duplicates` drops them here, by the problem's code and JSON path:

- runtime 1.x keys of host.json, which `host_checks` reports from its own table of them;
- `direction` of a `$return` binding, which FUNC115 reports with a fix;
- Cosmos DB extension 3.x-only properties (`checkpointInterval`...), legacy under bundle 4.x but
  correct under bundles 2.x/3.x, so there they are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.checks.base import CheckContext, FileCheck
from funcls.core.checks.host_checks import V1_EXTENSION_KEYS, V1_OTHER_KEYS
from funcls.core.jsontree import JsonDocument, JsonObject, JsonProperty, PathPart, path_of, walk
from funcls.core.knowledge.bundles import bundle_state
from funcls.core.problems import Problem, Span
from funcls.core.sources import SourceFile

_HOST_V1 = frozenset(V1_EXTENSION_KEYS) | frozenset(V1_OTHER_KEYS)


def _path_at(document: JsonDocument, span: Span) -> list[PathPart]:
    """The JSON path of the node a problem's span covers exactly (else the node at its start)."""
    for node in walk(document.root):
        if node.start == span.start and node.end == span.end and not isinstance(node, JsonProperty):
            return path_of(node)
    at = document.node_at(span.start)
    return [] if at is None else path_of(at)


def _binding_name(document: JsonDocument, index: PathPart) -> str | None:
    node = document.node_at_path(["bindings", index])
    name = node.get_string("name") if isinstance(node, JsonObject) else None
    return name.lower() if name is not None else None


def _binding_type(document: JsonDocument, index: PathPart) -> str:
    node = document.node_at_path(["bindings", index])
    kind = node.get_string("type") if isinstance(node, JsonObject) else None
    return (kind or "").lower()


def superseded(
    kind: str, document: JsonDocument, problem: Problem, *, cosmos_v3: bool = False
) -> bool:
    """True when a semantic check reports this schema problem with a better message, or (with
    `cosmos_v3`, a bundle loading Cosmos DB extension 3.x) when the schema's legacy verdict does
    not apply."""
    code = problem.code
    if code not in ("FUNC010", "FUNC013", "FUNC015"):
        return False
    where = _path_at(document, problem.span)
    if kind == "host.json":
        return code == "FUNC013" and len(where) == 1 and where[0] in _HOST_V1
    if kind != "function.json" or len(where) != 3 or where[0] != "bindings":
        return False
    if cosmos_v3 and code == "FUNC015":
        return _binding_type(document, where[1]) in ("cosmosdb", "cosmosdbtrigger")
    # FUNC115 says it with the runtime's words and a fix
    return (
        code == "FUNC010"
        and where[2] == "direction"
        and _binding_name(document, where[1]) == "$return"
    )


def without_duplicates(check: FileCheck, kind: str) -> FileCheck:
    """`check` minus the schema problems the semantic checks of `kind` supersede."""

    def filtered(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
        problems = list(check(ctx, source))
        document = ctx.workspace.json(source.path) if source.text is not None else None
        if document is None:
            return problems
        cosmos_v3 = False
        if kind == "function.json" and ctx.app is not None:
            major = bundle_state(ctx.workspace, ctx.app).effective_major
            cosmos_v3 = major is not None and major < 4
        return [p for p in problems if not superseded(kind, document, p, cosmos_v3=cosmos_v3)]

    filtered.__name__ = getattr(check, "__name__", "check")
    return filtered
