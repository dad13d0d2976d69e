"""Features inside Python entry scripts: completion of unbound binding names in the entry point's
parameter list and of app-setting names in `os.environ[...]`, hover on parameters and settings.

Also the function.json hover on a binding's `name` (`binding_name_hover`, a contributor listed
in `funcls.core.features.service`), which shows the entry point's signature. Everything here
reads `ast` and the app model; nothing imports or runs user code, and setting values are never
shown.
"""

from __future__ import annotations

import ast
import json
import os
import re

from funcls.core.app_model import AppModel, Binding, FunctionInfo
from funcls.core.app_settings import read_local_settings
from funcls.core.edits.script_edits import Speller
from funcls.core.features.completion import Proposal
from funcls.core.features.hover import HoverRequest, HoverResult
from funcls.core.function_view import FunctionView, function_view, views_for_script
from funcls.core.jsontree import JsonString
from funcls.core.knowledge import converters
from funcls.core.knowledge.worker_types import checkable_type, is_many
from funcls.core.problems import Span
from funcls.core.pyentry import Callable_, Parameter, ScriptView
from funcls.core.python.envvars import completion_context, env_reads, platform_provided
from funcls.core.settings import Settings
from funcls.core.sources import normalize_path
from funcls.core.text import code_characters
from funcls.core.workspace import Workspace

_SHOWN_SKIP = frozenset({"type", "direction", "name"})


# -- completion ------------------------------------------------------------------------------------
def complete_python(
    workspace: Workspace, path: str, offset: int, settings: Settings
) -> list[Proposal]:
    """Completion proposals at `offset` of a Python file."""
    path = normalize_path(path)
    source = workspace.read(path)
    if source is None or source.text is None:
        return []
    text = source.text
    env = completion_context(text, offset)
    if env is not None:
        return _setting_proposals(workspace, path, env[0])
    return _parameter_proposals(workspace, path, text, offset)


def _setting_proposals(workspace: Workspace, path: str, replace: Span) -> list[Proposal]:
    root = workspace.app_root_for(path)
    if root is None:
        return []
    local = read_local_settings(workspace, root)
    return [
        Proposal(
            label=name,
            kind="variable",
            insert_text=name,
            replace=replace,
            detail="app setting in local.settings.json",
            sort_text=f"0_{name}",
        )
        for name in local.names()
    ]


def _header_span(text: str, name: str) -> tuple[int, int] | None:
    """The offsets just inside `def name(` ... `)` (to the end of text when unbalanced)."""
    match = re.search(rf"^[ \t]*(?:async[ \t]+)?def[ \t]+{re.escape(name)}[ \t]*\(", text, re.M)
    if match is None:
        return None
    return _list_from(text, match.end())


def _list_from(text: str, start: int) -> tuple[int, int]:
    """`start` and the offset of the `)` closing the parameter list opened just before it."""
    for index, ch, depth in code_characters(text, start, len(text)):
        if depth == 0 and (ch in ")]}" or (ch == ":" and text[index - 1] == ")")):
            return start, index
    return start, len(text)


def _parameter_proposals(workspace: Workspace, path: str, text: str, offset: int) -> list[Proposal]:
    app = workspace.app_for(path)
    if app is None:
        return []
    proposals: list[Proposal] = []
    seen: set[str] = set()
    for fn in app.functions_using_script(path):
        target = _parameter_list(workspace, app, fn, text)
        if target is None:
            continue
        header, present = target
        if not (header[0] <= offset <= header[1]):
            continue
        before = text[header[0] : offset]
        segment = re.split(r"[,(]", before)[-1]
        if ":" in segment or "=" in segment or "*" in segment:
            continue
        prefix = re.search(r"[A-Za-z_][A-Za-z0-9_]*$", segment)
        replace = Span(offset - len(prefix.group(0)) if prefix else offset, offset)
        speller = _speller(workspace, path)
        for binding in fn.bindings:
            name = binding.name
            if not name or name == "$return" or name in present or name in seen:
                continue
            seen.add(name)
            annotation = _annotation_for(binding, speller)
            insert = f"{name}: {annotation}" if annotation else name
            proposals.append(
                Proposal(
                    label=insert,
                    kind="variable",
                    insert_text=insert,
                    replace=replace,
                    detail=f"binding {binding.type} ({binding.direction or 'in'}) "
                    f"of function '{fn.name}'",
                    documentation=_binding_markdown(fn, binding),
                    sort_text=f"0_{name}",
                    filter_text=name,
                    preselect=not proposals,
                )
            )
    return proposals


def _parameter_list(
    workspace: Workspace, app: AppModel, fn: FunctionInfo, text: str
) -> tuple[tuple[int, int], set[str]] | None:
    """Where the entry point's parameter list is and the names the worker already sees there.

    When the script parses, from the function view: the def the worker calls (a class's
    `__init__`, whose `self` it does not see; a local decorator's inner def); none when the view
    cannot see through. Only when it does not parse, `def <entryPoint>(` read from the text."""
    analysis = function_view(workspace, app, fn)
    if analysis.script is not None:
        entry = analysis.entry
        function = entry.function if entry is not None else None
        if entry is None or function is None or function.signature_span is None:
            return None
        return _list_from(text, function.signature_span.end), {p.name for p in entry.parameters}
    header = _header_span(text, fn.entry_point)
    if header is None:
        return None
    header_text = text[header[0] : header[1]]
    present = set(re.findall(r"(?:^|[,(])\s*\*{0,2}([A-Za-z_]\w*)", "(" + header_text))
    return header, present


def _speller(workspace: Workspace, path: str) -> Speller | None:
    view = workspace.script(path)
    if view is None or view.tree is None:
        return None
    return Speller(view, path)


def _annotation_for(binding: Binding, speller: Speller | None) -> str | None:
    binding_type = binding.type or ""
    if not checkable_type(binding_type):
        return None
    out = (binding.direction or "").lower() == "out"
    suggestion = converters.preferred(binding_type, out, is_many(binding))
    if suggestion is None:
        return None
    if speller is None:
        base = suggestion.name if not suggestion.is_library else f"func.{suggestion.name}"
        if suggestion.many:
            base = f"List[{base}]"
        return f"func.Out[{base}]" if suggestion.out else base
    return speller.suggestion(suggestion)


# -- hover -----------------------------------------------------------------------------------------
def hover_python(
    workspace: Workspace, path: str, offset: int, settings: Settings
) -> HoverResult | None:
    """Hover at `offset` of a Python file."""
    path = normalize_path(path)
    view = workspace.script(path)
    if view is None:
        return None
    setting = _setting_hover(workspace, path, view, offset)
    if setting is not None:
        return setting
    app = workspace.app_for(path)
    if app is None or view.tree is None:
        return None
    for analysis in views_for_script(workspace, app, path):
        entry = analysis.entry
        if entry is None:
            continue
        parameters = entry.function.parameters if entry.function is not None else ()
        for parameter in parameters:
            if parameter.span.contains(offset):
                return _parameter_hover(analysis, parameter)
        if entry.name_span is not None and entry.name_span.contains(offset):
            lines = [f"**Entry point of function `{analysis.fn.name}`**", ""]
            for binding in analysis.fn.bindings:
                lines.append(f"- `{binding.name}`: {binding.type} ({binding.direction or 'in'})")
            return HoverResult("\n".join(lines), entry.name_span)
    return None


def _parameter_hover(analysis: FunctionView, parameter: Parameter) -> HoverResult | None:
    fn = analysis.fn
    binding = fn.binding_named(parameter.name)
    if binding is None:
        if analysis.context_parameter is parameter:
            text = (
                f"**`{parameter.name}`**: the invocation context (azure.functions.Context), "
                f"not a binding of function `{fn.name}`."
            )
            return HoverResult(text, parameter.span)
        text = (
            f"**`{parameter.name}`** has no binding in function.json of `{fn.name}`: the worker "
            "refuses to load the function."
        )
        return HoverResult(text, parameter.span)
    return HoverResult(_binding_markdown(fn, binding), parameter.span)


def _binding_markdown(fn: FunctionInfo, binding: Binding) -> str:
    direction = binding.direction or "in"
    lines = [
        f"**binding `{binding.name}`**: `{binding.type}`, direction `{direction}`"
        + (" (trigger)" if binding.is_trigger else ""),
        "",
        f"function.json of `{fn.name}`",
    ]
    props = []
    for prop in binding.node.properties:
        key = prop.key.value
        if key in _SHOWN_SKIP or prop.value is None:
            continue
        value = prop.value.to_value()
        if isinstance(value, (dict, list)):
            value = json.dumps(value)
        props.append(f"- {key}: `{value}`")
    if props:
        lines += ["", *props]
    binding_type = binding.type or ""
    if checkable_type(binding_type):
        out = direction.lower() == "out"
        if converters.accepts_anything(binding_type, out):
            lines += ["", "Any annotation is accepted."]
        else:
            options = converters.accepted(binding_type, out)
            shown = []
            for option in options[:6]:
                base = option.name if not option.is_library else f"func.{option.name}"
                if option.many:
                    base = f"List[{base}]"
                shown.append(f"`func.Out[{base}]`" if option.out else f"`{base}`")
            if shown:
                lines += ["", "Annotations the worker accepts: " + ", ".join(shown)]
    return "\n".join(lines)


def _setting_hover(
    workspace: Workspace, path: str, view: ScriptView, offset: int
) -> HoverResult | None:
    for read in env_reads(view):
        if not read.span.contains(offset):
            continue
        root = workspace.app_root_for(path)
        if root is None:
            return None
        local = read_local_settings(workspace, root)
        entry = local.values.get(read.name)
        if entry is not None:
            source = workspace.read(local.path)
            line = 1
            if source is not None and source.text is not None:
                line = source.text.count("\n", 0, entry.key_span.start) + 1
            state = " (empty value)" if entry.is_empty else ""
            text = (
                f"App setting **`{read.name}`**: defined in local.settings.json, line {line} "
                f"(Values){state}. In Azure it comes from the function app's settings."
            )
        elif platform_provided(read.name):
            text = f"**`{read.name}`** is set by the Functions platform."
        else:
            where = "local.settings.json" if local.exists else "local.settings.json (missing)"
            text = f"App setting **`{read.name}`** is not defined in {where}."
        return HoverResult(text, read.span)
    return None


# -- function.json: hover on a binding's name shows the entry point's signature -----------------
def signature(entry: Callable_) -> str:
    """The def line of a callable, as the worker sees its parameters and annotations."""
    parts = []
    for parameter in entry.parameters:
        prefix = "*" if parameter.kind == "varargs" else "**" if parameter.kind == "varkw" else ""
        text = prefix + parameter.name
        if parameter.annotation is not None:
            text += f": {parameter.annotation.text}"
        if parameter.default is not None:
            try:
                text += " = " + ast.unparse(parameter.default)
            except Exception:
                text += " = ..."
        parts.append(text)
    returns = f" -> {entry.returns.text}" if entry.returns is not None else ""
    keyword = "async def" if entry.is_async else "def"
    return f"{keyword} {entry.name}({', '.join(parts)}){returns}"


def binding_name_hover(request: HoverRequest) -> HoverResult | None:
    """On a binding's `name` in function.json: the entry point's signature and the parameter."""
    path = request.json_path
    if (
        request.kind != "function.json"
        or request.is_key
        or len(path) != 3
        or path[0] != "bindings"
        or path[2] != "name"
        or not isinstance(request.node, JsonString)
    ):
        return None
    app = request.workspace.app_for(request.path)
    if app is None:
        return None
    fn = app.function_for_path(request.path) or request.workspace.function(
        os.path.dirname(request.path)
    )
    analysis = function_view(request.workspace, app, fn)
    name = request.node.value
    span = Span(request.node.start, request.node.end)
    entry = analysis.entry
    if entry is None or analysis.script is None or fn.script_path is None:
        return None
    rel = os.path.relpath(fn.script_path, app.root)
    if name == "$return":
        returns = entry.function.returns if entry.function else None
        shown = f"`-> {returns.text}`" if returns is not None else "no return annotation"
        return HoverResult(f"The return value of `{entry.name}()` in {rel} ({shown}).", span)
    if entry.kind == "durable":
        text = (
            f"```python\n{entry.name} = {entry.wrapper}(...)\n```\n"
            f"The handler's only parameter is `context` ({rel})."
        )
        return HoverResult(text, span)
    if entry.function is None:
        return None
    def_line = signature(entry.function)
    parameter = entry.function.parameter(name)
    line = analysis.script.index.position(entry.function.span.start)[0] + 1
    lines = [f"```python\n{def_line}\n```", "", f"{rel}, line {line}"]
    if parameter is None:
        lines += ["", f"No parameter `{name}`: the worker refuses to load the function."]
    else:
        shown = parameter.name + (f": {parameter.annotation.text}" if parameter.annotation else "")
        lines += ["", f"Parameter `{shown}`"]
    return HoverResult("\n".join(lines), span)
