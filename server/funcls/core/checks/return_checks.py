"""The return value (validation-rules W-20 to W-22, W-36): the return annotation against the
`$return` binding, and a value returned with nothing to receive it."""

from __future__ import annotations

import ast

from funcls.core.app_model import Binding
from funcls.core.checks import annotation_checks
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.edits import json_edits
from funcls.core.knowledge import converters, worker_types
from funcls.core.problems import Code, Fix, Location, Related, Severity, Span, TextEdit
from funcls.core.pyentry import Annotation, Callable_, node_span
from funcls.core.python.annotations import ERROR, Resolved

RETURN_MISMATCH = Code(
    "FUNC218",
    Severity.ERROR,
    "Return annotation does not fit the $return binding",
    ("W-20", "W-21", "W-22"),
)
RETURN_DROPPED = Code(
    "FUNC223", Severity.WARNING, "Returned value has no $return binding", ("W-36",)
)

CODES: tuple[Code, ...] = (
    RETURN_MISMATCH,
    RETURN_DROPPED,
)


def check_return(ctx: WorkerContext, function: Callable_, dropped: bool = True) -> None:
    """W-20 ... W-22 (with a $return binding) and W-36 (a value nobody receives)."""
    assert ctx.script is not None
    explicit = next((b for b in ctx.fn.bindings if b.name == "$return"), None)
    implicit = any(
        b.type and worker_types.checkable_type(b.type) and converters.has_implicit_output(b.type)
        for b in ctx.fn.bindings
        if b.name and b.name != "$return"
    ) or any(b.type and not worker_types.checkable_type(b.type) for b in ctx.fn.bindings)
    returns = function.returns
    if explicit is not None and returns is not None and ctx.resolver is not None:
        check_return_annotation(ctx, explicit, returns)
    elif returns is not None and ctx.resolver is not None:
        # get_type_hints evaluates the return annotation even when nothing receives it
        _evaluates(ctx, returns)
    if explicit is None and not implicit and function.returns_value and dropped:
        node = _first_return(function.node)
        if node is None:
            return
        span = node_span(node, ctx.script_view.index)  # type: ignore[union-attr]
        fixes: tuple[Fix, ...] = ()
        trigger = ctx.fn.trigger
        if trigger is not None and trigger.type == "httpTrigger" and ctx.json_doc:
            edit = json_edits.add_binding(
                ctx.json_doc,
                ctx.fn.json_path,
                {"type": "http", "direction": "out", "name": "$return"},
            )
            if edit is not None:
                title = f"Add an http $return binding to {ctx.declared_in()}"
                fixes = (Fix(title, (edit,), True),)
        bindings = ctx.fn.top_level("bindings")
        related = (
            (
                Related(
                    Location(ctx.fn.json_path, Span(bindings.key.start, bindings.key.end)),
                    "bindings",
                ),
            )
            if bindings is not None
            else ()
        )
        ctx.add(
            RETURN_DROPPED,
            f"{function.name}() returns a value, but {ctx.in_fn()} has no $return binding: "
            "the worker discards it.",
            ctx.script,
            span,
            related=related,
            fixes=fixes,
        )


def check_return_annotation(ctx: WorkerContext, binding: Binding, returns: Annotation) -> None:
    """W-20 ... W-22: the return annotation against the $return binding."""
    assert ctx.resolver is not None and ctx.script is not None
    resolved = _evaluates(ctx, returns)
    if resolved is None:
        return
    binding_type = binding.type or ""
    if resolved.state != "known" or not worker_types.worker_judged(binding_type):
        return
    if binding_type == "http" and ctx.http_v2():
        return
    value = resolved.value
    if ctx.target_version() < (3, 11) and worker_types.builtin_generic_inside(value):
        return
    rule = converters.judge_return(value, binding_type)
    if rule is None:
        return
    names = converters.accepted_return(binding_type)
    speller = ctx.new_speller()
    shown = [
        speller.library_class(n) if n not in ("str", "bytes", "bytearray") else n for n in names[:4]
    ]
    use = f" Use {' or '.join(shown)}." if shown else ""
    if rule == "W-20":
        message = (
            "The return annotation must not be Out[...] with a $return binding (return "
            f"annotation should not be azure.functions.Out).{use}"
        )
    elif rule == "W-21":
        message = (
            f"The return annotation '{returns.text}' is not a type: the worker fails with: "
            f"has invalid non-type return annotation.{use}"
        )
    else:
        message = (
            f"The return annotation '{returns.text}' does not fit the $return binding "
            f"({binding_type}): the worker fails with: Python return annotation "
            f'"{converters.type_name(value)}" does not match binding type "{binding_type}".'
            f"{use}"
        )
        canonical = worker_types.other_casing(binding_type)
        if canonical is not None:
            message += (
                f" '{binding_type}' is not spelled '{canonical}': the worker finds no "
                f"converter and uses its generic binding (str, bytes)."
            )
    fixes: list[Fix] = []
    for text in shown[:2]:
        fixes.append(
            Fix(
                f"Change the return annotation to {text}",
                (TextEdit(ctx.script, returns.span, text), *speller.import_edits()),
                preferred=not fixes,
            )
        )
    related_py = ctx.script_related(returns.span, f"-> {returns.text}")
    ctx.add(
        RETURN_MISMATCH,
        message,
        ctx.script,
        returns.span,
        related=(ctx.json_related(binding, "type", "$return binding"),),
        fixes=tuple(fixes),
    )
    if rule == "W-22":
        ctx.add(
            RETURN_MISMATCH,
            message,
            ctx.fn.json_path,
            binding.anchor("type"),
            related=(related_py,),
            fixes=tuple(fixes),
        )


def _first_return(node: ast.AST) -> ast.Return | None:
    stack = list(ast.iter_child_nodes(node))
    found: list[ast.Return] = []
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(current, ast.Return) and current.value is not None:
            if not (isinstance(current.value, ast.Constant) and current.value.value is None):
                found.append(current)
        stack.extend(ast.iter_child_nodes(current))
    if not found:
        return None
    return min(found, key=lambda r: (r.lineno, r.col_offset))


def _evaluates(ctx: WorkerContext, returns: Annotation) -> Resolved | None:
    """The return annotation resolved; None, with FUNC224 reported, when evaluating it fails
    (the worker's get_type_hints raises and the function does not load)."""
    assert ctx.resolver is not None and ctx.script is not None
    resolved = ctx.resolver.resolve(returns.node, returns.span)
    if resolved.state != ERROR:
        return resolved
    ctx.add(
        annotation_checks.ANNOTATION_ERROR,
        f"The return annotation cannot be evaluated ({resolved.message}): the worker "
        f"fails to load {ctx.in_fn()}.",
        ctx.script,
        returns.span,
    )
    return None
