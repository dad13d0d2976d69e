"""Names in both directions (validation-rules W-13, W-14): a parameter without a binding of its
name, a binding without a parameter of its name, on the function's view (`function_view`), each
with fixes that pair them (rename either side), add the missing side or remove the extra one."""

from __future__ import annotations

import difflib
import keyword
import os
from dataclasses import replace

from funcls.core.app_model import Binding
from funcls.core.checks import pairing_fixes
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.edits import json_edits, script_edits
from funcls.core.entry_point import Entry
from funcls.core.function_view import HOST_NAME
from funcls.core.knowledge import worker_types
from funcls.core.problems import Code, Fix, Location, Related, Severity, Span
from funcls.core.pyentry import Parameter
from funcls.core.python.scopes import local_uses

# The v2 worker's Service Bus extension: a settlement client parameter needs no binding.
SERVICE_BUS_EXTENSION = "azurefunctions.extensions.bindings.servicebus"

PARAM_UNBOUND = Code("FUNC210", Severity.ERROR, "Parameter without a binding", ("W-13",))
BINDING_UNBOUND = Code("FUNC211", Severity.ERROR, "Binding without a parameter", ("W-14", "W-36"))

CODES: tuple[Code, ...] = (
    PARAM_UNBOUND,
    BINDING_UNBOUND,
)


def match_names(ctx: WorkerContext, entry: Entry) -> None:
    """W-13 and W-14 on the pairing of bindings and parameters by name."""
    assert ctx.script is not None
    for param in ctx.view.unbound_parameters:
        param_without_binding(ctx, param, entry)
    for binding in ctx.view.unbound_bindings:
        binding_without_param(ctx, binding, entry)


def param_without_binding(ctx: WorkerContext, param: Parameter, entry: Entry) -> None:
    """W-13 on the parameter, with rename, add-binding and remove fixes."""
    assert ctx.script is not None and ctx.json_doc is not None
    trigger = ctx.fn.trigger
    if (
        ctx.fn.is_v2
        and len(ctx.view.unbound_parameters) == 1
        and param.annotation
        and trigger is not None
        and trigger.type == "serviceBusTrigger"
        and ctx.imports_extension(SERVICE_BUS_EXTENSION)
    ):
        # The v2 worker accepts one annotated parameter without a binding when its type is
        # a settlement client (azure-functions-runtime 1.3.0, bindings/meta.py
        # validate_settlement_param: a type the extension's deferred binding registry
        # supports, Service Bus message actions). Without the extension nothing qualifies.
        return
    fixes: list[Fix] = []
    target = _rename_target(ctx, param.name, [b.name or "" for b in ctx.view.unbound_bindings])
    if target:
        binding = ctx.fn.binding_named(target)
        fixes.append(pairing_fixes.rename_parameter_fix(ctx, param, entry, target, preferred=True))
        if binding is not None and HOST_NAME.match(param.name):
            fix = pairing_fixes.rename_binding_fix(ctx, binding, param.name)
            if fix:
                fixes.append(fix)
    added = pairing_fixes.add_binding_fixes(ctx, param)
    if len(added) == 1:
        fixes.append(replace(added[0], preferred=not any(f.preferred for f in fixes)))
    else:
        fixes.extend(added)  # several binding types fit: none is preferred
    if (
        entry.function is not None
        and param in entry.function.parameters
        and not local_uses(
            entry.function.node,
            param.name,
            ctx.script_view,  # type: ignore[arg-type]
        )
    ):
        edit = script_edits.remove_parameter(ctx.script_view, ctx.script, entry.function, param)  # type: ignore[arg-type]
        fixes.append(Fix(f"Remove parameter '{param.name}'", (edit,)))
    bindings = ctx.fn.top_level("bindings")
    related_span = (
        Span(bindings.key.start, bindings.key.end) if bindings is not None else Span(0, 0)
    )
    label = "*" + param.name if param.kind == "varargs" else param.name
    if param.kind == "varkw":
        label = "**" + param.name
    declared = "the decorators" if ctx.fn.is_v2 else "function.json"
    ctx.add(
        PARAM_UNBOUND,
        f"Parameter '{label}' of {entry.name}() has no binding named '{param.name}' in "
        f"{declared} of {ctx.in_fn()}: the worker refuses to load it (declared in "
        f"Python but not in {declared}).",
        ctx.script,
        param.span,
        related=(Related(Location(ctx.fn.json_path, related_span), "bindings"),),
        fixes=tuple(fixes),
    )


def binding_without_param(ctx: WorkerContext, binding: Binding, entry: Entry) -> None:
    """W-14 on the binding's name, with rename, add-parameter, $return and remove fixes."""
    assert ctx.script is not None and ctx.json_doc is not None
    name = binding.name or ""
    fixes: list[Fix] = []
    target = _rename_target(ctx, name, [p.name for p in ctx.view.unbound_parameters])
    if target:
        fix = pairing_fixes.rename_binding_fix(ctx, binding, target)
        if fix:
            fixes.append(replace(fix, preferred=True))
        param = next(p for p in ctx.view.unbound_parameters if p.name == target)
        if name.isidentifier() and not keyword.iskeyword(name):
            fixes.append(pairing_fixes.rename_parameter_fix(ctx, param, entry, name))
    if (
        binding.type == "http"
        and worker_types.direction_out(binding)
        and ctx.fn.binding_named("$return") is None
    ):
        fix = pairing_fixes.rename_binding_fix(ctx, binding, "$return")
        if fix:
            fixes.append(Fix(f"Make '{name}' the return value ($return)", fix.edits, not fixes))
    add = pairing_fixes.add_parameter_fix(ctx, binding, entry)
    if add is not None:
        fixes.append(replace(add, preferred=not any(f.preferred for f in fixes)))
    if not binding.is_trigger:
        removed = json_edits.remove_binding(ctx.json_doc, ctx.fn.json_path, binding)
        if removed is not None:
            fixes.append(Fix(f"Remove binding '{name}' from {ctx.declared_in()}", (removed,)))
    assert entry.name_span is not None
    ctx.add(
        BINDING_UNBOUND,
        f"Binding '{name}' ({worker_types.binding_label(binding)}) has no parameter '{name}' in "
        f"{entry.name}() of {os.path.relpath(ctx.script, ctx.app.root)}: the worker "
        "refuses to load the function (declared in "
        f"{'a decorator' if ctx.fn.is_v2 else 'function.json'} but not in Python).",
        ctx.fn.json_path,
        binding.anchor("name"),
        related=(ctx.script_related(entry.name_span, f"def {entry.name}"),),
        fixes=tuple(fixes),
    )


def _rename_target(ctx: WorkerContext, name: str, candidates: list[str]) -> str | None:
    candidates = [c for c in candidates if c]
    if not candidates:
        return None
    if (
        len(candidates) == 1
        and len(ctx.view.unbound_parameters) == 1
        and len(ctx.view.unbound_bindings) == 1
    ):
        return candidates[0]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = [c for c in candidates if c.lower() == name.lower()]
    return lowered[0] if lowered else None
