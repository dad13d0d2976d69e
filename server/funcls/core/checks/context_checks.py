"""The invocation context and the Durable Functions wrappers (validation-rules W-12, W-32): a
`context` parameter that no binding claims must be annotated Context; `X.Orchestrator.create(f)`
and `X.Entity.create(f)` take one parameter, `context`, which their trigger must be named."""

from __future__ import annotations

from funcls.core.checks import annotation_checks, pairing_checks, pairing_fixes
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.entry_point import Entry
from funcls.core.knowledge import worker_types
from funcls.core.problems import Code, Fix, Severity, TextEdit
from funcls.core.pyentry import Parameter
from funcls.core.python.annotations import ERROR

CONTEXT_ANNOTATION = Code(
    "FUNC212", Severity.ERROR, "'context' parameter not annotated Context", ("W-12",)
)
DURABLE_CONTEXT = Code(
    "FUNC219",
    Severity.ERROR,
    "Durable wrapper needs its trigger binding named 'context'",
    ("W-32",),
)

CODES: tuple[Code, ...] = (
    CONTEXT_ANNOTATION,
    DURABLE_CONTEXT,
)


def check_context(ctx: WorkerContext, param: Parameter, entry: Entry) -> None:
    """W-12: a `context` parameter that is not a binding must be annotated Context."""
    if param.annotation is None or ctx.resolver is None:
        return
    missing = annotation_checks.unevaluable_name(ctx, param.annotation, entry)
    if missing is not None:
        annotation_checks.name_error(ctx, param.annotation, missing, "'context'")
        return
    resolved = ctx.resolver.resolve(param.annotation.node, param.annotation.span)
    if resolved.state == ERROR:
        annotation_checks.annotation_error(ctx, param, resolved)
        return
    if resolved.state != "known":
        return
    value = resolved.value
    if isinstance(value, type) and value.__name__ == "Context":
        return
    assert ctx.script is not None
    speller = ctx.new_speller()
    text = speller.library_class("Context")
    fix = Fix(
        f"Annotate 'context' as {text}",
        (TextEdit(ctx.script, param.annotation.span, text), *speller.import_edits()),
        preferred=True,
        safe=True,
    )
    ctx.add(
        CONTEXT_ANNOTATION,
        f"'context' is not a binding of {ctx.in_fn()}, so the worker passes the invocation "
        f"context here; it must be annotated azure.functions.Context, not "
        f"'{param.annotation.text}'.",
        ctx.script,
        param.annotation.span,
        fixes=(fix,),
    )


def check_durable(ctx: WorkerContext, entry: Entry) -> None:
    """W-32: `X.Orchestrator.create(f)` / `X.Entity.create(f)` take only `context`."""
    assert ctx.script is not None and entry.name_span is not None
    trigger = ctx.fn.trigger
    if trigger is not None and trigger.name and trigger.name not in ("context", "$return"):
        fix = pairing_fixes.rename_binding_fix(ctx, trigger, "context")
        message = (
            f"{entry.name} = {entry.wrapper}(...) exposes a handler whose only parameter is "
            f"'context', so the {trigger.type} binding must be named 'context', not "
            f"'{trigger.name}'."
        )
        ctx.add_both(
            DURABLE_CONTEXT,
            message,
            script=(entry.name_span, f"{entry.name} = {entry.wrapper}"),
            json=(trigger.anchor("name"), f"binding '{trigger.name}'"),
            fixes=(fix,) if fix else (),
        )
    for binding in ctx.view.unbound_bindings:
        ctx.add(
            pairing_checks.BINDING_UNBOUND,
            f"Binding '{binding.name}' ({worker_types.binding_label(binding)}) has no parameter: "
            f"{entry.name} = {entry.wrapper}(...) takes only 'context'.",
            ctx.fn.json_path,
            binding.anchor("name"),
            related=(ctx.script_related(entry.name_span, f"{entry.name}"),),
        )
