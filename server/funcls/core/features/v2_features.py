"""Hover and completion on the decorators of a v2 app (`@app.route`, `@app.queue_trigger`, ...).

Hover on a decorator shows the documentation of the binding it declares, from the same schema
definitions the function.json hover shows, and for a route or a schedule the effective URL or
the schedule in words (the function.json hovers' own text). Hover on a `route=`, `schedule=` or
`connection=` value shows that part alone.

Completion inside a decorator call offers the def's parameter names not yet bound for the
keywords that name a binding (`arg_name`, `trigger_arg_name`, ...), the app settings of
local.settings.json for keywords whose property names a setting (`connection`, ...), and the
members of the enum a keyword takes (`auth_level=func.AuthLevel.`). Which keyword lands in which
property, and which enum it takes, is asked from the installed azure-functions library
(`funcls.core.v2.library`), never listed here. Completion reads the buffer's text, not its
syntax tree: a half-typed call does not parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from funcls.core import schemas
from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.app_settings import read_local_settings
from funcls.core.features.completion import Proposal
from funcls.core.features.hover import HoverResult, binding_type_markdown
from funcls.core.features.python_features import signature
from funcls.core.features.semantic_features import (
    connection_markdown,
    route_markdown,
    schedule_markdown,
)
from funcls.core.jsontree import JsonString
from funcls.core.knowledge import binding_types
from funcls.core.problems import Span
from funcls.core.setting_resolution import settings_index
from funcls.core.text import code_characters
from funcls.core.v2 import library as v2_library
from funcls.core.v2.reader import DURABLE, DecoratorCall
from funcls.core.workspace import Workspace

# the property a keyword writes the binding's name to (`arg_name` -> `name`)
NAME_PROPERTY = "name"


# -- hover ---------------------------------------------------------------------------------------
def hover_v2(workspace: Workspace, path: str, offset: int) -> HoverResult | None:
    """Hover at `offset` of a module of a v2 app: on a decorator, or on a route, schedule or
    setting-naming argument value."""
    app = workspace.app_for(path)
    if app is None or app.v2 is None:
        return None
    for fn in app.functions:
        if not fn.is_v2 or fn.json_path != path:
            continue
        for call in fn.declaration.function.decorators:
            if call.span.start - 1 <= offset <= call.name_span.end:
                return _decorator_hover(workspace, path, fn, call)
        found = _value_hover(workspace, path, fn, offset)
        if found is not None:
            return found
    # a decorator of a function the model leaves out (opaque): the library's binding type only
    for reading, decorated, owner in app.v2.declared:
        if reading.path != path:
            continue
        for call in decorated.decorators:
            if call.span.start - 1 <= offset <= call.name_span.end:
                found = _decorator_hover(workspace, path, None, call)
                if found is None and owner.module == DURABLE:
                    found = _durable_hover(call)
                return found
    return None


def durable_binding_type(method: str) -> str | None:
    """The binding type a Durable Functions decorator (`DFApp` / `df.Blueprint`) declares: its
    name without `_input`/`_output`, in camel case, when the schemas define that type in the
    durable family (`orchestration_trigger` -> orchestrationTrigger, `durable_client_input` ->
    durableClient). Those decorators stay outside the model (they wrap the function), so this
    only documents them."""
    base = re.sub(r"_(input|output)$", "", method)
    head, *rest = base.split("_")
    candidate = head + "".join(part[:1].upper() + part[1:] for part in rest)
    definition = schemas.binding_definition(candidate)
    if definition is None or definition.get("x-family") != "durable":
        return None
    return candidate


def _durable_hover(call: DecoratorCall) -> HoverResult | None:
    binding_type = durable_binding_type(call.method)
    if binding_type is None:
        return None
    definition = schemas.binding_definition(binding_type)
    assert definition is not None
    lines = [
        f"`@{call.receiver}.{call.method}` (Durable Functions) declares a `{binding_type}` "
        "binding.",
        "",
        "---",
        "",
        binding_type_markdown(binding_type, definition),
    ]
    return HoverResult("\n".join(lines), call.name_span)


def _decorator_hover(
    workspace: Workspace, path: str, fn: FunctionInfo | None, call: DecoratorCall
) -> HoverResult | None:
    bindings = _bindings_of(fn, call) if fn is not None else []
    types = [(b.type or "", b.direction or "in", b.name) for b in bindings]
    if not types:
        lib = v2_library.load()
        spec = lib.decorator(call.method) if lib is not None else None
        if spec is None:
            return None
        types = [(p.type, p.direction, None) for p in spec.bindings if "type" in p.fixed]
        if not types:
            return None
    lines: list[str] = []
    owner = f" of function `{fn.name}`" if fn is not None else ""
    first_type, first_direction, first_name = types[0]
    named = f"the binding `{first_name}`" if first_name else "a binding"
    lines.append(f"`@{call.receiver}.{call.method}` declares {named}{owner}.")
    if fn is not None and bindings:
        # what the route or schedule means comes first: the type's documentation is long
        extra = _value_markdown(workspace, path, fn, bindings[0])
        if extra:
            lines += ["", extra]
    lines += ["", "---", ""]
    definition = schemas.binding_definition(first_type)
    if definition is not None:
        lines.append(binding_type_markdown(first_type, definition))
    else:
        lines.append(f"**{first_type}** (direction `{first_direction}`)")
    for other_type, direction, name in types[1:]:
        shown = f" `{name}`" if name else ""
        lines += ["", f"Also the `{other_type}` binding{shown} (direction `{direction}`)."]
    return HoverResult("\n".join(lines), call.name_span)


def _bindings_of(fn: FunctionInfo, call: DecoratorCall) -> list[Binding]:
    """The bindings one decorator call produced (their nodes span the call)."""
    return [
        b for b in fn.bindings if b.node.start == call.span.start and b.node.end == call.span.end
    ]


def _value_markdown(workspace: Workspace, path: str, fn: FunctionInfo, binding: Binding) -> str:
    """For a route: its URL (the function's name when the decorator gives none, as the host
    does); for a schedule: when it fires."""
    kind = (binding.type or "").lower()
    if kind == "httptrigger":
        route = binding.node.get_value("route")
        value = route.value if isinstance(route, JsonString) else fn.name
        return route_markdown(workspace, path, fn, binding, value)
    if kind == "timertrigger":
        schedule = binding.node.get_value("schedule")
        if isinstance(schedule, JsonString):
            return schedule_markdown(workspace, path, schedule.value) or ""
    return ""


def _value_hover(
    workspace: Workspace, path: str, fn: FunctionInfo, offset: int
) -> HoverResult | None:
    for binding in fn.bindings:
        for prop in binding.node.properties:
            value = prop.value
            if not isinstance(value, JsonString) or value.start == prop.key.start:
                continue  # a fixed property (`type`, `direction`) spans the decorator's name
            if not value.start <= offset <= value.end:
                continue
            key = prop.key.value
            span = Span(value.start, value.end)
            if key == NAME_PROPERTY:
                return _name_hover(workspace, fn, value.value, span)
            kind = (binding.type or "").lower()
            if kind == "httptrigger" and key == "route":
                return HoverResult(route_markdown(workspace, path, fn, binding, value.value), span)
            if kind == "timertrigger" and key == "schedule":
                text = schedule_markdown(workspace, path, value.value)
                return None if text is None else HoverResult(text, span)
            root = workspace.app_root_for(path)
            if root is None:
                return None
            text = connection_markdown(settings_index(workspace, root), binding, key, value.value)
            return None if text is None else HoverResult(text, span)
    return None


def _name_hover(
    workspace: Workspace, fn: FunctionInfo, name: str, span: Span
) -> HoverResult | None:
    """On `arg_name="msg"`: the def the name binds a parameter of, and that parameter."""
    view = workspace.script(fn.script_path) if fn.script_path else None
    declared = view.callable(fn.entry_point) if view is not None else None
    if declared is None or declared.kind != "function":
        return None
    lines = [f"```python\n{signature(declared)}\n```", ""]
    if name == "$return":
        lines.append(f"The return value of `{declared.name}()`.")
    else:
        parameter = declared.parameter(name)
        if parameter is None:
            lines.append(f"`{declared.name}()` has no parameter `{name}`.")
        else:
            shown = parameter.name + (
                f": {parameter.annotation.text}" if parameter.annotation else ""
            )
            lines.append(f"Binds the parameter `{shown}`.")
    return HoverResult("\n".join(lines), span)


# -- completion ----------------------------------------------------------------------------------
_CALL = re.compile(r"@[ \t]*([A-Za-z_]\w*)[ \t]*\.[ \t]*([A-Za-z_]\w*)[ \t]*\(")
_KEYWORD = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(.*)$", re.S)
_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(", re.M)
_ALIAS = re.compile(r"^[ \t]*import[ \t]+azure\.functions[ \t]+as[ \t]+([A-Za-z_]\w*)", re.M)
_WORD_TAIL = re.compile(r"[\w.\-:]*")


@dataclass(frozen=True)
class _Context:
    """Where the cursor is inside a decorator call."""

    receiver: str
    method: str
    keyword: str
    value: str  # the argument's text before the cursor (the current list item for a list)
    call_start: int  # the `@`


def complete_v2(workspace: Workspace, path: str, offset: int) -> list[Proposal] | None:
    """Proposals for an argument value of a decorator call at `offset`, or None when the cursor
    is in no such place (other completions then apply)."""
    source = workspace.read(path)
    if source is None or source.text is None:
        return None
    text = source.text
    context = _context(text, offset)
    lib = v2_library.load()
    if context is None or lib is None or not _is_app_object(text, context.receiver):
        return None
    spec = lib.decorator(context.method)
    if spec is None:
        return None
    produced = [p for p in spec.bindings if context.keyword in p.arguments]
    prop = produced[0].arguments[context.keyword] if produced else None
    quote = context.value[:1] if context.value[:1] in ("'", '"') else ""
    if quote and quote in context.value[1:]:
        return None  # after the closing quote
    start = offset - (len(context.value) - 1 if quote else len(context.value))
    tail = _WORD_TAIL.match(text, offset)
    end = tail.end() if tail is not None and quote else offset
    replace = Span(start, end)
    if prop == NAME_PROPERTY:
        return _name_proposals(lib, text, context, replace, quote)
    if context.keyword in spec.enums:
        return _enum_proposals(text, spec.enums[context.keyword], context, replace, quote)
    if prop is not None and (quote or not context.value) and produced:
        known = binding_types.exact(produced[0].type)
        modes = known.setting_properties() if known is not None and known.described else {}
        if modes.get(prop) == "name" or (not modes and prop == "connection"):
            root = workspace.app_root_for(path)
            if root is None:
                return []
            return [
                Proposal(
                    label=name,
                    kind="variable",
                    insert_text=name if quote else f'"{name}"',
                    replace=replace,
                    detail="app setting in local.settings.json",
                    sort_text=f"0_{name}",
                )
                for name in read_local_settings(workspace, root).names()
            ]
    return None


def _context(text: str, offset: int) -> _Context | None:
    """The decorator call whose parentheses are open at `offset`, and the argument there."""
    line_start = text.rfind("\n", 0, offset) + 1
    # the call's `@` is on this line or one of the few above (multi-line calls)
    window = max(0, text.rfind("\n", 0, max(0, line_start - 1)) - 2000)
    calls = list(_CALL.finditer(text, window, offset))
    if not calls:
        return None
    call = calls[-1]
    segment_start = call.end()
    for index, ch, depth in code_characters(text, call.end(), offset):
        if depth == 0 and ch in ")]}":
            return None  # the call is closed before the cursor
        if depth == 0 and ch == ",":
            segment_start = index + 1
    match = _KEYWORD.match(text[segment_start:offset])
    if match is None:
        return None
    value = match.group(2)
    if value.startswith("["):  # a list (`methods=[...]`): the current item
        value = re.split(r"[\[,]", value)[-1].lstrip()
    return _Context(call.group(1), call.group(2), match.group(1), value, call.start())


def _is_app_object(text: str, name: str) -> bool:
    """True when the module binds `name` to one of the library's app classes (`FunctionApp`,
    `Blueprint`, ...): another library's `@router.route(...)` is left to other completions."""
    classes = "|".join(v2_library.APP_CLASSES)
    assigned = rf"^{re.escape(name)}[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]*\.)?(?:{classes})[ \t]*\("
    return re.search(assigned, text, re.M) is not None


def _name_proposals(
    lib: v2_library.Library, text: str, context: _Context, replace: Span, quote: str
) -> list[Proposal]:
    """The def's parameters that no decorator of its stack names yet."""
    definition = _DEF.search(text, context.call_start)
    if definition is None:
        return []
    header_end = _header_end(text, definition.end())
    header = text[definition.end() : header_end]
    parameters = [
        p
        for p in re.findall(r"(?:^|,)\s*([A-Za-z_]\w*)", header)
        if p not in ("self", "cls", "context")
    ]
    bound = _bound_names(lib, text[_stack_start(text, context.call_start) : definition.start()])
    proposals: list[Proposal] = []
    for name in parameters:
        if name in bound:
            continue
        insert = name if quote else f'"{name}"'
        proposals.append(
            Proposal(
                label=name,
                kind="variable",
                insert_text=insert,
                replace=replace,
                detail=f"parameter of {definition.group(1)}() without a binding",
                sort_text=f"0_{name}",
                preselect=not proposals,
            )
        )
    return proposals


def _header_end(text: str, start: int) -> int:
    """Where the def's parameter list closes (the end of text when it does not)."""
    depth = 0
    for index in range(start, len(text)):
        ch = text[index]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                return index
            depth -= 1
    return len(text)


def _stack_start(text: str, call_start: int) -> int:
    """The first decorator of the stack the call at `call_start` belongs to: lines above that
    continue a decorator (indented or closing a bracket) or start one, up to a blank line."""
    start = text.rfind("\n", 0, call_start) + 1
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        line = text[previous : start - 1]
        if not line.strip() or not (line[0] in " \t@)]}" or line.lstrip().startswith("@")):
            break
        if line.lstrip().startswith(("def ", "async def ", "return", "class ")):
            break
        start = previous
    return start


def _bound_names(lib: v2_library.Library, stack: str) -> set[str]:
    """The binding names the decorators of `stack` give (and their defaults when not given)."""
    bound: set[str] = set()
    calls = list(_CALL.finditer(stack))
    for position, call in enumerate(calls):
        end = calls[position + 1].start() if position + 1 < len(calls) else len(stack)
        body = stack[call.end() : end]
        spec = lib.decorator(call.group(2))
        if spec is None:
            continue
        for produced in spec.bindings:
            for keyword, prop in produced.arguments.items():
                if prop != NAME_PROPERTY:
                    continue
                given = re.search(rf"\b{keyword}\s*=\s*([\"'])(.*?)\1", body)
                if given is not None:
                    bound.add(given.group(2))
                else:
                    default = spec.defaults.get(keyword)
                    if isinstance(default, str):
                        bound.add(default)
    return bound


def _enum_proposals(
    text: str, enum: Any, context: _Context, replace: Span, quote: str
) -> list[Proposal]:
    """The enum's members: as strings inside quotes (the library parses a string ignoring
    case, by name or value), else as `alias.Enum.MEMBER`."""
    alias_match = _ALIAS.search(text)
    alias = alias_match.group(1) if alias_match else "func"
    # keep the way the user reaches the enum (`AuthLevel.`, `af.AuthLevel.`)
    written = re.match(rf"^([\w.]*\b{re.escape(enum.__name__)}\.)\w*$", context.value)
    reach = written.group(1) if written else f"{alias}.{enum.__name__}."
    proposals: list[Proposal] = []
    for member in enum:
        if quote:
            shown = member.value if isinstance(member.value, str) else member.name
            insert = shown
        else:
            shown = f"{reach}{member.name}"
            insert = shown
        proposals.append(
            Proposal(
                label=shown,
                kind="enum",
                insert_text=insert,
                replace=replace,
                detail=f"{enum.__name__}.{member.name} (azure-functions)",
                sort_text=f"0_{shown}",
                filter_text=shown,
            )
        )
    return proposals
