"""The Python worker's load-time rules for one function, applied statically, all at once.

The worker stops at the first failure (validation-rules section 4); funcls reports every problem
it can see, in the worker's order: the entry script (W-01 to W-03), the entry point (W-04), the
bindings (W-10), the `context` parameter (W-12), names in both directions (W-13, W-14), each
parameter's annotation (W-15 to W-19 and the facts W-30 to W-37), then the return annotation
(W-20 to W-22). Names come from `ast` alone; annotations are resolved by `annotations` and judged
by the library's converters (`converters`).
"""

from __future__ import annotations

import ast
import collections.abc
import difflib
import keyword
import logging
import os
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from funcls.core import schemas
from funcls.core.app_model import AppModel, Binding, FunctionInfo
from funcls.core.checks import json_edits
from funcls.core.problems import Code, Fix, Location, Problem, Related, Span, TextEdit, make_problem
from funcls.core.pyentry import (
    Annotation,
    Callable_,
    Parameter,
    ScriptView,
    annotation_of,
    callable_of,
    node_span,
    parameters_of,
)
from funcls.core.python import codes, converters, edits
from funcls.core.python.annotations import (
    ERROR,
    AnnotationResolver,
    Resolved,
    placeholder_origin,
    value_from_jedi_names,
)
from funcls.core.python.binding_choices import binding_choices
from funcls.core.python.environment import environment, jedi_project
from funcls.core.python.scopes import local_uses
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

log = logging.getLogger(__name__)

DURABLE_WRAPPERS = {"Orchestrator.create": "OrchestrationContext", "Entity.create": "EntityContext"}
CARDINALITY_TYPES = ("eventHubTrigger", "serviceBusTrigger", "kafkaTrigger")
HTTP_V2_EXTENSIONS = "azurefunctions.extensions.http"
SERVICE_BUS_EXTENSION = "azurefunctions.extensions.bindings.servicebus"
HOST_NAME = re.compile(r"^(?!.*__)[A-Za-z_][A-Za-z0-9_]*$")
_LITERALS = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.JoinedStr)


# -- the entry point ---------------------------------------------------------------------------
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
    if fn is None or _future_annotations(view):
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


# -- annotation resolution per script (cached by text) -------------------------------------------
def resolver_for(
    workspace: Workspace, app_root: str, script_path: str, settings: Settings
) -> AnnotationResolver | None:
    """The annotation resolver of a script, cached until its text changes."""
    source = workspace.read(script_path)
    view = workspace.script(script_path)
    if source is None or view is None:
        return None
    kind = f"funcls.annotations|{settings.python_path or ''}"

    def build(_source: object) -> AnnotationResolver:
        """A resolver for the current text of the script."""
        return AnnotationResolver(
            view,
            jedi_lookup=_jedi_lookup(view, script_path, app_root, settings),
            is_app_module=lambda module, level: (
                level > 0 or _is_app_module(workspace, app_root, module)
            ),
        )

    return workspace.derived(kind, source, build)


def _is_app_module(workspace: Workspace, app_root: str, module: str) -> bool:
    top = module.split(".")[0]
    if not top:
        return False
    base = os.path.join(app_root, top)
    return os.path.isdir(base) or workspace.sources.exists(base + ".py")


def _jedi_lookup(
    view: ScriptView, script_path: str, app_root: str, settings: Settings
) -> Callable[[ast.Name], Any]:
    state: dict[str, Any] = {}

    def lookup(node: ast.Name) -> Any:
        """What jedi says `node` refers to, as a library object, or None."""
        try:
            script = state.get("script")
            if script is None:
                import jedi

                env = environment(settings.python_path, app_root).jedi_environment()
                if env is None:
                    return None
                script = jedi.Script(
                    code=view.text,
                    path=script_path,
                    project=jedi_project(app_root),
                    environment=env,
                )
                state["script"] = script
            line, column = view.index.position(node_span(node, view.index).start)
            value = value_from_jedi_names(
                script.goto(line + 1, column, follow_imports=True), app_root
            )
            if value is None:
                value = value_from_jedi_names(script.infer(line + 1, column), app_root)
            return value
        except Exception:
            log.debug("jedi could not resolve %s in %s", node.id, script_path, exc_info=True)
            return None

    return lookup


# -- the analysis --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pair:
    """A binding and the parameter the worker binds it to."""

    binding: Binding
    parameter: Parameter


@dataclass
class FunctionAnalysis:
    """One function's bindings next to its entry point, and every problem found."""

    fn: FunctionInfo
    app: AppModel
    view: ScriptView | None
    entry: Entry | None
    pairs: list[Pair] = field(default_factory=list)
    unbound_parameters: list[Parameter] = field(default_factory=list)
    unbound_bindings: list[Binding] = field(default_factory=list)
    context_parameter: Parameter | None = None
    problems: list[Problem] = field(default_factory=list)

    def pair_for_binding(self, binding: Binding) -> Pair | None:
        """The pair of a binding."""
        return next((p for p in self.pairs if p.binding is binding), None)


def _direction_out(binding: Binding) -> bool:
    return (binding.direction or "").lower() == "out"


def _binding_label(binding: Binding) -> str:
    parts = [binding.type or "?"]
    if binding.direction:
        parts.append(binding.direction)
    return ", ".join(parts)


def checkable_type(binding_type: str | None) -> bool:
    """True when the exact type string is one the worker knows (a converter key) or a binding
    type of the schema; miscased or unknown types are reported by the function.json checks."""
    if not binding_type:
        return False
    if binding_type in converters.known_types():
        return True
    return binding_type in schemas.binding_definitions()


# azure_functions_runtime_v1/bindings/meta.py (1.2.0): get_binding() looks the exact type string
# up in the library's registry and falls back to GenericBinding.
def other_casing(binding_type: str | None) -> str | None:
    """The known type that `binding_type` spells with other casing (`HttpTrigger` for
    `httpTrigger`), or None. The host accepts it; the worker finds no converter under that
    spelling and uses its generic binding."""
    if not binding_type or checkable_type(binding_type):
        return None
    lowered = binding_type.lower()
    for known in (*converters.known_types(), *schemas.binding_definitions()):
        if known.lower() == lowered:
            return known
    return None


def worker_judged(binding_type: str | None) -> bool:
    """True when the worker's verdict on an annotation for this type is known: a converter
    type or a schema type, in any casing (another casing gets the generic binding)."""
    return checkable_type(binding_type) or other_casing(binding_type) is not None


class _Checker:
    def __init__(
        self,
        workspace: Workspace,
        app: AppModel,
        fn: FunctionInfo,
        settings: Settings,
        names_only: bool = False,
    ) -> None:
        self.names_only = names_only
        self.workspace = workspace
        self.app = app
        self.fn = fn
        self.settings = settings
        self.result = FunctionAnalysis(fn, app, None, None)
        self.problems = self.result.problems
        self.script = fn.script_path
        self.json_doc = fn.document
        self.resolver: AnnotationResolver | None = None
        self.speller: edits.Speller | None = None
        self._target: tuple[int, int] | None = None

    # -- helpers -------------------------------------------------------------------------------
    def add(
        self,
        code: Code,
        message: str,
        path: str,
        span: Span,
        related: tuple[Related, ...] = (),
        fixes: tuple[Fix, ...] = (),
        severity: Any = None,
    ) -> None:
        """Record a problem (with another severity than the code's when given)."""
        problem = make_problem(code, message, path, span, related=related, fixes=fixes)
        if severity is not None:
            problem = replace(problem, severity=severity)
        self.problems.append(problem)

    def add_both(
        self,
        code: Code,
        message: str,
        *,
        script: tuple[Span, str],
        json: tuple[Span, str],
        fixes: tuple[Fix, ...] = (),
    ) -> None:
        """Record a mismatch between the two files once in each: on the script's span and on
        function.json's, each pointing at the other with the other side's label."""
        assert self.script is not None
        (script_span, script_label), (json_span, json_label) = script, json
        to_json = Related(Location(self.fn.json_path, json_span), json_label)
        to_script = Related(Location(self.script, script_span), script_label)
        self.add(code, message, self.script, script_span, related=(to_json,), fixes=fixes)
        self.add(code, message, self.fn.json_path, json_span, related=(to_script,), fixes=fixes)

    def json_related(self, binding: Binding, key: str, message: str) -> Related:
        """Related information pointing at `key` of a binding in function.json."""
        return Related(Location(self.fn.json_path, binding.anchor(key)), message)

    def script_related(self, span: Span, message: str) -> Related:
        """Related information pointing at a span of the entry script."""
        assert self.script is not None
        return Related(Location(self.script, span), message)

    def json_anchor_for_script(self) -> Span:
        """Where function.json talks about the script: scriptFile, entryPoint or bindings."""
        for key in ("scriptFile", "entryPoint"):
            prop = self.fn.top_level(key)
            if prop is not None and prop.value is not None:
                return Span(prop.value.start, prop.value.end)
        prop = self.fn.top_level("bindings")
        if prop is not None:
            return Span(prop.key.start, prop.key.end)
        return Span(0, 0)

    def target_version(self) -> tuple[int, int]:
        """The Python version of the analysed environment."""
        if self._target is None:
            try:
                self._target = environment(self.settings.python_path, self.app.root).version
            except Exception:
                self._target = (3, 11)
        return self._target

    def new_speller(self) -> edits.Speller:
        """A speller for annotations and imports of the entry script."""
        assert self.result.view is not None and self.script is not None
        return edits.Speller(self.result.view, self.script)

    def in_fn(self) -> str:
        """How messages name the function."""
        return f"function '{self.fn.name}'"

    def declared_in(self) -> str:
        """Where fix titles say the bindings are written."""
        return "the decorators" if self.fn.is_v2 else "function.json"

    def http_v2(self) -> bool:
        """True for a v2 app that imports an HTTP streaming extension: the v2 worker then judges
        HTTP annotations with the extension's own types (azure-functions-runtime 1.3.0,
        bindings/meta.py `_check_http_input_type_annotation`; http_v2.py `HttpV2Registry`)."""
        return self.imports_extension(HTTP_V2_EXTENSIONS)

    def imports_extension(self, package: str) -> bool:
        """True for a v2 function whose app imports a module of the extension `package`."""
        v2 = self.app.v2
        if not self.fn.is_v2 or v2 is None:
            return False
        return any(
            imported.module.startswith(package)
            for reading in v2.readings.values()
            for imported in reading.imports.values()
        )

    # -- the steps -----------------------------------------------------------------------------
    def run(self) -> FunctionAnalysis:
        """Apply every rule, in the worker's order."""
        if self.json_doc is None or self.script is None:
            return self.result
        if not self.script_loads():
            return self.result
        view = self.workspace.script(self.script)
        if view is None or view.tree is None:
            return self.result
        self.result.view = view
        entry = entry_of(view, self.fn.entry_point, app_decorated=self.fn.is_v2)
        self.result.entry = entry
        if entry.kind in ("missing", "not_callable"):
            self.entry_problem(entry, view)
            return self.result
        self.folder_name(entry)
        if entry.kind == "opaque":
            return self.result
        if self.json_doc.errors or json_edits.bindings_array(self.json_doc) is None:
            # a half-typed function.json: its own syntax errors come first; comparing names
            # now would flag parameters whose binding is being written
            return self.result
        if self.names_only:
            self.match_names(entry)
            self.problems.clear()
            return self.result
        if converters.library() is not None:
            self.resolver = resolver_for(self.workspace, self.app.root, self.script, self.settings)
        if entry.kind == "uninspectable":
            self.uninspectable(entry)
            for annotation in entry.other_annotations:
                self.check_evaluates(annotation, entry)
            return self.result
        self.match_names(entry)
        for pair in self.result.pairs:
            self.check_pair(pair, entry)
        for annotation in entry.other_annotations:
            self.check_evaluates(annotation, entry)
        if entry.function is not None and entry.source in ("def", "inner"):
            self.check_return(entry.function, dropped=entry.source == "def")
        return self.result

    def uninspectable(self, entry: Entry) -> None:
        """An instance whose class declares no annotations: `typing.get_type_hints` raises."""
        assert self.script is not None and entry.name_span is not None
        self.add(
            codes.ANNOTATION_ERROR,
            f"The entry point '{entry.name}' of {self.in_fn()} is an instance: the worker reads "
            "its annotations with typing.get_type_hints(), which fails (TypeError: ... is not a "
            "module, class, method, or function) unless its class declares class-level "
            "annotations. Use a function as the entry point.",
            self.script,
            entry.name_span,
        )

    def unevaluable_name(self, annotation: Annotation, entry: Entry) -> str | None:
        """For an instance entry point, the first name a string annotation uses that the
        worker cannot find: `get_type_hints` evaluates it with no globals (builtins only)."""
        if entry.source != "instance" or self.result.view is None:
            return None
        node: ast.expr = annotation.node
        if not _future_annotations(self.result.view):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                node = ast.parse(node.value.strip(), mode="eval").body
            except SyntaxError:
                return None  # the resolver reports it
        import builtins

        for inner in ast.walk(node):
            if isinstance(inner, ast.Name) and not hasattr(builtins, inner.id):
                return inner.id
        return None

    def name_error(self, annotation: Annotation, name: str, label: str) -> None:
        """W-37 for an annotation evaluated where `name` does not exist."""
        assert self.script is not None
        self.add(
            codes.ANNOTATION_ERROR,
            f"The annotation of {label} cannot be evaluated (NameError: name '{name}' is not "
            f"defined): the worker evaluates the string annotations of an instance without the "
            f"module's globals, and fails to load {self.in_fn()}.",
            self.script,
            annotation.span,
        )

    def check_evaluates(self, annotation: Annotation, entry: Entry) -> None:
        """W-37 for an annotation that binds no parameter but that the worker evaluates."""
        if self.resolver is None:
            return
        missing = self.unevaluable_name(annotation, entry)
        if missing is not None:
            self.name_error(annotation, missing, f"'{annotation.text}'")
            return
        resolved = self.resolver.resolve(annotation.node, annotation.span)
        if resolved.state == ERROR:
            assert self.script is not None
            self.add(
                codes.ANNOTATION_ERROR,
                f"The annotation '{annotation.text}' cannot be evaluated ({resolved.message}): "
                f"the worker evaluates every annotation of the entry point and fails to load "
                f"{self.in_fn()}.",
                self.script,
                annotation.span,
            )

    def script_loads(self) -> bool:
        """W-01, W-02, existence and syntax of the entry script."""
        fn = self.fn
        script = self.script
        assert script is not None
        anchor = self.json_anchor_for_script()
        root = self.app.root
        if not (script.startswith(root + os.sep)):
            self.add(
                codes.SCRIPT_OUTSIDE_APP,
                f"scriptFile '{fn.script_declared}' is outside the app root: the worker refuses "
                f"to load {self.in_fn()} (script path is not relative to the app directory).",
                fn.json_path,
                anchor,
            )
            return False
        if os.path.splitext(script)[1] != ".py":
            return False  # W-02: reported with the discovery checks (FUNC105)
        source = self.workspace.read(script)
        if source is None:
            return False  # H-20/H-21: reported with the function.json checks (FUNC123/FUNC124)
        if source.text is None:
            return False
        view = self.workspace.script(script)
        if view is not None and view.syntax_error is not None:
            line = view.index.position(view.syntax_error.span.start)[0] + 1
            self.add(
                codes.PY_SYNTAX,
                f"The entry script {os.path.relpath(script, root)} has a syntax error at line "
                f"{line} ({view.syntax_error.message}): {self.in_fn()} cannot load.",
                fn.json_path,
                anchor,
                related=(
                    Related(Location(script, view.syntax_error.span), view.syntax_error.message),
                ),
            )
            return False
        return True

    def entry_problem(self, entry: Entry, view: ScriptView) -> None:
        """W-04: the entry point is missing or not callable (both files)."""
        assert self.script is not None
        rel = os.path.relpath(self.script, self.app.root)
        prop = self.fn.top_level("entryPoint")
        anchor = (
            Span(prop.value.start, prop.value.end)
            if prop is not None and prop.value is not None
            else self.json_anchor_for_script()
        )
        if entry.kind == "missing":
            message = (
                f"The entry point {entry.name}() of {self.in_fn()} is not defined in {rel}: "
                f"the worker fails with: function {entry.name}() is not present in {rel}."
            )
        else:
            message = f"The entry point '{entry.name}' of {self.in_fn()} is not callable in {rel}."
        fixes: list[Fix] = []
        candidates = [
            c.name
            for c in view.callables.values()
            if c.kind == "function" and not c.name.startswith("_")
        ]
        close = difflib.get_close_matches(entry.name, candidates, n=3, cutoff=0.0)
        for name in close[:3]:
            if self.json_doc is None or self.fn.root_object is None:
                break
            edit = json_edits.set_string(
                self.json_doc, self.fn.json_path, self.fn.root_object, "entryPoint", name
            )
            fixes.append(
                Fix(f"Use {name}() as the entry point", (edit,), preferred=len(fixes) == 0)
            )
        script_span = entry.name_span or _first_line(view)
        self.add_both(
            codes.ENTRY_MISSING,
            message,
            script=(script_span, f"{rel}"),
            json=(anchor, "function.json"),
            fixes=tuple(fixes),
        )

    def folder_name(self, entry: Entry) -> None:
        """I-06: a function folder whose name is not a Python identifier."""
        name = self.fn.name
        if name.isidentifier() and not keyword.iskeyword(name):
            return
        if entry.name_span is None or self.script is None:
            return
        if os.path.dirname(self.script) != self.fn.folder:
            return
        self.add(
            codes.FOLDER_NOT_IMPORTABLE,
            f"The function folder '{name}' is not a valid Python module name: the worker loads "
            f"it, but tests cannot `from {name} import {entry.name}`.",
            self.script,
            entry.name_span,
        )

    # -- names (W-12, W-13, W-14, W-32) ----------------------------------------------------------
    def match_names(self, entry: Entry) -> None:
        """W-12, W-13, W-14 and W-32: pair bindings and parameters by name."""
        assert self.script is not None
        params = {p.name: p for p in entry.parameters}
        bound: dict[str, Binding] = {}
        for binding in self.fn.bindings:
            name = binding.name
            if not name or name == "$return":
                continue
            if name.startswith("$"):
                continue
            bound[name] = binding
        context = params.get("context")
        if context is not None and "context" not in bound:
            self.result.context_parameter = context
            params.pop("context")
            self.check_context(context, entry)
        if entry.kind == "durable":
            self.check_durable(entry, bound)
            return
        for name, param in params.items():
            match = bound.get(name)
            if match is not None:
                self.result.pairs.append(Pair(match, param))
            else:
                self.result.unbound_parameters.append(param)
        for name, binding in bound.items():
            if name not in params:
                self.result.unbound_bindings.append(binding)
        if self.names_only:
            return
        for param in self.result.unbound_parameters:
            self.param_without_binding(param, entry)
        for binding in self.result.unbound_bindings:
            self.binding_without_param(binding, entry)

    def check_context(self, param: Parameter, entry: Entry) -> None:
        """W-12: a `context` parameter that is not a binding must be annotated Context."""
        if param.annotation is None or self.resolver is None:
            return
        missing = self.unevaluable_name(param.annotation, entry)
        if missing is not None:
            self.name_error(param.annotation, missing, "'context'")
            return
        resolved = self.resolver.resolve(param.annotation.node, param.annotation.span)
        if resolved.state == ERROR:
            self.annotation_error(param, resolved)
            return
        if resolved.state != "known":
            return
        value = resolved.value
        if isinstance(value, type) and value.__name__ == "Context":
            return
        assert self.script is not None
        speller = self.new_speller()
        text = speller.library_class("Context")
        fix = Fix(
            f"Annotate 'context' as {text}",
            (TextEdit(self.script, param.annotation.span, text), *speller.import_edits()),
            preferred=True,
            safe=True,
        )
        self.add(
            codes.CONTEXT_ANNOTATION,
            f"'context' is not a binding of {self.in_fn()}, so the worker passes the invocation "
            f"context here; it must be annotated azure.functions.Context, not "
            f"'{param.annotation.text}'.",
            self.script,
            param.annotation.span,
            fixes=(fix,),
        )

    def check_durable(self, entry: Entry, bound: dict[str, Binding]) -> None:
        """W-32: `X.Orchestrator.create(f)` / `X.Entity.create(f)` take only `context`."""
        assert self.script is not None and entry.name_span is not None
        param = entry.parameters[0]
        trigger = self.fn.trigger
        others = [b for b in bound.values() if b is not trigger]
        if trigger is not None and trigger.name == "context":
            self.result.pairs.append(Pair(trigger, param))
        elif trigger is not None and trigger.name and trigger.name != "$return":
            fix = self.rename_binding_fix(trigger, "context")
            message = (
                f"{entry.name} = {entry.wrapper}(...) exposes a handler whose only parameter is "
                f"'context', so the {trigger.type} binding must be named 'context', not "
                f"'{trigger.name}'."
            )
            self.add_both(
                codes.DURABLE_CONTEXT,
                message,
                script=(entry.name_span, f"{entry.name} = {entry.wrapper}"),
                json=(trigger.anchor("name"), f"binding '{trigger.name}'"),
                fixes=(fix,) if fix else (),
            )
        for binding in others:
            self.result.unbound_bindings.append(binding)
            self.add(
                codes.BINDING_UNBOUND,
                f"Binding '{binding.name}' ({_binding_label(binding)}) has no parameter: "
                f"{entry.name} = {entry.wrapper}(...) takes only 'context'.",
                self.fn.json_path,
                binding.anchor("name"),
                related=(self.script_related(entry.name_span, f"{entry.name}"),),
            )

    def param_without_binding(self, param: Parameter, entry: Entry) -> None:
        """W-13 on the parameter, with rename, add-binding and remove fixes."""
        assert self.script is not None and self.json_doc is not None
        trigger = self.fn.trigger
        if (
            self.fn.is_v2
            and len(self.result.unbound_parameters) == 1
            and param.annotation
            and trigger is not None
            and trigger.type == "serviceBusTrigger"
            and self.imports_extension(SERVICE_BUS_EXTENSION)
        ):
            # The v2 worker accepts one annotated parameter without a binding when its type is
            # a settlement client (azure-functions-runtime 1.3.0, bindings/meta.py
            # validate_settlement_param: a type the extension's deferred binding registry
            # supports, Service Bus message actions). Without the extension nothing qualifies.
            return
        fixes: list[Fix] = []
        target = self._rename_target(
            param.name, [b.name or "" for b in self.result.unbound_bindings]
        )
        if target:
            binding = self.fn.binding_named(target)
            fixes.append(self.rename_parameter_fix(param, entry, target, preferred=True))
            if binding is not None and HOST_NAME.match(param.name):
                fix = self.rename_binding_fix(binding, param.name)
                if fix:
                    fixes.append(fix)
        added = self.add_binding_fixes(param)
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
                self.result.view,  # type: ignore[arg-type]
            )
        ):
            edit = edits.remove_parameter(self.result.view, self.script, entry.function, param)  # type: ignore[arg-type]
            fixes.append(Fix(f"Remove parameter '{param.name}'", (edit,)))
        bindings = self.fn.top_level("bindings")
        related_span = (
            Span(bindings.key.start, bindings.key.end) if bindings is not None else Span(0, 0)
        )
        label = "*" + param.name if param.kind == "varargs" else param.name
        if param.kind == "varkw":
            label = "**" + param.name
        declared = "the decorators" if self.fn.is_v2 else "function.json"
        self.add(
            codes.PARAM_UNBOUND,
            f"Parameter '{label}' of {entry.name}() has no binding named '{param.name}' in "
            f"{declared} of {self.in_fn()}: the worker refuses to load it (declared in "
            f"Python but not in {declared}).",
            self.script,
            param.span,
            related=(Related(Location(self.fn.json_path, related_span), "bindings"),),
            fixes=tuple(fixes),
        )

    def binding_without_param(self, binding: Binding, entry: Entry) -> None:
        """W-14 on the binding's name, with rename, add-parameter, $return and remove fixes."""
        assert self.script is not None and self.json_doc is not None
        name = binding.name or ""
        fixes: list[Fix] = []
        target = self._rename_target(name, [p.name for p in self.result.unbound_parameters])
        if target:
            fix = self.rename_binding_fix(binding, target)
            if fix:
                fixes.append(replace(fix, preferred=True))
            param = next(p for p in self.result.unbound_parameters if p.name == target)
            if name.isidentifier() and not keyword.iskeyword(name):
                fixes.append(self.rename_parameter_fix(param, entry, name))
        if (
            binding.type == "http"
            and _direction_out(binding)
            and self.fn.binding_named("$return") is None
        ):
            fix = self.rename_binding_fix(binding, "$return")
            if fix:
                fixes.append(Fix(f"Make '{name}' the return value ($return)", fix.edits, not fixes))
        add = self.add_parameter_fix(binding, entry)
        if add is not None:
            fixes.append(replace(add, preferred=not any(f.preferred for f in fixes)))
        if not binding.is_trigger:
            removed = json_edits.remove_binding(self.json_doc, self.fn.json_path, binding)
            if removed is not None:
                fixes.append(Fix(f"Remove binding '{name}' from {self.declared_in()}", (removed,)))
        assert entry.name_span is not None
        self.add(
            codes.BINDING_UNBOUND,
            f"Binding '{name}' ({_binding_label(binding)}) has no parameter '{name}' in "
            f"{entry.name}() of {os.path.relpath(self.script, self.app.root)}: the worker "
            "refuses to load the function (declared in "
            f"{'a decorator' if self.fn.is_v2 else 'function.json'} but not in Python).",
            self.fn.json_path,
            binding.anchor("name"),
            related=(self.script_related(entry.name_span, f"def {entry.name}"),),
            fixes=tuple(fixes),
        )

    def _rename_target(self, name: str, candidates: list[str]) -> str | None:
        candidates = [c for c in candidates if c]
        if not candidates:
            return None
        if (
            len(candidates) == 1
            and len(self.result.unbound_parameters) == 1
            and len(self.result.unbound_bindings) == 1
        ):
            return candidates[0]
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        if close:
            return close[0]
        lowered = [c for c in candidates if c.lower() == name.lower()]
        return lowered[0] if lowered else None

    # -- fixes -----------------------------------------------------------------------------------
    def rename_binding_fix(self, binding: Binding, new_name: str) -> Fix | None:
        """Rename a binding in function.json."""
        span = edits.string_content(binding, "name")
        if span is None:
            return None
        return Fix(
            f"Rename binding '{binding.name}' to '{new_name}' in {self.declared_in()}",
            (TextEdit(self.fn.json_path, span, new_name),),
        )

    def rename_parameter_fix(
        self, param: Parameter, entry: Entry, new_name: str, preferred: bool = False
    ) -> Fix:
        """Rename a parameter and its uses in the entry point."""
        assert self.script is not None and self.result.view is not None
        spans = [param.span]
        if entry.function is not None:
            spans += local_uses(entry.function.node, param.name, self.result.view)
        return Fix(
            f"Rename parameter '{param.name}' to '{new_name}'",
            tuple(TextEdit(self.script, s, new_name) for s in spans),
            preferred,
        )

    def add_parameter_fix(self, binding: Binding, entry: Entry) -> Fix | None:
        """Add a parameter for a binding, annotated as the binding expects."""
        name = binding.name or ""
        if entry.function is None or not name.isidentifier() or keyword.iskeyword(name):
            return None
        assert self.script is not None and self.result.view is not None
        speller = self.new_speller()
        text = name
        binding_type = binding.type or ""
        if checkable_type(binding_type):
            suggestion = converters.preferred(
                binding_type, _direction_out(binding), is_many(binding)
            )
            if suggestion is not None:
                text = f"{name}: {speller.suggestion(suggestion)}"
            elif binding_type == "activityTrigger":
                text = name
        edit = edits.add_parameter(self.result.view, self.script, entry.function, text)
        if edit is None:
            return None
        return Fix(f"Add parameter '{text}' to {entry.name}()", (edit, *speller.import_edits()))

    def add_binding_fixes(self, param: Parameter) -> list[Fix]:
        """Add a binding for a parameter, one fix per binding type whose converter accepts the
        annotation (one for `func.HttpRequest`, several for `Out[str]`), likely ones first."""
        if self.json_doc is None or not HOST_NAME.match(param.name):
            return []
        if param.kind in ("varargs", "varkw"):
            return []
        choices: list[dict[str, Any]] = []
        if param.annotation is not None and self.resolver is not None:
            resolved = self.resolver.resolve(param.annotation.node, param.annotation.span)
            if resolved.state == "known":
                has_trigger = self.fn.trigger is not None
                choices = binding_choices(resolved.value, param.name, has_trigger)
        fixes: list[Fix] = []
        for values in choices:
            edit = json_edits.add_binding(self.json_doc, self.fn.json_path, values)
            if edit is not None:
                title = f"Add a {values['type']} binding '{param.name}' to {self.declared_in()}"
                fixes.append(Fix(title, (edit,)))
        return fixes

    # -- annotations (W-15 ... W-19, W-31, W-33 ... W-35, W-37) ---------------------------------
    def annotation_error(self, param: Parameter, resolved: Resolved) -> None:
        """W-37: an annotation the worker cannot evaluate."""
        assert self.script is not None and param.annotation is not None
        what = {
            "name": "NameError",
            "attribute": "AttributeError",
            "import": "ImportError",
            "syntax": "SyntaxError",
        }.get(resolved.kind, "error")
        self.add(
            codes.ANNOTATION_ERROR,
            f"The annotation of '{param.name}' cannot be evaluated ({what}: {resolved.message}): "
            f"the worker fails to load {self.in_fn()}.",
            self.script,
            param.annotation.span,
        )

    def check_pair(self, pair: Pair, entry: Entry) -> None:
        """W-15 ... W-19, W-31, W-33 ... W-35 for one bound parameter."""
        binding, param = pair.binding, pair.parameter
        assert self.script is not None
        binding_type = binding.type or ""
        if binding_type == "httpTrigger" and self.http_v2():
            return
        if param.annotation is None:
            if binding_type == "durableClient":
                fix = Fix(
                    f"Annotate '{param.name}' as str",
                    (TextEdit(self.script, Span(param.span.end, param.span.end), ": str"),),
                    preferred=True,
                    safe=True,
                )
                self.add(
                    codes.CLIENT_UNANNOTATED,
                    f"The durableClient parameter '{param.name}' has no annotation: the worker "
                    "cannot decode it when the function runs; annotate it 'str' and wrap it "
                    f"with DurableOrchestrationClient({param.name}).",
                    self.script,
                    param.span,
                    related=(self.json_related(binding, "type", "durableClient binding"),),
                    fixes=(fix,),
                )
            return
        if self.resolver is None or entry.kind == "durable":
            return
        annotation = param.annotation
        missing = self.unevaluable_name(annotation, entry)
        if missing is not None:
            self.name_error(annotation, missing, f"'{param.name}'")
            return
        resolved = self.resolver.resolve(annotation.node, annotation.span)
        if resolved.state == ERROR:
            self.annotation_error(param, resolved)
            return
        if binding_type == "durableClient" and _durable_class(resolved.value):
            self.durable_client_annotation(pair, placeholder_origin(resolved.value))
            return
        if not resolved.usable:
            return
        value = resolved.value
        if param.default is not None and self.target_version() < (3, 11):
            if isinstance(param.default, ast.Constant) and param.default.value is None:
                value = typing.Optional[value]  # noqa: UP045 - what 3.10 get_type_hints returns
        if self.target_version() < (3, 11) and _builtin_generic_inside(value):
            return
        checkable = worker_judged(binding_type)
        has_placeholder = resolved.state == "partial"
        verdict = converters.judge_parameter(
            value,
            binding_type,
            _direction_out(binding),
            check_type=checkable and not has_placeholder,
        )
        if verdict.rule is None:
            if checkable_type(binding_type) and not has_placeholder:
                self.soft_checks(pair, verdict)
            return
        self.report_verdict(pair, verdict, value)

    def durable_client_annotation(self, pair: Pair, origin: str) -> None:
        """W-33: a class of azure-functions-durable on a durableClient binding. The binding's
        converter accepts only str/bytes, and none of that package's classes is one, whether
        the package is installed here or not."""
        binding, param = pair.binding, pair.parameter
        annotation = param.annotation
        assert annotation is not None and self.script is not None
        class_name = origin.rsplit(".", 1)[-1]
        fix = Fix(
            f"Annotate '{param.name}' as str",
            (TextEdit(self.script, annotation.span, "str"),),
            preferred=True,
        )
        message = (
            f"The durableClient binding '{param.name}' takes str, not '{annotation.text}': the "
            f"worker's durableClient converter accepts only str or bytes and fails to load "
            f'{self.in_fn()} (type of {param.name} binding in function.json "durableClient" '
            f'does not match its Python annotation "{class_name}"). Annotate it str and build '
            f"the client with {class_name}({param.name})."
        )
        self.add_both(
            codes.TYPE_MISMATCH,
            message,
            script=(annotation.span, f"{param.name}: {annotation.text}"),
            json=(binding.anchor("type"), "durableClient binding"),
            fixes=(fix,),
        )

    def report_verdict(self, pair: Pair, verdict: converters.ParamVerdict, value: Any) -> None:
        """Turn the worker's verdict on an annotation into problems (both files)."""
        binding, param = pair.binding, pair.parameter
        annotation = param.annotation
        assert annotation is not None and self.script is not None
        rule = verdict.rule
        label = f"binding '{param.name}' ({_binding_label(binding)})"
        if rule == "W-15":
            self.add(
                codes.OUT_ARGS,
                f"Out needs exactly one type argument: '{annotation.text}' for {label} fails to "
                f"load (binding {param.name} has invalid Out annotation).",
                self.script,
                annotation.span,
                related=(self.json_related(binding, "type", f"{label} in function.json"),),
                fixes=self.replace_fixes(pair, annotation),
            )
        elif rule == "W-16":
            self.non_type(pair, annotation, value)
        elif rule in ("W-17", "W-18"):
            self.out_direction(pair, annotation, rule == "W-17", value, label)
        else:
            self.type_mismatch(pair, annotation, verdict, label)

    def non_type(self, pair: Pair, annotation: Annotation, value: Any) -> None:
        """W-16: an annotation that is not a type (on the annotation only)."""
        param = pair.parameter
        assert self.script is not None
        fixes = self.non_type_fixes(annotation, value)
        hint = _non_type_hint(value)
        default = param.default
        if isinstance(default, ast.Constant) and default.value is None:
            if self.target_version() < (3, 11):
                hint = (
                    f"On Python {'.'.join(map(str, self.target_version()))}, a default of "
                    "None turns the annotation into Optional[...]: remove '= None'."
                )
        self.add(
            codes.NON_TYPE,
            f"The annotation '{annotation.text}' of '{param.name}' is not a type: the worker "
            f"fails with: binding {param.name} has invalid non-type annotation. " + hint,
            self.script,
            annotation.span,
            fixes=fixes,
        )

    def out_direction(
        self, pair: Pair, annotation: Annotation, is_output: bool, value: Any, label: str
    ) -> None:
        """W-17 (an output not annotated Out[...]) and W-18 (Out[...] on an input)."""
        binding, param = pair.binding, pair.parameter
        title = label[:1].upper() + label[1:]
        binding_type = binding.type or ""
        if is_output:
            wrapped = self.wrap_out_fix(pair, annotation)
            message = (
                f"{title} is an output, so its annotation must be Out[...], not "
                f"'{annotation.text}'{self.accepted_text(binding_type, True)}."
            )
            fixes = (wrapped,) if wrapped else self.replace_fixes(pair, annotation)
        else:
            message = (
                f"{title} is an input, but '{param.name}' is annotated "
                f"'{annotation.text}': "
                f"Out[...] is only for 'out' bindings{self.accepted_text(binding_type, False)}."
            )
            fixes = self.unwrap_out_fixes(pair, annotation, value)
        self.add_both(
            codes.OUT_MISSING if is_output else codes.OUT_ON_INPUT,
            message,
            script=(annotation.span, f"{param.name}: {annotation.text}"),
            json=(binding.anchor("direction"), "direction out" if is_output else "direction in"),
            fixes=fixes,
        )

    def type_mismatch(
        self,
        pair: Pair,
        annotation: Annotation,
        verdict: converters.ParamVerdict,
        label: str,
    ) -> None:
        """An annotation the binding's converter refuses (both files)."""
        binding, param = pair.binding, pair.parameter
        binding_type = binding.type or ""
        shown = converters.type_name(verdict.pytype)
        data_type = binding.string("dataType")
        if data_type is not None:
            worker = (
                f'\'{param.name}\' binding type "{binding_type}" and dataType "{data_type}" in '
                "function.json do not match the corresponding function parameter's Python type "
                f'annotation "{shown}"'
            )
        else:
            worker = (
                f'type of {param.name} binding in function.json "{binding_type}" does not match '
                f'its Python annotation "{shown}"'
            )
        note = ""
        canonical = other_casing(binding_type)
        if canonical is not None:
            note = (
                f" ('{binding_type}' is not spelled '{canonical}', so the worker finds no "
                f"converter and uses its generic binding: write '{canonical}')"
            )
        elif verdict.bind_name != converters.GENERIC and verdict.pytype in (str, bytes):
            note = f" ({binding_type} returns its value implicitly, so str is not accepted)"
        message = (
            f"The annotation '{annotation.text}' does not fit {label}"
            f"{self.accepted_text(binding_type, _direction_out(binding))}{note}. "
            f"The worker fails with: {worker}."
        )
        fixes = self.replace_fixes(pair, annotation)
        if canonical is not None:
            fixes = (self.casing_fix(binding, canonical),)
        self.add_both(
            codes.TYPE_MISMATCH,
            message,
            script=(annotation.span, f"{param.name}: {annotation.text}"),
            json=(binding.anchor("type"), f"{label} in function.json"),
            fixes=fixes,
        )

    def casing_fix(self, binding: Binding, canonical: str) -> Fix:
        """Spell the binding type as the worker's converter registry does."""
        prop = binding.prop("type")
        assert prop is not None and prop.value is not None
        span = Span(prop.value.start + 1, prop.value.end - 1)
        return Fix(
            f"Change the type to '{canonical}'",
            (TextEdit(self.fn.json_path, span, canonical),),
            preferred=True,
        )

    def accepted_text(self, binding_type: str, out: bool) -> str:
        """The annotations a binding accepts, as the script would spell them."""
        if not worker_judged(binding_type):
            return ""
        options = converters.accepted(binding_type, out)
        if not options:
            return ": this binding accepts no annotation in this direction"
        if self.result.view is None:
            return ""
        speller = edits.Speller(self.result.view, self.script or "")
        shown = [speller.suggestion(s) for s in options[:4]]
        if len(shown) == 1:
            return f": use {shown[0]}"
        return ": use " + ", ".join(shown[:-1]) + " or " + shown[-1]

    def replace_fixes(self, pair: Pair, annotation: Annotation) -> tuple[Fix, ...]:
        """Fixes that replace an annotation with one the binding accepts."""
        binding = pair.binding
        binding_type = binding.type or ""
        if not checkable_type(binding_type) or self.script is None:
            return ()
        fixes: list[Fix] = []
        first = converters.preferred(binding_type, _direction_out(binding), is_many(binding))
        options = list(converters.accepted(binding_type, _direction_out(binding)))
        if first is not None:
            options = [first] + [o for o in options if o != first]
        for suggestion in options[:2]:
            speller = self.new_speller()
            text = speller.suggestion(suggestion)
            fixes.append(
                Fix(
                    f"Change the annotation to {text}",
                    (TextEdit(self.script, annotation.span, text), *speller.import_edits()),
                    preferred=not fixes,
                )
            )
        return tuple(fixes)

    def wrap_out_fix(self, pair: Pair, annotation: Annotation) -> Fix | None:
        """W-17: wrap an output parameter's annotation in Out[...]."""
        assert self.script is not None and self.resolver is not None
        resolved = self.resolver.resolve(annotation.node, annotation.span)
        binding_type = pair.binding.type or ""
        try:
            import azure.functions as af

            out_class: Any = af.Out
            wrapped = out_class[resolved.value]
        except Exception:
            return None
        if checkable_type(binding_type) and resolved.state == "known":
            if converters.judge_parameter(wrapped, binding_type, True).rule is not None:
                return None
        speller = self.new_speller()
        text = f"{speller.library_class('Out')}[{annotation.text}]"
        return Fix(
            f"Wrap the annotation in Out: {text}",
            (TextEdit(self.script, annotation.span, text), *speller.import_edits()),
            preferred=True,
            safe=True,
        )

    def unwrap_out_fixes(self, pair: Pair, annotation: Annotation, value: Any) -> tuple[Fix, ...]:
        """W-18: drop Out[...] from an input parameter's annotation."""
        assert self.script is not None
        node = annotation.node
        if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Tuple):
            inner = node_span(node.slice, self.result.view.index)  # type: ignore[union-attr]
            text = self.result.view.text[inner.start : inner.end]  # type: ignore[union-attr]
            pytype, count = converters.unwrap_out(value)
            binding_type = pair.binding.type or ""
            if count == 1 and (
                not checkable_type(binding_type)
                or converters.judge_parameter(pytype, binding_type, False).rule is None
            ):
                return (
                    Fix(
                        f"Remove Out: {text}",
                        (TextEdit(self.script, annotation.span, text),),
                        preferred=True,
                        safe=True,
                    ),
                )
        return self.replace_fixes(pair, annotation)

    def non_type_fixes(self, annotation: Annotation, value: Any) -> tuple[Fix, ...]:
        """W-16: Optional[X] -> X, list[...] -> List[...], Out(x) -> Out[x]."""
        assert self.script is not None and self.result.view is not None
        view = self.result.view
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
                    (TextEdit(self.script, annotation.span, text),),
                    preferred=True,
                    safe=True,
                ),
            )
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            if node.value.id in ("list", "dict", "tuple", "set") and node.value.id == "list":
                speller = self.new_speller()
                name = speller.typing_list()
                span = node_span(node.value, view.index)
                return (
                    Fix(
                        f"Use {name}[...]",
                        (TextEdit(self.script, span, name), *speller.import_edits()),
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
                edit = TextEdit(self.script, annotation.span, text)
                return (Fix(f"Use {text}", (edit,), True, safe=True),)
        return ()

    def soft_checks(self, pair: Pair, verdict: converters.ParamVerdict) -> None:
        """Rules that pass the load but fail at invocation: W-34, W-35."""
        binding, param = pair.binding, pair.parameter
        annotation = param.annotation
        assert annotation is not None and self.script is not None
        binding_type = binding.type or ""
        pytype = verdict.pytype
        if binding_type == "httpTrigger" and pytype in (str, bytes):
            speller = self.new_speller()
            text = speller.library_class("HttpRequest")
            self.add(
                codes.HTTP_AS_STR,
                f"'{param.name}: {annotation.text}' loads, but the worker cannot decode an HTTP "
                f"request as {pytype.__name__}: every call fails (unexpected type of data "
                f'received for the "generic" binding). Use {text}.',
                self.script,
                annotation.span,
                related=(self.json_related(binding, "type", "httpTrigger"),),
                fixes=(
                    Fix(
                        f"Change the annotation to {text}",
                        (TextEdit(self.script, annotation.span, text), *speller.import_edits()),
                        preferred=True,
                    ),
                ),
            )
            return
        if binding_type in CARDINALITY_TYPES and not verdict.is_out:
            self.check_cardinality(pair, pytype)

    def check_cardinality(self, pair: Pair, pytype: Any) -> None:
        """W-34: `cardinality: many` needs List[...], and a List needs `many`."""
        binding, param = pair.binding, pair.parameter
        annotation = param.annotation
        assert annotation is not None and self.script is not None and self.json_doc is not None
        binding_type = binding.type or ""
        many = is_many(binding)
        is_list = _is_list_type(pytype)
        if pytype in (str, bytes) or many == is_list:
            return
        prop = binding.prop_ci("cardinality")
        json_span = (
            Span(prop.value.start, prop.value.end)
            if prop is not None and prop.value is not None
            else binding.anchor("type")
        )
        set_card = "one" if not is_list else "many"
        card_key = prop.key.value if prop is not None else "cardinality"
        card_edit = json_edits.set_string(
            self.json_doc, self.fn.json_path, binding.node, card_key, set_card
        )
        card_fix = Fix(f'Set cardinality to "{set_card}" in {self.declared_in()}', (card_edit,))
        fixes: tuple[Fix, ...]
        if many:
            speller = self.new_speller()
            text = f"{speller.typing_list()}[{annotation.text}]"
            fixes = (
                Fix(
                    f"Change the annotation to {text}",
                    (TextEdit(self.script, annotation.span, text), *speller.import_edits()),
                    preferred=True,
                ),
                card_fix,
            )
            message = (
                f"Binding '{param.name}' ({binding_type}) has cardinality \"many\": the worker "
                f"passes a list, but '{param.name}' is annotated '{annotation.text}' (fails when "
                f"the function runs: 'list' object has no attribute ...). Use {text}."
            )
        else:
            fixes = (replace(card_fix, preferred=True),)
            message = (
                f"'{param.name}' is annotated '{annotation.text}' (a list), but binding "
                f"'{param.name}' ({binding_type}) has cardinality \"one\""
                f"{'' if prop is not None else ' (the default)'}: the worker passes one item."
            )
        self.add_both(
            codes.CARDINALITY,
            message,
            script=(annotation.span, annotation.text),
            json=(json_span, "cardinality"),
            fixes=fixes,
        )

    # -- return (W-20 ... W-22, W-36) -------------------------------------------------------------
    def check_return(self, function: Callable_, dropped: bool = True) -> None:
        """W-20 ... W-22 (with a $return binding) and W-36 (a value nobody receives)."""
        assert self.script is not None
        explicit = next((b for b in self.fn.bindings if b.name == "$return"), None)
        implicit = any(
            b.type and checkable_type(b.type) and converters.has_implicit_output(b.type)
            for b in self.fn.bindings
            if b.name and b.name != "$return"
        ) or any(b.type and not checkable_type(b.type) for b in self.fn.bindings)
        returns = function.returns
        if explicit is not None and returns is not None and self.resolver is not None:
            self.check_return_annotation(explicit, returns)
        elif returns is not None and self.resolver is not None:
            # get_type_hints evaluates the return annotation even when nothing receives it
            resolved = self.resolver.resolve(returns.node, returns.span)
            if resolved.state == ERROR:
                self.add(
                    codes.ANNOTATION_ERROR,
                    f"The return annotation cannot be evaluated ({resolved.message}): the worker "
                    f"fails to load {self.in_fn()}.",
                    self.script,
                    returns.span,
                )
        if explicit is None and not implicit and function.returns_value and dropped:
            node = _first_return(function.node)
            if node is None:
                return
            span = node_span(node, self.result.view.index)  # type: ignore[union-attr]
            fixes: tuple[Fix, ...] = ()
            trigger = self.fn.trigger
            if trigger is not None and trigger.type == "httpTrigger" and self.json_doc:
                edit = json_edits.add_binding(
                    self.json_doc,
                    self.fn.json_path,
                    {"type": "http", "direction": "out", "name": "$return"},
                )
                if edit is not None:
                    title = f"Add an http $return binding to {self.declared_in()}"
                    fixes = (Fix(title, (edit,), True),)
            bindings = self.fn.top_level("bindings")
            related = (
                (
                    Related(
                        Location(self.fn.json_path, Span(bindings.key.start, bindings.key.end)),
                        "bindings",
                    ),
                )
                if bindings is not None
                else ()
            )
            self.add(
                codes.RETURN_DROPPED,
                f"{function.name}() returns a value, but {self.in_fn()} has no $return binding: "
                "the worker discards it.",
                self.script,
                span,
                related=related,
                fixes=fixes,
            )

    def check_return_annotation(self, binding: Binding, returns: Annotation) -> None:
        """W-20 ... W-22: the return annotation against the $return binding."""
        assert self.resolver is not None and self.script is not None
        resolved = self.resolver.resolve(returns.node, returns.span)
        if resolved.state == ERROR:
            self.add(
                codes.ANNOTATION_ERROR,
                f"The return annotation cannot be evaluated ({resolved.message}): the worker "
                f"fails to load {self.in_fn()}.",
                self.script,
                returns.span,
            )
            return
        binding_type = binding.type or ""
        if resolved.state != "known" or not worker_judged(binding_type):
            return
        if binding_type == "http" and self.http_v2():
            return
        value = resolved.value
        if self.target_version() < (3, 11) and _builtin_generic_inside(value):
            return
        rule = converters.judge_return(value, binding_type)
        if rule is None:
            return
        names = converters.accepted_return(binding_type)
        speller = self.new_speller()
        shown = [
            speller.library_class(n) if n not in ("str", "bytes", "bytearray") else n
            for n in names[:4]
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
            canonical = other_casing(binding_type)
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
                    (TextEdit(self.script, returns.span, text), *speller.import_edits()),
                    preferred=not fixes,
                )
            )
        related_py = self.script_related(returns.span, f"-> {returns.text}")
        self.add(
            codes.RETURN_MISMATCH,
            message,
            self.script,
            returns.span,
            related=(self.json_related(binding, "type", "$return binding"),),
            fixes=tuple(fixes),
        )
        if rule == "W-22":
            self.add(
                codes.RETURN_MISMATCH,
                message,
                self.fn.json_path,
                binding.anchor("type"),
                related=(related_py,),
                fixes=tuple(fixes),
            )


# azure-functions-durable 1.7.0 (PyPI): none of the classes azure.durable_functions exports
# (DurableOrchestrationClient, DurableOrchestrationContext, EntityId, ...) subclasses str or bytes.
_DURABLE_PACKAGE = "azure.durable_functions."


def _durable_class(value: Any) -> bool:
    """True for a placeholder standing for a class exported by azure.durable_functions."""
    origin = placeholder_origin(value)
    return origin.startswith(_DURABLE_PACKAGE) and "." not in origin[len(_DURABLE_PACKAGE) :]


def _future_annotations(view: ScriptView) -> bool:
    """True when the script has `from __future__ import annotations` (all annotations strings)."""
    return view.tree is not None and any(
        isinstance(stmt, ast.ImportFrom)
        and stmt.module == "__future__"
        and any(a.name == "annotations" for a in stmt.names)
        for stmt in view.tree.body
    )


def _first_line(view: ScriptView) -> Span:
    for line in range(view.index.line_count):
        text = view.index.line_text(line)
        if text.strip() and not text.lstrip().startswith("#"):
            start = view.index.line_start(line)
            return Span(start, start + len(text))
    return Span(0, 0)


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


def is_many(binding: Binding) -> bool:
    """True when the binding declares `cardinality: many` (any casing)."""
    prop = binding.prop_ci("cardinality")
    value = getattr(prop.value, "value", None) if prop is not None else None
    return isinstance(value, str) and value.lower() == "many"


def _is_list_type(pytype: Any) -> bool:
    origin = typing.get_origin(pytype)
    return (
        isinstance(origin, type)
        and issubclass(origin, collections.abc.Iterable)
        and origin not in (str, bytes)
    )


def _builtin_generic_inside(value: Any) -> bool:
    import types as _types

    if isinstance(value, _types.GenericAlias):
        return True
    args = getattr(value, "__args__", None)
    if isinstance(args, tuple) and not isinstance(value, type):
        return any(_builtin_generic_inside(a) for a in args)
    return False


def _non_type_hint(value: Any) -> str:
    import types as _types

    origin = typing.get_origin(value)
    if origin is typing.Union or isinstance(value, _types.UnionType):
        return "Optional/Union annotations are rejected: annotate with the type alone."
    if isinstance(value, _types.GenericAlias):
        return "Builtin generics such as list[...] are rejected on Python 3.11+: use typing.List."
    if origin is tuple:
        return "typing.Tuple is rejected: use typing.List or drop the annotation."
    return "Use a class, or drop the annotation."


def analyse(
    workspace: Workspace,
    app: AppModel,
    fn: FunctionInfo,
    settings: Settings,
    names_only: bool = False,
) -> FunctionAnalysis:
    """Bindings and entry point of one function side by side, with every problem (or, with
    `names_only`, only the pairing of names: no annotation is resolved)."""
    return _Checker(workspace, app, fn, settings, names_only).run()


def analyses_for_script(
    workspace: Workspace, app: AppModel, path: str, settings: Settings, names_only: bool = False
) -> list[FunctionAnalysis]:
    """The analyses of every function whose entry script is `path`."""
    return [
        analyse(workspace, app, fn, settings, names_only) for fn in app.functions_using_script(path)
    ]


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
