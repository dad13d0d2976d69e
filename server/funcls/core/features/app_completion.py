"""Completion contributors that know the app: script files, entry points, binding names and
app-setting names. Setting values are never read into a proposal."""

from __future__ import annotations

import json
import os

from funcls.core.app_model import FunctionInfo
from funcls.core.app_settings import read_local_settings
from funcls.core.features.completion import CompletionRequest, Proposal
from funcls.core.function_view import function_view
from funcls.core.jsontree import JsonObject
from funcls.core.pyentry import Parameter
from funcls.core.python.callability import callability


def _string_proposal(
    request: CompletionRequest, value: str, kind: str, detail: str, rank: str = "0"
) -> Proposal:
    text = json.dumps(value)
    return Proposal(
        label=value,
        kind=kind,
        insert_text=text,
        replace=request.cursor.replace,
        detail=detail,
        sort_text=f"{rank}_{value}",
        filter_text=text,
    )


def script_files(request: CompletionRequest) -> list[Proposal] | None:
    """`scriptFile`: the Python files of the function folder."""
    if request.kind != "function.json" or list(request.cursor.path) != ["scriptFile"]:
        return None
    folder = os.path.dirname(request.path)
    names = [n for n in request.workspace.sources.list_dir(folder) if n.endswith(".py")]
    return [_string_proposal(request, n, "file", "Python file in this folder") for n in names]


def entry_points(request: CompletionRequest) -> list[Proposal] | None:
    """`entryPoint`: the top-level callables of the entry script (functions, classes, callable
    objects), read with `ast`; constants are left out."""
    if request.kind != "function.json" or list(request.cursor.path) != ["entryPoint"]:
        return None
    fn = request.workspace.function(os.path.dirname(request.path))
    if fn.script_path is None:
        return []
    view = request.workspace.script(fn.script_path)
    if view is None:
        return []
    script = os.path.basename(fn.script_path)
    proposals: list[Proposal] = []
    for name, item in view.callables.items():
        if item.kind == "import":
            continue  # an imported name is rarely meant as this function's entry point
        verdict = callability(view, item)
        if verdict == "no":
            continue  # a constant: the worker refuses a non-callable entry point
        # decided callables first, then the ones only running the code could tell
        rank = "0" if verdict == "yes" else "1"
        proposals.append(
            _string_proposal(request, name, "function", f"{item.kind} in {script}", rank)
        )
    return proposals


def binding_names(request: CompletionRequest) -> list[Proposal] | None:
    """A binding's `name`: entry-point parameters no binding uses yet, then `$return`."""
    path = list(request.cursor.path)
    if (
        request.kind != "function.json"
        or len(path) != 3
        or path[0] != "bindings"
        or path[2] != "name"
    ):
        return None
    fn = request.workspace.function(os.path.dirname(request.path))
    used = {b.name for b in fn.bindings if b.index != path[1] and b.name}
    proposals: list[Proposal] = []
    for param in _entry_parameters(request, fn):
        if param.name in used or param.kind in ("varargs", "varkw"):
            continue
        detail = f"parameter of {fn.entry_point}()"
        if param.annotation is not None:
            detail += f": {param.annotation.text}"
        proposals.append(_string_proposal(request, param.name, "variable", detail))
    direction = None
    binding = request.document.node_at_path(path[:2])
    if isinstance(binding, JsonObject):
        direction = binding.get_string("direction")
    if "$return" not in used and direction in (None, "out"):
        proposals.append(
            _string_proposal(request, "$return", "keyword", "the function's return value", "1")
        )
    return proposals


def _entry_parameters(request: CompletionRequest, fn: FunctionInfo) -> tuple[Parameter, ...]:
    """The parameters the worker sees on the entry point, from the function view when the
    script parses (a class shows `__init__` without `self`; a def the view cannot see through
    shows none). Only when it does not parse, the def named by `entryPoint` as `ast` read it."""
    app = request.workspace.app_for(request.path)
    if app is not None:
        # on a snapshot: the published app model and the cached parse, no build and no lock
        analysis = function_view(request.workspace, app, fn)
        if analysis.script is not None:
            return analysis.entry.parameters if analysis.entry is not None else ()
    if not fn.script_path:
        return ()
    view = request.workspace.script(fn.script_path)
    entry = view.callable(fn.entry_point) if view else None
    if entry is not None and entry.wrapped and view is not None:
        entry = view.callable(entry.wrapped) or entry
    return entry.parameters if entry is not None else ()


def setting_names(request: CompletionRequest) -> list[Proposal] | None:
    """Properties that name an app setting: the names local.settings.json defines."""
    if request.kind != "function.json" or request.cursor.kind != "value":
        return None
    nodes = request.nodes
    if not any(n.schema.get("x-appSetting") == "name" for n in nodes):
        return None
    root = request.workspace.app_root_for(request.path)
    if root is None:
        return []
    settings = read_local_settings(request.workspace, root)
    return [
        _string_proposal(request, name, "variable", "app setting in local.settings.json")
        for name in settings.names()
    ]
