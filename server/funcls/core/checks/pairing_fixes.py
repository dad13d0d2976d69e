"""The fixes of the names family: rename a binding or a parameter (with its uses), add the
parameter a binding needs or the binding a parameter needs."""

from __future__ import annotations

import keyword
from typing import Any

from funcls.core.app_model import Binding
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.edits import json_edits, script_edits
from funcls.core.entry_point import Entry
from funcls.core.function_view import HOST_NAME
from funcls.core.knowledge import converters, worker_types
from funcls.core.problems import Fix, TextEdit
from funcls.core.pyentry import Parameter
from funcls.core.python.binding_choices import binding_choices
from funcls.core.python.scopes import local_uses


def rename_binding_fix(ctx: WorkerContext, binding: Binding, new_name: str) -> Fix | None:
    """Rename a binding in function.json."""
    span = script_edits.string_content(binding, "name")
    if span is None:
        return None
    return Fix(
        f"Rename binding '{binding.name}' to '{new_name}' in {ctx.declared_in()}",
        (TextEdit(ctx.fn.json_path, span, new_name),),
    )


def rename_parameter_fix(
    ctx: WorkerContext, param: Parameter, entry: Entry, new_name: str, preferred: bool = False
) -> Fix:
    """Rename a parameter and its uses in the entry point."""
    assert ctx.script is not None and ctx.script_view is not None
    spans = [param.span]
    if entry.function is not None:
        spans += local_uses(entry.function.node, param.name, ctx.script_view)
    return Fix(
        f"Rename parameter '{param.name}' to '{new_name}'",
        tuple(TextEdit(ctx.script, s, new_name) for s in spans),
        preferred,
    )


def add_parameter_fix(ctx: WorkerContext, binding: Binding, entry: Entry) -> Fix | None:
    """Add a parameter for a binding, annotated as the binding expects."""
    name = binding.name or ""
    if entry.function is None or not name.isidentifier() or keyword.iskeyword(name):
        return None
    assert ctx.script is not None and ctx.script_view is not None
    speller = ctx.new_speller()
    text = name
    binding_type = binding.type or ""
    if worker_types.checkable_type(binding_type):
        suggestion = converters.preferred(
            binding_type, worker_types.direction_out(binding), worker_types.is_many(binding)
        )
        if suggestion is not None:
            text = f"{name}: {speller.suggestion(suggestion)}"
        elif binding_type == "activityTrigger":
            text = name
    edit = script_edits.add_parameter(ctx.script_view, ctx.script, entry.function, text)
    if edit is None:
        return None
    return Fix(f"Add parameter '{text}' to {entry.name}()", (edit, *speller.import_edits()))


def add_binding_fixes(ctx: WorkerContext, param: Parameter) -> list[Fix]:
    """Add a binding for a parameter, one fix per binding type whose converter accepts the
    annotation (one for `func.HttpRequest`, several for `Out[str]`), likely ones first."""
    if ctx.json_doc is None or not HOST_NAME.match(param.name):
        return []
    if param.kind in ("varargs", "varkw"):
        return []
    choices: list[dict[str, Any]] = []
    if param.annotation is not None and ctx.resolver is not None:
        resolved = ctx.resolver.resolve(param.annotation.node, param.annotation.span)
        if resolved.state == "known":
            has_trigger = ctx.fn.trigger is not None
            choices = binding_choices(resolved.value, param.name, has_trigger)
    fixes: list[Fix] = []
    for values in choices:
        edit = json_edits.add_binding(ctx.json_doc, ctx.fn.json_path, values)
        if edit is not None:
            title = f"Add a {values['type']} binding '{param.name}' to {ctx.declared_in()}"
            fixes.append(Fix(title, (edit,)))
    return fixes
