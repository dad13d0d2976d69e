"""The resolved entry point of a function: what the name the host loads is bound to in the
script, and the parameters the worker will see (validation-rules W-04, W-32).

Resolved from the script's `ast` view alone (`pyentry`): a def, a name bound to one, a local
decorator's result, a lambda, a class or an instance with `__call__`, or a Durable Functions
wrapper. Nothing is imported or executed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Any

from funcls.core.problems import Span
from funcls.core.pyentry import (
    Annotation,
    Callable_,
    Parameter,
    ScriptView,
    annotation_of,
    callable_of,
    parameters_of,
)

DURABLE_WRAPPERS = {"Orchestrator.create": "OrchestrationContext", "Entity.create": "EntityContext"}
_LITERALS = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.JoinedStr)


@dataclass(frozen=True)
class Entry:
    """What the entry point name is bound to, and the parameters the worker will see.

    `kind` is `function` (anything whose signature and annotations are known statically: a
    def, a name bound to one, a local decorator's result, a lambda, a class, an instance with
    `__call__`), `durable` (`X.Orchestrator.create(f)` / `X.Entity.create(f)`: one parameter
    `context`), `opaque` (callable, signature unknown), `uninspectable` (an instance whose class
    declares no annotations: `typing.get_type_hints` refuses it), `missing` or `not_callable`.

    `source` says where the worker's view comes from: `def`, `inner` (the function a local
    decorator returns), `lambda`, `class` (`inspect.signature` gives `__init__` without `self`;
    `typing.get_type_hints` gives the class-level annotations) or `instance` (`__call__` without
    `self`; the class-level annotations, strings evaluated with no globals). `parameters` carry
    the annotations the worker reads; `other_annotations` are evaluated too but bind nothing.
    """

    name: str
    kind: str
    declared: Callable_ | None
    function: Callable_ | None
    parameters: tuple[Parameter, ...] = ()
    wrapper: str | None = None
    context_class: str | None = None
    source: str = "def"
    other_annotations: tuple[Annotation, ...] = ()

    @property
    def name_span(self) -> Span | None:
        """Where the entry point is defined (the def's name or the assignment target)."""
        return self.declared.span if self.declared else None


# azure-functions-runtime-v1 1.2.0 (PyPI), azure_functions_runtime_v1/functions.py:
# Registry.add_function reads `inspect.signature(func)` and `typing.get_type_hints(func)` of
# whatever callable loader.load_function found, so a class shows `__init__` without `self` and
# its class-level annotations, and an instance `__call__` without `self` and the annotations of
# its class (get_type_hints raises TypeError for an instance whose class declares none).
def entry_of(view: ScriptView, name: str, app_decorated: bool = False) -> Entry:
    """Resolve the entry point `name` of a parsed script. `app_decorated`: a v2 function, whose
    decorators are the app's own (the v2 model leaves out defs with any other decorator): the
    worker reads the def's own signature (`FunctionBuilder` keeps the user function)."""
    declared = view.callable(name)
    if declared is None:
        if _has_dynamic_names(view):
            return Entry(name, "opaque", None, None)
        return Entry(name, "missing", None, None)
    current = declared
    for _ in range(8):
        if current.kind == "function":
            if app_decorated:
                return Entry(name, "function", declared, current, current.parameters)
            return _function_entry(view, name, declared, current)
        if current.kind == "class":
            return _class_entry(view, name, declared, current, instance=False)
        if current.kind == "assignment":
            wrapper = current.wrapper or ""
            for suffix, context_class in DURABLE_WRAPPERS.items():
                if wrapper == suffix or wrapper.endswith("." + suffix):
                    param = Parameter("context", declared.span, "positional", None, False)
                    return Entry(name, "durable", declared, None, (param,), wrapper, context_class)
            value = getattr(current.node, "value", None)
            if isinstance(value, _LITERALS):
                return Entry(name, "not_callable", declared, None)
            if isinstance(value, ast.Lambda) and len(_assigned_names(current.node)) == 1:
                params = parameters_of(value.args, view)
                return Entry(name, "function", declared, None, params, source="lambda")
            instance_of = _instantiated_class(view, value)
            if instance_of is not None:
                return _class_entry(view, name, declared, instance_of, instance=True)
            if isinstance(value, ast.Name) and current.wrapped:
                target = view.callable(current.wrapped)
                if target is None or target is current:
                    return Entry(name, "opaque", declared, None)
                current = target
                continue
        return Entry(name, "opaque", declared, None)
    return Entry(name, "opaque", declared, None)


def _assigned_names(node: ast.AST) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return [t.id for t in targets if isinstance(t, ast.Name)]


def _function_entry(view: ScriptView, name: str, declared: Callable_, fn: Callable_) -> Entry:
    """A def, plain or decorated by a decorator of the same script whose result is known."""
    node = fn.node
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    if not node.decorator_list:
        return Entry(name, "function", declared, fn, fn.parameters)
    inner = _decorated_result(view, node)
    if inner is None:
        return Entry(name, "opaque", declared, None)
    if inner == "wraps":  # functools.wraps: signature and annotations of the decorated def
        return Entry(name, "function", declared, fn, fn.parameters)
    return Entry(
        name,
        "function",
        declared,
        inner,
        inner.parameters,
        source="inner",
        other_annotations=import_time_annotations(view, fn),
    )


def import_time_annotations(view: ScriptView, fn: Callable_ | None) -> tuple[Annotation, ...]:
    """The annotations of a def that Python evaluates when the module is imported (all but
    strings, and none under `from __future__ import annotations`)."""
    if fn is None or future_annotations(view):
        return ()
    found = [p.annotation for p in fn.parameters if p.annotation is not None]
    if fn.returns is not None:
        found.append(fn.returns)
    return tuple(
        a for a in found if not (isinstance(a.node, ast.Constant) and isinstance(a.node.value, str))
    )


def _decorated_result(view: ScriptView, node: ast.FunctionDef | ast.AsyncFunctionDef) -> Any:
    """What one local decorator returns: `wraps` when its inner function is decorated with
    functools.wraps(f), the inner def's Callable_ when not decorated, None when unknown."""
    if len(node.decorator_list) != 1 or not isinstance(node.decorator_list[0], ast.Name):
        return None
    decorator = view.callable(node.decorator_list[0].id)
    if decorator is None or decorator.kind != "function":
        return None
    deco = decorator.node
    assert isinstance(deco, (ast.FunctionDef, ast.AsyncFunctionDef))
    positional = [*deco.args.posonlyargs, *deco.args.args]
    if deco.decorator_list or isinstance(deco, ast.AsyncFunctionDef) or len(positional) != 1:
        return None
    last = deco.body[-1]
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Name):
        return None
    inners = [
        s
        for s in deco.body
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == last.value.id
    ]
    other_bindings = [
        t
        for s in deco.body
        if isinstance(s, ast.Assign | ast.AnnAssign)
        for t in _assigned_names(s)
    ]
    if len(inners) != 1 or last.value.id in other_bindings:
        return None
    inner = inners[0]
    if not inner.decorator_list:
        return callable_of(inner, view)
    if len(inner.decorator_list) == 1:
        wraps = inner.decorator_list[0]
        if (
            isinstance(wraps, ast.Call)
            and _dotted_name(wraps.func) in ("functools.wraps", "wraps")
            and len(wraps.args) == 1
            and isinstance(wraps.args[0], ast.Name)
            and wraps.args[0].id == positional[0].arg
            and not wraps.keywords
        ):
            return "wraps"
    return None


def _dotted_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted_name(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _instantiated_class(view: ScriptView, value: Any) -> Callable_ | None:
    """The class of the script that `value` (a call without arguments) instantiates."""
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Name):
        return None
    if value.args or value.keywords:
        return None
    target = view.callable(value.func.id)
    return target if target is not None and target.kind == "class" else None


def _class_entry(
    view: ScriptView, name: str, declared: Callable_, cls: Callable_, instance: bool
) -> Entry:
    """A class (the worker calls it: `__init__` without `self`) or an instance of one (its
    `__call__` without `self`), with the class-level annotations `get_type_hints` returns."""
    node = cls.node
    assert isinstance(node, ast.ClassDef)
    if node.bases or node.keywords or node.decorator_list:
        return Entry(name, "opaque", declared, None)  # inherited members: not followed
    method_name = "__call__" if instance else "__init__"
    method: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    annotations: dict[str, Annotation] = {}
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if stmt.name == method_name:
                method = stmt
            elif stmt.name in ("__new__", "__signature__", "__getattr__"):
                return Entry(name, "opaque", declared, None)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            annotations[stmt.target.id] = annotation_of(stmt.annotation, view)
        elif not isinstance(stmt, (ast.Expr, ast.Pass, ast.Assign)):
            return Entry(name, "opaque", declared, None)  # conditional members: not followed
        elif isinstance(stmt, ast.Assign) and {"__annotations__", method_name} & set(
            _assigned_names(stmt)
        ):
            return Entry(name, "opaque", declared, None)
    function = callable_of(method, view) if method is not None else None
    if method is not None and method.decorator_list:
        return Entry(name, "opaque", declared, None)
    if instance and function is None:
        return Entry(name, "not_callable", declared, None)
    params: tuple[Parameter, ...] = ()
    if function is not None:
        params = function.parameters
        if not params or params[0].kind != "positional":
            return Entry(name, "opaque", declared, None)
        params = params[1:]
    source = "instance" if instance else "class"
    evaluated = import_time_annotations(view, function)
    if instance and not annotations:
        return Entry(
            name,
            "uninspectable",
            declared,
            function,
            params,
            source=source,
            other_annotations=evaluated,
        )
    seen = tuple(replace(p, annotation=annotations.get(p.name)) for p in params)
    names = {p.name for p in params}
    others = evaluated + tuple(a for n, a in annotations.items() if n not in names)
    return Entry(
        name, "function", declared, function, seen, source=source, other_annotations=others
    )


def _has_dynamic_names(view: ScriptView) -> bool:
    if view.tree is None:
        return True
    for stmt in view.tree.body:
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            return True
    if "__getattr__" in view.callables:
        return True
    for node in ast.walk(view.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("globals", "exec", "setattr"):
                return True
    return False


def future_annotations(view: ScriptView) -> bool:
    """True when the script has `from __future__ import annotations` (all annotations strings)."""
    return view.tree is not None and any(
        isinstance(stmt, ast.ImportFrom)
        and stmt.module == "__future__"
        and any(a.name == "annotations" for a in stmt.names)
        for stmt in view.tree.body
    )
