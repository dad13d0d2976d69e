"""Navigation and refactoring between function.json and the entry point: definition, references,
rename. Plain results in code-point spans.

A binding's `name` and the entry point's parameter of the same name are one symbol: definition
jumps between them, references list both (and the parameter's uses in the body), and rename
changes them together. `scriptFile` leads to the script and `entryPoint` to the function.
"""

from __future__ import annotations

import keyword
import os
from dataclasses import dataclass

from funcls.core.app_model import FUNCTION_JSON, AppModel, Binding, FunctionInfo
from funcls.core.edits.script_edits import string_content
from funcls.core.function_view import (
    HOST_NAME,
    FunctionView,
    binding_at,
    function_view,
    views_for_script,
)
from funcls.core.problems import Location, Span, TextEdit
from funcls.core.pyentry import Parameter
from funcls.core.python.scopes import local_uses
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace


@dataclass(frozen=True)
class RenameError:
    """Why a rename cannot be done here."""

    message: str


@dataclass
class _Symbol:
    """A binding name / parameter pair (either side may be missing) across the functions that
    share one entry point."""

    name: str
    analyses: list[FunctionView]
    bindings: list[tuple[FunctionInfo, Binding]]
    parameter: Parameter | None
    script: str | None
    uses: list[Span]
    origin: Span  # the span under the cursor
    on_binding: bool = False  # the cursor is on a binding's name (function.json or `arg_name=`)


def _app(workspace: Workspace, path: str) -> AppModel | None:
    return workspace.app_for(path)


def _analysis_for_json(workspace: Workspace, path: str) -> FunctionView | None:
    app = _app(workspace, path)
    if app is None:
        return None
    fn = app.function_for_path(path) or workspace.function(os.path.dirname(path))
    return function_view(workspace, app, fn)


def _symbol_at(workspace: Workspace, path: str, offset: int) -> _Symbol | None:
    path = normalize_path(path)
    if os.path.basename(path).lower() == FUNCTION_JSON:
        analysis = _analysis_for_json(workspace, path)
        if analysis is None:
            return None
        found = binding_at(analysis.fn, offset)
        if found is None:
            return None
        binding, key = found
        span = binding.value_span("name")
        if key != "name" or span is None or not span.contains(offset) or not binding.name:
            return None
        pair = analysis.pair_for_binding(binding)
        parameter = pair.parameter if pair else None
        if parameter is None and analysis.entry is not None and analysis.entry.kind == "function":
            function = analysis.entry.function
            parameter = function.parameter(binding.name) if function else None
        return _build(workspace, analysis, binding.name, parameter, span, on_binding=True)
    if not path.endswith(".py"):
        return None
    app = _app(workspace, path)
    if app is None:
        return None
    decorator = _decorator_symbol(workspace, app, path, offset)
    if decorator is not None:
        return decorator
    for analysis in views_for_script(workspace, app, path):
        entry = analysis.entry
        if entry is None or entry.kind != "function" or entry.function is None:
            continue
        script_view = analysis.script
        for parameter in entry.function.parameters:
            if parameter.span.contains(offset):
                return _build(workspace, analysis, parameter.name, parameter, parameter.span)
            if script_view is not None:
                for use in local_uses(entry.function.node, parameter.name, script_view):
                    if use.contains(offset):
                        return _build(workspace, analysis, parameter.name, parameter, use)
    return None


def _decorator_symbol(
    workspace: Workspace, app: AppModel, path: str, offset: int
) -> _Symbol | None:
    """The symbol of a v2 decorator's `arg_name="..."` string at `offset` of `path`."""
    for fn in app.functions:
        if not fn.is_v2 or fn.json_path != path:
            continue
        for binding in fn.bindings:
            content = string_content(binding, "name")
            if (
                content is None
                or not binding.name
                or not (content.start - 1 <= offset <= content.end + 1)
            ):
                continue
            span = binding.value_span("name") or content
            analysis = function_view(workspace, app, fn)
            pair = analysis.pair_for_binding(binding)
            parameter = pair.parameter if pair else None
            entry = analysis.entry
            if parameter is None and entry is not None and entry.kind == "function":
                function = entry.function
                parameter = function.parameter(binding.name) if function else None
            return _build(workspace, analysis, binding.name, parameter, span, on_binding=True)
    return None


def _build(
    workspace: Workspace,
    analysis: FunctionView,
    name: str,
    parameter: Parameter | None,
    origin: Span,
    on_binding: bool = False,
) -> _Symbol:
    """Collect every function sharing the entry point, and their bindings named `name`."""
    analyses = [analysis]
    script = analysis.fn.script_path
    if script is not None and analysis.entry is not None:
        for other in views_for_script(workspace, analysis.app, script):
            if other.fn.json_path == analysis.fn.json_path or other.entry is None:
                continue
            if other.entry.function is not None and analysis.entry.function is not None:
                if other.entry.function.name == analysis.entry.function.name:
                    analyses.append(other)
    bindings: list[tuple[FunctionInfo, Binding]] = []
    for item in analyses:
        binding = item.fn.binding_named(name)
        if binding is not None:
            bindings.append((item.fn, binding))
    uses: list[Span] = []
    entry = analysis.entry
    script_view = analysis.script
    if parameter is not None and entry is not None and entry.function and script_view is not None:
        uses = local_uses(entry.function.node, name, script_view)
    return _Symbol(name, analyses, bindings, parameter, script, uses, origin, on_binding)


def definition(workspace: Workspace, path: str, offset: int) -> list[Location]:
    """Where the thing at `offset` is defined on the other side (binding name <-> parameter,
    scriptFile -> file, entryPoint -> function)."""
    path = normalize_path(path)
    if os.path.basename(path).lower() == FUNCTION_JSON:
        analysis = _analysis_for_json(workspace, path)
        if analysis is None:
            return []
        fn = analysis.fn
        for key in ("scriptFile", "entryPoint"):
            prop = fn.top_level(key)
            if prop is None or prop.value is None:
                continue
            if not (prop.value.start <= offset <= prop.value.end):
                continue
            if key == "scriptFile" and fn.script_path and workspace.sources.exists(fn.script_path):
                return [Location(fn.script_path, Span(0, 0))]
            if key == "entryPoint" and analysis.entry is not None and fn.script_path:
                span = analysis.entry.name_span
                return [Location(fn.script_path, span)] if span is not None else []
            return []
    symbol = _symbol_at(workspace, path, offset)
    if symbol is None:
        if path.endswith(".py"):
            return _entry_definition(workspace, path, offset)
        return []
    if path.endswith(".py") and not symbol.on_binding:
        return [
            Location(fn.json_path, span)
            for fn, binding in symbol.bindings
            if (span := binding.value_span("name")) is not None
        ]
    if symbol.parameter is not None and symbol.script is not None:
        return [Location(symbol.script, symbol.parameter.span)]
    return []


def _entry_definition(workspace: Workspace, path: str, offset: int) -> list[Location]:
    """From the entry point's name in the script to function.json (entryPoint or the file)."""
    app = _app(workspace, path)
    if app is None:
        return []
    found: list[Location] = []
    for analysis in views_for_script(workspace, app, path):
        entry = analysis.entry
        if entry is None or entry.name_span is None or not entry.name_span.contains(offset):
            continue
        prop = analysis.fn.top_level("entryPoint")
        span = Span(prop.value.start, prop.value.end) if prop and prop.value else Span(0, 0)
        found.append(Location(analysis.fn.json_path, span))
    return found


def references(
    workspace: Workspace, path: str, offset: int, include_declaration: bool
) -> list[Location]:
    """Every place that names the binding or parameter at `offset`, in both files."""
    symbol = _symbol_at(workspace, path, offset)
    if symbol is None:
        return []
    found: list[Location] = []
    for fn, binding in symbol.bindings:
        span = binding.value_span("name")
        if span is not None:
            found.append(Location(fn.json_path, span))
    if symbol.script is not None:
        if symbol.parameter is not None and include_declaration:
            found.append(Location(symbol.script, symbol.parameter.span))
        found.extend(Location(symbol.script, use) for use in symbol.uses)
    return found


def prepare_rename(workspace: Workspace, path: str, offset: int) -> Span | None:
    """The span of the binding name or parameter that can be renamed at `offset`."""
    symbol = _symbol_at(workspace, path, offset)
    if symbol is None or symbol.name == "$return":
        return None
    if symbol.parameter is not None and symbol.parameter.kind in ("varargs", "varkw"):
        return None
    entry = symbol.analyses[0].entry
    if entry is not None and entry.kind == "durable":
        return None
    if path.endswith(".py") and not symbol.on_binding:
        return symbol.origin
    for _fn, binding in symbol.bindings:
        content = string_content(binding, "name")
        if content is not None and content.start - 1 <= offset <= content.end + 1:
            return content
    return None


def rename(
    workspace: Workspace, path: str, offset: int, new_name: str
) -> list[TextEdit] | RenameError:
    """Edits that rename a binding and its parameter (and the parameter's uses) together."""
    symbol = _symbol_at(workspace, path, offset)
    if symbol is None or prepare_rename(workspace, path, offset) is None:
        return RenameError(
            "Nothing to rename here: place the cursor on a binding name or on a "
            "parameter of the entry point."
        )
    if new_name == symbol.name:
        return []
    if not HOST_NAME.match(new_name):
        return RenameError(
            f"'{new_name}' is not a valid binding name: use letters, digits and single "
            "underscores, starting with a letter or underscore."
        )
    if keyword.iskeyword(new_name) or keyword.issoftkeyword(new_name):
        return RenameError(f"'{new_name}' is a Python keyword and cannot name a parameter.")
    for analysis in symbol.analyses:
        taken = {b.name for b in analysis.fn.bindings if b.name}
        entry = analysis.entry
        if entry is not None and entry.function is not None:
            taken |= {p.name for p in entry.function.parameters}
        if new_name in taken or new_name.lower() in {t.lower() for t in taken if t != symbol.name}:
            return RenameError(
                f"'{new_name}' is already a binding or parameter of function '{analysis.fn.name}'."
            )
    edits: list[TextEdit] = []
    for fn, binding in symbol.bindings:
        content = string_content(binding, "name")
        if content is None and fn.is_v2:
            # a name the decorator writes by default (`route`'s `req`): renaming only the
            # parameter would unbind it
            return RenameError(
                f"The binding '{symbol.name}' of function '{fn.name}' is named by a decorator "
                "default: give the decorator the name explicitly to rename it."
            )
        if content is not None:
            edits.append(TextEdit(fn.json_path, content, new_name))
    if symbol.script is not None and symbol.parameter is not None:
        edits.append(TextEdit(symbol.script, symbol.parameter.span, new_name))
        edits.extend(TextEdit(symbol.script, use, new_name) for use in symbol.uses)
    return edits
