"""The Python worker's load-time rules for one function, applied statically, all at once
(validation-rules section 4, W-01 to W-37, I-06).

The worker stops at the first failure; funcls reports every problem it can see, in the worker's
order, family by family on the function's view (`function_view.FunctionView`): the entry script
and entry point (`entry_checks`), the `context` parameter and the Durable Functions wrappers
(`context_checks`), names in both directions (`pairing_checks`), each parameter's annotation
(`annotation_checks`, `invocation_checks`), then the return value (`return_checks`). Names come
from `ast` alone; annotations are resolved by `python/annotations.py` and judged by the
installed library's converters (`knowledge/converters.py`).

Problems land in both files: a parameter without a binding on the parameter, a binding without a
parameter on its `name`, an annotation the converter rejects on the annotation and on the
binding's `type`, each with related information pointing at the other file.
"""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.app_model import AppModel, FunctionInfo
from funcls.core.checks import (
    annotation_checks,
    context_checks,
    entry_checks,
    invocation_checks,
    pairing_checks,
    return_checks,
)
from funcls.core.checks.base import CheckContext
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.function_view import LOADS, function_view
from funcls.core.knowledge import converters
from funcls.core.problems import Code, Problem
from funcls.core.python.resolver import resolver_for
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

CODES: tuple[Code, ...] = tuple(
    sorted(
        (
            *entry_checks.CODES,
            *pairing_checks.CODES,
            *context_checks.CODES,
            *annotation_checks.CODES,
            *invocation_checks.CODES,
            *return_checks.CODES,
        ),
        key=lambda code: code.id,
    )
)


def check_function(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """Every worker load rule for one function, reported in both files."""
    if ctx.app is None:
        return []
    return worker_problems(ctx.workspace, ctx.app, fn, ctx.settings)


def worker_problems(
    workspace: Workspace, app: AppModel, fn: FunctionInfo, settings: Settings
) -> list[Problem]:
    """Every worker load rule for one function, on its view, in the worker's order."""
    return run(WorkerContext(workspace, function_view(workspace, app, fn), settings))


def run(ctx: WorkerContext) -> list[Problem]:
    """Apply every rule family to the view of `ctx`, in the worker's order."""
    view = ctx.view
    if view.script_state is None:
        return ctx.problems
    if view.script_state != LOADS:
        entry_checks.script_problem(ctx, view.script_state)
        return ctx.problems
    entry = view.entry
    assert entry is not None and view.script is not None and ctx.script is not None
    if entry.kind in ("missing", "not_callable"):
        entry_checks.entry_problem(ctx, entry, view.script)
        return ctx.problems
    entry_checks.folder_name(ctx, entry)
    if not view.paired:
        # an opaque entry point, or a half-typed function.json: its own syntax errors come
        # first; comparing names now would flag parameters whose binding is being written
        return ctx.problems
    if converters.library() is not None:
        ctx.resolver = resolver_for(ctx.workspace, ctx.app.root, ctx.script, ctx.settings)
    if entry.kind == "uninspectable":
        annotation_checks.uninspectable(ctx, entry)
        for annotation in entry.other_annotations:
            annotation_checks.check_evaluates(ctx, annotation, entry)
        return ctx.problems
    if view.context_parameter is not None:
        context_checks.check_context(ctx, view.context_parameter, entry)
    if entry.kind == "durable":
        context_checks.check_durable(ctx, entry)
    else:
        pairing_checks.match_names(ctx, entry)
    for pair in view.pairs:
        annotation_checks.check_pair(ctx, pair, entry)
    for annotation in entry.other_annotations:
        annotation_checks.check_evaluates(ctx, annotation, entry)
    if entry.function is not None and entry.source in ("def", "inner"):
        return_checks.check_return(ctx, entry.function, dropped=entry.source == "def")
    return ctx.problems
