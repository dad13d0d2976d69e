"""`AzureWebJobsFeatureFlags` in local.settings.json, and the flag the v2 model needs on older
hosts.

How the host reads the setting (Azure/azure-functions-host @89dc438, release 4.1037,
`src/WebJobs.Script/Config/FeatureFlags.cs` `IsEnabled`): the value is split on ',' and each
part compared with the flag's name ignoring case, with no trimming, so `"A, B"` enables `A`
and never `B` (the part is `" B"`). The flag names are the `FeatureFlag*` constants of
`src/WebJobs.Script/ScriptConstants.cs` at the same commit.

Worker indexing, which is how a v2 app's functions are found (`Utility.CanWorkerIndex`,
`Host/FunctionMetadataProvider.cs`): before host 4.28.0 it ran only when the feature flag
`EnableWorkerIndexing` was set (or a platform hosting configuration turned it on); without it
the host indexes function.json folders, finds none in a v2 app, and loads no function. Commit
a0b23d3 ("Enable worker indexing by default", #9574; first in tag v4.28.0) made it the default
unless the platform disables it for the app. Current hosts and Core Tools need nothing, so the
missing flag is a hint, never an error.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable

from funcls.core.app_model import LOCAL_SETTINGS
from funcls.core.checks.base import CheckContext
from funcls.core.edits.json_edits import insert_property
from funcls.core.jsontree import JsonObject, JsonString
from funcls.core.problems import Code, Fix, Problem, Severity, TextEdit, make_problem
from funcls.core.sources import SourceFile
from funcls.core.spans import content_span, node_span

FLAG_IGNORED = Code(
    "FUNC519",
    Severity.WARNING,
    "AzureWebJobsFeatureFlags entry the host never matches (spaces, misspelt flag)",
)
NO_WORKER_INDEXING = Code(
    "FUNC520",
    Severity.HINT,
    "v2 app without EnableWorkerIndexing: hosts before 4.28 do not index its functions",
)
CODES = (FLAG_IGNORED, NO_WORKER_INDEXING)

SETTING = "AzureWebJobsFeatureFlags"
WORKER_INDEXING = "EnableWorkerIndexing"
# The FeatureFlag* constants of ScriptConstants.cs (Azure/azure-functions-host @89dc438).
HOST_FLAGS = (
    "DisableShadowCopy",
    "EnableDynamicExtensionLoading",
    "EnableActionResultHandling",
    "AllowSynchronousIO",
    "RelaxedAssemblyUnification",
    "EnableDiagnosticEventLogging",
    "DisableDiagnosticEventLogging",
    "DisableMergedConfiguration",
    WORKER_INDEXING,
    "EnableDebugTracing",
    "EnableProxies",
    "StrictHISModeEnabled",
    "StrictHISModeWarn",
    "EnableOrderedInvocationMessages",
    "DisableOrderedInvocationMessages",
    "EnableLegacyDurableVersionCheck",
)


def _flags_value(ctx: CheckContext, path: str) -> tuple[JsonObject, JsonString | None] | None:
    """The Values object of local.settings.json and its AzureWebJobsFeatureFlags string."""
    root = ctx.workspace.json_object(path)
    values = root.get_value("Values") if root is not None else None
    if not isinstance(values, JsonObject):
        return None
    node = values.get_value(SETTING)
    return values, node if isinstance(node, JsonString) else None


def enabled(value: str) -> set[str]:
    """The flags the host sees enabled in a value (lower case), as `FeatureFlags.IsEnabled`."""
    return {part.lower() for part in value.split(",")}


def check_feature_flags(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """FUNC519: entries of AzureWebJobsFeatureFlags the host never matches."""
    if source.text is None:
        return []
    found = _flags_value(ctx, source.path)
    if found is None or found[1] is None:
        return []
    node = found[1]
    problems: list[Problem] = []
    known = {f.lower(): f for f in HOST_FLAGS}
    offset = 0
    for part in node.value.split(","):
        start, end = offset, offset + len(part)
        offset = end + 1
        name = part.strip()
        if not name:
            continue
        span = content_span(node, start, end)
        if part != name:
            fixed = ",".join(p.strip() for p in node.value.split(",") if p.strip())
            edit = TextEdit(source.path, node_span(node), _json(fixed))
            problems.append(
                make_problem(
                    FLAG_IGNORED,
                    f"'{part}' has spaces around the flag: the host splits {SETTING} on ',' and "
                    f"compares each part as written, so '{name}' is never enabled. Write the "
                    "flags with commas only.",
                    source.path,
                    span,
                    fixes=(Fix("Remove the spaces between the flags", (edit,), True, safe=True),),
                )
            )
            continue
        if name.lower() in known:
            continue
        close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.8)
        if not close:
            continue  # perhaps a flag of another host version: not judged
        right = known[close[0]]
        replaced = node.value[:start] + right + node.value[end:]
        problems.append(
            make_problem(
                FLAG_IGNORED,
                f"'{name}' is no flag the host knows, so it has no effect. Did you mean '{right}'?",
                source.path,
                span,
                fixes=(
                    Fix(
                        f"Change to '{right}'",
                        (TextEdit(source.path, node_span(node), _json(replaced)),),
                        True,
                    ),
                ),
            )
        )
    return problems


def check_worker_indexing(ctx: CheckContext) -> Iterable[Problem]:
    """FUNC520: a v2 app whose local settings do not enable worker indexing (older hosts)."""
    app = ctx.app
    if app is None or app.v2 is None or not app.v2.declared:
        return []
    path = os.path.join(app.root, LOCAL_SETTINGS)
    if not ctx.workspace.sources.exists(path):
        return []
    found = _flags_value(ctx, path)
    if found is None:
        return []
    values, node = found
    if node is not None and WORKER_INDEXING.lower() in enabled(node.value):
        return []
    source = ctx.workspace.read(path)
    if source is None or source.text is None:
        return []
    if node is None:
        if values.get(SETTING) is not None:
            return []  # not a string: the schema checks say so
        edit = insert_property(path, source.text, values, SETTING, WORKER_INDEXING)
        span = node_span(values.properties[0].key) if values.properties else node_span(values)
    else:
        joined = f"{node.value},{WORKER_INDEXING}" if node.value.strip() else WORKER_INDEXING
        edit = TextEdit(path, node_span(node), _json(joined))
        span = node_span(node)
    fixes = (Fix(f"Add {WORKER_INDEXING} to {SETTING}", (edit,)),) if edit is not None else ()
    entry = os.path.basename(app.v2.entry_file)
    return [
        make_problem(
            NO_WORKER_INDEXING,
            f"{entry} declares v2 functions, which the host finds by worker indexing: hosts "
            f"before 4.28 run it only with {SETTING} including "
            f"'{WORKER_INDEXING}', and otherwise load no function. Current hosts need nothing.",
            path,
            span,
            fixes=fixes,
        )
    ]


def _json(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
