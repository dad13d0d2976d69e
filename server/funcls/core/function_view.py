"""One immutable view per function: its declared bindings, its entry script, the resolved entry
point and the binding <-> parameter pairs, as the Python worker pairs them at load time
(validation-rules W-12, W-13, W-14, W-32).

The view is built from the function as the app model holds it (`FunctionInfo`), so a classic
folder (function.json + script) and a v2 decorated def get the same view. Building it reads the
script's parsed view from the workspace and reports nothing: the checks (`checks/`) and the
features (hover, navigation, rename, completion) read the same view. Pairing is a pure function
of the bindings and the entry point (`pair_names`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from funcls.core.app_model import AppModel, Binding, FunctionInfo
from funcls.core.entry_point import Entry, entry_of
from funcls.core.jsontree import JsonArray
from funcls.core.pyentry import Parameter, ScriptView
from funcls.core.workspace import Workspace

# Why an entry script cannot be read as Python: the checks report each (FUNC201, FUNC204; the
# others with the discovery and function.json checks).
LOADS = "loads"
OUTSIDE_APP = "outside_app"
NOT_PYTHON = "not_python"
UNREADABLE = "unreadable"
SYNTAX_ERROR = "syntax_error"

# A binding name the host accepts (H-13, hosts from 4.1038): letters, digits and single underscores.
HOST_NAME = re.compile(r"^(?!.*__)[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Pair:
    """A binding and the parameter the worker binds it to."""

    binding: Binding
    parameter: Parameter


@dataclass(frozen=True)
class Pairing:
    """Bindings and parameters matched by name, as the worker matches them.

    `context_parameter` is a parameter named `context` that no binding claims: the worker passes
    the invocation context there (W-12). For a Durable Functions wrapper (one parameter,
    `context`), the trigger pairs with it when it is named `context`; every other binding is
    unbound (W-32)."""

    pairs: tuple[Pair, ...] = ()
    unbound_parameters: tuple[Parameter, ...] = ()
    unbound_bindings: tuple[Binding, ...] = ()
    context_parameter: Parameter | None = None


def named_bindings(fn: FunctionInfo) -> dict[str, Binding]:
    """The bindings the worker passes as arguments, by name (not `$return`, not `$...`)."""
    bound: dict[str, Binding] = {}
    for binding in fn.bindings:
        name = binding.name
        if not name or name.startswith("$"):
            continue
        bound[name] = binding
    return bound


def pair_names(fn: FunctionInfo, entry: Entry) -> Pairing:
    """Pair the bindings of `fn` with the parameters of its resolved entry point by name."""
    params = {p.name: p for p in entry.parameters}
    bound = named_bindings(fn)
    context = params.get("context")
    context_parameter = None
    if context is not None and "context" not in bound:
        context_parameter = params.pop("context")
    if entry.kind == "durable":
        trigger = fn.trigger
        pairs: tuple[Pair, ...] = ()
        if trigger is not None and trigger.name == "context":
            pairs = (Pair(trigger, entry.parameters[0]),)
        others = tuple(b for b in bound.values() if b is not trigger)
        return Pairing(pairs, (), others, context_parameter)
    pairs_found: list[Pair] = []
    unbound: list[Parameter] = []
    for name, param in params.items():
        match = bound.get(name)
        if match is not None:
            pairs_found.append(Pair(match, param))
        else:
            unbound.append(param)
    lone = tuple(b for name, b in bound.items() if name not in params)
    return Pairing(tuple(pairs_found), tuple(unbound), lone, context_parameter)


@dataclass(frozen=True, eq=False)
class FunctionView:
    """One function as the worker sees it: its bindings (`fn`), its entry script (`script`, None
    when it does not load as Python: `script_state` says why), the resolved entry point
    (`entry`, None without a loadable script) and the pairing of bindings with parameters
    (empty unless `paired`: the entry point's signature is known and the bindings array
    parses without errors)."""

    fn: FunctionInfo
    app: AppModel
    script_state: str | None = None
    script: ScriptView | None = None
    entry: Entry | None = None
    paired: bool = False
    pairing: Pairing = Pairing()

    @property
    def pairs(self) -> tuple[Pair, ...]:
        """The bound bindings, each with its parameter."""
        return self.pairing.pairs

    @property
    def unbound_parameters(self) -> tuple[Parameter, ...]:
        """Parameters no binding claims (the `context` parameter apart)."""
        return self.pairing.unbound_parameters

    @property
    def unbound_bindings(self) -> tuple[Binding, ...]:
        """Bindings passed as arguments that no parameter receives."""
        return self.pairing.unbound_bindings

    @property
    def context_parameter(self) -> Parameter | None:
        """The `context` parameter that receives the invocation context, if any."""
        return self.pairing.context_parameter

    def pair_for_binding(self, binding: Binding) -> Pair | None:
        """The pair of a binding."""
        return next((p for p in self.pairs if p.binding is binding), None)


def script_state(workspace: Workspace, app: AppModel, fn: FunctionInfo) -> str | None:
    """Whether the entry script of `fn` loads as Python (`LOADS`) or why not; None when the
    function has no function.json document or no script."""
    script = fn.script_path
    if fn.document is None or script is None:
        return None
    if not script.startswith(app.root + os.sep):
        return OUTSIDE_APP
    if os.path.splitext(script)[1] != ".py":
        return NOT_PYTHON
    source = workspace.read(script)
    if source is None or source.text is None:
        return UNREADABLE
    view = workspace.script(script)
    if view is not None and view.syntax_error is not None:
        return SYNTAX_ERROR
    if view is None or view.tree is None:
        return UNREADABLE
    return LOADS


def bindings_parse(fn: FunctionInfo) -> bool:
    """True when function.json parses without errors and has a `bindings` array: names are not
    compared in a half-typed file (a parameter whose binding is being written is not lost)."""
    document = fn.document
    if document is None or document.errors:
        return False
    root = fn.root_object
    prop = root.get("bindings") if root is not None else None
    return prop is not None and isinstance(prop.value, JsonArray)


def function_view(workspace: Workspace, app: AppModel, fn: FunctionInfo) -> FunctionView:
    """The view of one function: read its script, resolve its entry point, pair the names."""
    state = script_state(workspace, app, fn)
    if state != LOADS:
        return FunctionView(fn, app, state)
    assert fn.script_path is not None
    script = workspace.script(fn.script_path)
    assert script is not None
    entry = entry_of(script, fn.entry_point, app_decorated=fn.is_v2)
    if entry.kind in ("missing", "not_callable", "opaque") or not bindings_parse(fn):
        return FunctionView(fn, app, state, script, entry)
    return FunctionView(fn, app, state, script, entry, True, pair_names(fn, entry))


def views_for_script(workspace: Workspace, app: AppModel, path: str) -> list[FunctionView]:
    """The views of every function whose entry script is `path`."""
    return [function_view(workspace, app, fn) for fn in app.functions_using_script(path)]


def binding_at(fn: FunctionInfo, offset: int) -> tuple[Binding, str] | None:
    """The binding whose property value or key is at `offset`, with the key's name."""
    for binding in fn.bindings:
        node = binding.node
        if not (node.start <= offset <= node.end):
            continue
        for prop in node.properties:
            if prop.key.start <= offset <= prop.key.end:
                return binding, prop.key.value
            if prop.value is not None and prop.value.start <= offset <= prop.value.end:
                return binding, prop.key.value
        return binding, ""
    return None
