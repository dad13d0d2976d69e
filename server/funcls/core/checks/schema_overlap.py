"""Schema problems that a semantic check reports better, so each mistake is reported once.

The schema layer (FUNC010-017) sees host.json's `version` as a wrong enum value, runtime 1.x keys
and settings outside `Values` as unknown keys, `disabled` as a legacy key. The semantic checks
say the same with the runtime's wording, the function's name and a fix. `without_duplicates`
wraps the JSON file check and drops the schema's version of those problems.

One schema verdict depends on host.json: Cosmos DB extension 3.x-only properties
(`checkpointInterval`...) are legacy under bundle 4.x but correct under bundles 2.x/3.x, so there
they are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.checks.base import CheckContext, FileCheck
from funcls.core.checks.bundles import bundle_state
from funcls.core.checks.host_checks import V1_EXTENSION_KEYS, V1_OTHER_KEYS
from funcls.core.jsontree import JsonDocument, JsonObject, JsonProperty, PathPart, path_of, walk
from funcls.core.problems import Problem, Span
from funcls.core.sources import SourceFile

_HOST_V1 = frozenset(V1_EXTENSION_KEYS) | frozenset(V1_OTHER_KEYS)
_LOCAL_TOP = frozenset({"isencrypted", "values", "host", "connectionstrings", "$schema"})


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
    if code not in ("FUNC010", "FUNC011", "FUNC012", "FUNC013", "FUNC014", "FUNC015"):
        return False
    where = _path_at(document, problem.span)
    if kind == "host.json":
        if where == ["version"] and code in ("FUNC010", "FUNC011", "FUNC014"):
            return True
        if code == "FUNC012" and where == [] and "'version'" in problem.message:
            return True
        if code == "FUNC013" and len(where) == 1 and where[0] in _HOST_V1:
            return True
        if code == "FUNC014" and where in (["functionTimeout"], ["extensionBundle", "version"]):
            return True
    elif kind == "function.json":
        if code == "FUNC015" and where in (["disabled"], ["excluded"]):
            return True
        if (
            cosmos_v3
            and code == "FUNC015"
            and len(where) == 3
            and where[0] == "bindings"
            and _binding_type(document, where[1]) in ("cosmosdb", "cosmosdbtrigger")
        ):
            return True
        if (
            code == "FUNC010"
            and len(where) == 3
            and where[0] == "bindings"
            and where[2] == "direction"
            and _binding_name(document, where[1]) == "$return"
        ):
            return True  # FUNC115 says it with the runtime's words and a fix
    elif kind == "local.settings.json":
        if (
            code == "FUNC013"
            and len(where) == 1
            and isinstance(where[0], str)
            and where[0].lower() not in _LOCAL_TOP
        ):
            return True
        if code == "FUNC011" and len(where) == 2 and where[0] == "Values":
            return True
    return False


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
