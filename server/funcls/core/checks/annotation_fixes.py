"""The fixes of the annotations family: replace an annotation with one the binding accepts, wrap
it in Out[...] or unwrap it, drop Optional, spell the binding type as the worker does."""

from __future__ import annotations

import ast
import typing
from typing import Any

from funcls.core.app_model import Binding
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.function_view import Pair
from funcls.core.knowledge import converters, worker_types
from funcls.core.problems import Fix, Span, TextEdit
from funcls.core.pyentry import Annotation, node_span


def casing_fix(ctx: WorkerContext, binding: Binding, canonical: str) -> Fix:
    """Spell the binding type as the worker's converter registry does."""
    prop = binding.prop("type")
    assert prop is not None and prop.value is not None
    span = Span(prop.value.start + 1, prop.value.end - 1)
    return Fix(
        f"Change the type to '{canonical}'",
        (TextEdit(ctx.fn.json_path, span, canonical),),
        preferred=True,
    )


def replace_fixes(ctx: WorkerContext, pair: Pair, annotation: Annotation) -> tuple[Fix, ...]:
    """Fixes that replace an annotation with one the binding accepts."""
    binding = pair.binding
    binding_type = binding.type or ""
    if not worker_types.checkable_type(binding_type) or ctx.script is None:
        return ()
    fixes: list[Fix] = []
    first = converters.preferred(
        binding_type, worker_types.direction_out(binding), worker_types.is_many(binding)
    )
    options = list(converters.accepted(binding_type, worker_types.direction_out(binding)))
    if first is not None:
        options = [first] + [o for o in options if o != first]
    for suggestion in options[:2]:
        speller = ctx.new_speller()
        text = speller.suggestion(suggestion)
        fixes.append(
            Fix(
                f"Change the annotation to {text}",
                (TextEdit(ctx.script, annotation.span, text), *speller.import_edits()),
                preferred=not fixes,
            )
        )
    return tuple(fixes)


def wrap_out_fix(ctx: WorkerContext, pair: Pair, annotation: Annotation) -> Fix | None:
    """W-17: wrap an output parameter's annotation in Out[...]."""
    assert ctx.script is not None and ctx.resolver is not None
    resolved = ctx.resolver.resolve(annotation.node, annotation.span)
    binding_type = pair.binding.type or ""
    try:
        import azure.functions as af

        out_class: Any = af.Out
        wrapped = out_class[resolved.value]
    except Exception:
        return None
    if worker_types.checkable_type(binding_type) and resolved.state == "known":
        if converters.judge_parameter(wrapped, binding_type, True).rule is not None:
            return None
    speller = ctx.new_speller()
    text = f"{speller.library_class('Out')}[{annotation.text}]"
    return Fix(
        f"Wrap the annotation in Out: {text}",
        (TextEdit(ctx.script, annotation.span, text), *speller.import_edits()),
        preferred=True,
        safe=True,
    )


def unwrap_out_fixes(
    ctx: WorkerContext, pair: Pair, annotation: Annotation, value: Any
) -> tuple[Fix, ...]:
    """W-18: drop Out[...] from an input parameter's annotation."""
    assert ctx.script is not None
    node = annotation.node
    if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Tuple):
        inner = node_span(node.slice, ctx.script_view.index)  # type: ignore[union-attr]
        text = ctx.script_view.text[inner.start : inner.end]  # type: ignore[union-attr]
        pytype, count = converters.unwrap_out(value)
        binding_type = pair.binding.type or ""
        if count == 1 and (
            not worker_types.checkable_type(binding_type)
            or converters.judge_parameter(pytype, binding_type, False).rule is None
        ):
            return (
                Fix(
                    f"Remove Out: {text}",
                    (TextEdit(ctx.script, annotation.span, text),),
                    preferred=True,
                    safe=True,
                ),
            )
    return replace_fixes(ctx, pair, annotation)


def non_type_fixes(ctx: WorkerContext, annotation: Annotation, value: Any) -> tuple[Fix, ...]:
    """W-16: Optional[X] -> X, list[...] -> List[...], Out(x) -> Out[x]."""
    assert ctx.script is not None and ctx.script_view is not None
    view = ctx.script_view
    node = annotation.node
    inner: ast.expr | None = None
    origin = typing.get_origin(value)
    if isinstance(node, ast.Subscript) and origin is typing.Union:
        args = typing.get_args(value)
        if len(args) == 2 and type(None) in args and not isinstance(node.slice, ast.Tuple):
            inner = node.slice  # Optional[X]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, ast.Constant) and other.value is None:
                inner = side
    if inner is not None:
        span = node_span(inner, view.index)
        text = view.text[span.start : span.end]
        return (
            Fix(
                f"Use {text} (the worker does not accept Optional)",
                (TextEdit(ctx.script, annotation.span, text),),
                preferred=True,
                safe=True,
            ),
        )
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        if node.value.id in ("list", "dict", "tuple", "set") and node.value.id == "list":
            speller = ctx.new_speller()
            name = speller.typing_list()
            span = node_span(node.value, view.index)
            return (
                Fix(
                    f"Use {name}[...]",
                    (TextEdit(ctx.script, span, name), *speller.import_edits()),
                    preferred=True,
                    safe=True,
                ),
            )
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        func_span = node_span(node.func, view.index)
        arg_span = node_span(node.args[0], view.index)
        callee = view.text[func_span.start : func_span.end]
        if callee.split(".")[-1] == "Out":
            text = f"{callee}[{view.text[arg_span.start : arg_span.end]}]"
            edit = TextEdit(ctx.script, annotation.span, text)
            return (Fix(f"Use {text}", (edit,), True, safe=True),)
    return ()
