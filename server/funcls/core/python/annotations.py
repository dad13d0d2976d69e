"""Resolve the annotations of an entry point to library objects, without running user code.

The shape of an annotation comes from `ast`; what its names refer to comes from the script's own
top-level imports and assignments (the common forms: `import azure.functions as func`,
`from azure.functions import HttpRequest as R`, `import typing`, `from typing import List`,
`Alias = func.QueueMessage`). A name is evaluated only when it leads to `azure.functions`,
`typing`, `builtins` or `collections.abc` (getattr and subscripting on those library modules);
anything else (the user's classes, extension SDK types, third-party packages) becomes a
placeholder class, and checks that would need it are skipped. jedi is asked only when ast cannot
tell: names imported from the app's own modules or through star imports of them.

The result mirrors what `typing.get_type_hints` would return in the worker: strings are forward
references, `None` is `NoneType`, `Annotated[...]` is stripped, and names that do not exist give a
NameError (validation-rules W-37).
"""

from __future__ import annotations

import ast
import builtins
import importlib
import operator
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from funcls.core.problems import Span
from funcls.core.pyentry import ScriptView

ALLOWED_MODULES = ("azure.functions", "typing", "builtins", "collections.abc")

KNOWN = "known"
PARTIAL = "partial"  # known outside, placeholders inside (e.g. `Out[MyClass]`)
UNKNOWN = "unknown"
ERROR = "error"


def allowed_module(name: str) -> bool:
    """True for the library modules whose objects may be evaluated."""
    return any(name == m or name.startswith(m + ".") for m in ALLOWED_MODULES)


def _parent_of_allowed(name: str) -> bool:
    return any(m.startswith(name + ".") for m in ALLOWED_MODULES)


def placeholder(label: str, origin: str = "") -> type:
    """A class standing for something funcls does not evaluate (a user class, an SDK type);
    `origin` is its dotted import path when the script says it (`pkg.module.Class`)."""
    safe = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in label) or "Unknown"
    if not safe[0].isalpha() and safe[0] != "_":
        safe = "_" + safe
    namespace = {"__funcls_placeholder__": label, "__module__": "funcls.placeholder"}
    return type(safe, (), {**namespace, "__funcls_origin__": origin})


def placeholder_origin(value: Any) -> str:
    """The dotted import path a placeholder stands for, or ''."""
    return str(value.__dict__.get("__funcls_origin__", "")) if is_placeholder(value) else ""


def is_placeholder(value: Any) -> bool:
    """True for a placeholder class."""
    return isinstance(value, type) and "__funcls_placeholder__" in value.__dict__


def contains_placeholder(value: Any, depth: int = 0) -> bool:
    """True when a placeholder appears anywhere in a typing construct."""
    if is_placeholder(value):
        return True
    if depth > 12:
        return False
    if isinstance(value, (list, tuple)):
        return any(contains_placeholder(v, depth + 1) for v in value)
    args = getattr(value, "__args__", None) if not isinstance(value, type) else None
    if isinstance(args, tuple):
        return any(contains_placeholder(a, depth + 1) for a in args)
    return False


@dataclass(frozen=True)
class ModuleRef:
    """A module that is not evaluated (user or third-party), or a namespace parent (`azure`)."""

    name: str


class NonType:
    """The value of an annotation expression that cannot be a type (a call, a literal list)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class EvalError(Exception):
    """Evaluating the annotation fails in the worker too (NameError, AttributeError, ...)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Resolved:
    """The resolution of one annotation.

    `state` is `known` (only library objects), `partial` (placeholders inside), `unknown`
    (the annotation itself is not evaluated) or `error` (the worker fails to evaluate it;
    `message` says why).
    """

    value: Any
    state: str
    message: str = ""
    kind: str = ""
    via_jedi: bool = False

    @property
    def usable(self) -> bool:
        """True when the outer shape of the annotation is known."""
        return self.state in (KNOWN, PARTIAL)


@dataclass
class _Bind:
    kind: str  # module, from, assign, other
    module: str = ""
    attr: str = ""
    level: int = 0
    node: ast.AST | None = None
    type_checking: bool = False


@dataclass
class _Namespace:
    names: dict[str, list[_Bind]] = field(default_factory=dict)
    stars: list[tuple[str, int]] = field(default_factory=list)
    dynamic: bool = False

    def add(self, name: str, bind: _Bind) -> None:
        """Record one binding of `name`."""
        self.names.setdefault(name, []).append(bind)


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _store_names(node: ast.AST) -> list[str]:
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            found.append(sub.id)
    return found


def collect_namespace(tree: ast.Module, walked: Iterable[ast.AST] | None = None) -> _Namespace:
    """Every module-level binding of a script, by name (`walked`: the tree's `global`
    statements and calls, if already found, see `ScriptView.walked`)."""
    ns = _Namespace()
    _collect(tree.body, ns, False)
    for node in ast.walk(tree) if walked is None else walked:
        if isinstance(node, ast.Global):
            for name in node.names:
                ns.add(name, _Bind("other"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("globals", "exec", "vars", "eval"):
                ns.dynamic = True
    return ns


def _collect(body: list[ast.stmt], ns: _Namespace, type_checking: bool) -> None:
    for stmt in body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    ns.add(alias.asname, _Bind("module", alias.name, type_checking=type_checking))
                else:
                    top = alias.name.split(".")[0]
                    ns.add(top, _Bind("module", top, type_checking=type_checking))
        elif isinstance(stmt, ast.ImportFrom):
            module = stmt.module or ""
            for alias in stmt.names:
                if alias.name == "*":
                    ns.stars.append((module, stmt.level or 0))
                    continue
                ns.add(
                    alias.asname or alias.name,
                    _Bind(
                        "from",
                        module,
                        alias.name,
                        stmt.level or 0,
                        node=stmt,
                        type_checking=type_checking,
                    ),
                )
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            ns.add(stmt.name, _Bind("other", node=stmt, type_checking=type_checking))
        elif isinstance(stmt, ast.Assign):
            if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                ns.add(
                    stmt.targets[0].id,
                    _Bind("assign", node=stmt.value, type_checking=type_checking),
                )
            else:
                for name in _store_names(ast.Module(body=[stmt], type_ignores=[])):
                    ns.add(name, _Bind("other"))
        elif isinstance(stmt, ast.AnnAssign):
            if isinstance(stmt.target, ast.Name) and stmt.value is not None:
                ns.add(
                    stmt.target.id, _Bind("assign", node=stmt.value, type_checking=type_checking)
                )
        elif isinstance(stmt, ast.If):
            _collect(stmt.body, ns, type_checking or _is_type_checking(stmt.test))
            _collect(stmt.orelse, ns, type_checking)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            _collect(stmt.body, ns, type_checking)  # type: ignore[attr-defined]
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                if handler.name:
                    ns.add(handler.name, _Bind("other"))
                _collect(handler.body, ns, type_checking)
            _collect(stmt.orelse, ns, type_checking)  # type: ignore[attr-defined]
            _collect(stmt.finalbody, ns, type_checking)  # type: ignore[attr-defined]
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                if item.optional_vars is not None:
                    for name in _store_names(item.optional_vars):
                        ns.add(name, _Bind("other"))
            _collect(stmt.body, ns, type_checking)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            if not isinstance(stmt, ast.While):
                for name in _store_names(stmt.target):
                    ns.add(name, _Bind("other"))
            _collect(stmt.body, ns, type_checking)
            _collect(stmt.orelse, ns, type_checking)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                for name in _store_names(case.pattern):
                    ns.add(name, _Bind("other"))
                for sub in ast.walk(case.pattern):
                    for attr in ("name", "rest"):
                        value = getattr(sub, attr, None)
                        if isinstance(value, str):
                            ns.add(value, _Bind("other"))
                _collect(case.body, ns, type_checking)
        else:
            for name in _store_names(stmt):  # AugAssign, walrus and the like
                ns.add(name, _Bind("other"))


def _import_allowed(name: str) -> Any:
    """Import a library module (only ever one of ALLOWED_MODULES or below)."""
    if not allowed_module(name):
        raise ImportError(name)
    return importlib.import_module(name)


JediLookup = Callable[[ast.Name], "Any | None"]


class AnnotationResolver:
    """Resolves annotation nodes of one script.

    Results are not kept per annotation: each is asked for once per check of its function, and
    re-resolving on an edit of function.json (script unchanged, jedi asked again) measured no
    slower, 12.7 against 17.9 ms median at 20 functions (bench/cache_figures.py, 2026-12)."""

    def __init__(
        self,
        view: ScriptView,
        jedi_lookup: JediLookup | None = None,
        is_app_module: Callable[[str, int], bool] | None = None,
    ) -> None:
        self.view = view
        self.ns = (
            collect_namespace(view.tree, view.walked()) if view.tree is not None else _Namespace()
        )
        self.jedi_lookup = jedi_lookup
        self.is_app_module = is_app_module or (lambda module, level: level > 0)
        self._jedi_used = False
        self._in_progress: set[str] = set()

    # -- public ---------------------------------------------------------------------------------
    def resolve(self, node: ast.expr, span: Span) -> Resolved:
        """The worker's view of the annotation `node` (at `span` of the script)."""
        return self._resolve(node)

    def _resolve(self, node: ast.expr) -> Resolved:
        self._jedi_used = False
        try:
            value = self._eval(node, in_string=False)
            value = self._finish(value)
        except EvalError as exc:
            return Resolved(None, ERROR, exc.message, exc.kind, self._jedi_used)
        except RecursionError:
            return Resolved(placeholder("annotation"), UNKNOWN)
        except Exception:  # a library module that cannot be imported, a broken object
            return Resolved(placeholder("annotation"), UNKNOWN)
        if is_placeholder(value) or isinstance(value, ModuleRef):
            return Resolved(value, UNKNOWN, via_jedi=self._jedi_used)
        state = PARTIAL if contains_placeholder(value) else KNOWN
        return Resolved(value, state, via_jedi=self._jedi_used)

    # -- evaluation -----------------------------------------------------------------------------
    def _finish(self, value: Any) -> Any:
        if isinstance(value, str):
            value = self._eval(_parse_forward(value), in_string=True)
        if value is None:
            return type(None)
        return _strip_annotated(value)

    def _eval(self, node: ast.expr, in_string: bool) -> Any:
        if isinstance(node, ast.Name):
            return self._name(node, in_string)
        if isinstance(node, ast.Attribute):
            return self._attribute(self._eval(node.value, in_string), node.attr)
        if isinstance(node, ast.Subscript):
            base = self._eval(node.value, in_string)
            if is_placeholder(base) or isinstance(base, ModuleRef):
                return placeholder(_text(node))
            if base is typing.Annotated or base is typing.Literal:
                index = self._literal_index(node.slice, in_string, base is typing.Annotated)
            else:
                index = self._index(node.slice, in_string)
            try:
                return operator.getitem(base, index)
            except Exception as exc:
                if contains_placeholder(index):
                    return placeholder(_text(node))
                raise EvalError("type", f"{type(exc).__name__}: {exc}") from None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            # Python evaluates `X | None` with the types' own `|` (None | None is a TypeError)
            left = self._eval(node.left, in_string)
            right = self._eval(node.right, in_string)
            if isinstance(left, ModuleRef) or isinstance(right, ModuleRef):
                return placeholder(_text(node))
            try:
                return operator.or_(left, right)
            except Exception as exc:
                if contains_placeholder((left, right)):
                    return placeholder(_text(node))
                raise EvalError("type", f"{type(exc).__name__}: {exc}") from None
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return self._eval(_parse_forward(node.value), in_string=True)
            return node.value
        if isinstance(node, ast.Call):
            func = self._eval(node.func, in_string)
            if is_placeholder(func) or isinstance(func, ModuleRef):
                return placeholder(_text(node))
            return NonType(_text(node))
        if isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set)):
            return NonType(_text(node))
        return placeholder(_text(node))

    def _index(self, node: ast.expr, in_string: bool) -> Any:
        if isinstance(node, ast.Tuple):
            return tuple(self._arg(e, in_string) for e in node.elts)
        return self._arg(node, in_string)

    def _literal_index(self, node: ast.expr, in_string: bool, first_is_type: bool) -> Any:
        """Arguments of Literal[...] (values) or Annotated[T, ...] (a type, then metadata)."""
        items = list(node.elts) if isinstance(node, ast.Tuple) else [node]
        values: list[Any] = []
        for position, item in enumerate(items):
            if position == 0 and first_is_type:
                values.append(self._eval(item, in_string))
                continue
            try:
                values.append(ast.literal_eval(item))
            except Exception:
                values.append(NonType(_text(item)))
        return tuple(values) if len(values) != 1 else values[0]

    def _arg(self, node: ast.expr, in_string: bool) -> Any:
        if isinstance(node, ast.List):
            return [self._arg(e, in_string) for e in node.elts]
        return self._eval(node, in_string)

    def _attribute(self, base: Any, attr: str) -> Any:
        if isinstance(base, ModuleRef):
            full = f"{base.name}.{attr}"
            if allowed_module(full):
                try:
                    return _import_allowed(full)
                except ImportError:
                    raise EvalError(
                        "attribute", f"module '{base.name}' has no attribute '{attr}'"
                    ) from None
            if _parent_of_allowed(full):
                return ModuleRef(full)
            return placeholder(attr, full)
        if is_placeholder(base):
            origin = placeholder_origin(base)
            return placeholder(f"{base.__name__}.{attr}", f"{origin}.{attr}" if origin else "")
        if isinstance(base, (NonType, str)) or base is None:
            return placeholder(attr)
        try:
            return getattr(base, attr)
        except AttributeError:
            pass
        if isinstance(base, types.ModuleType):
            try:
                return _import_allowed(f"{base.__name__}.{attr}")
            except ImportError:
                raise EvalError(
                    "attribute", f"module '{base.__name__}' has no attribute '{attr}'"
                ) from None
        raise EvalError("attribute", f"'{_type_label(base)}' has no attribute '{attr}'")

    def _name(self, node: ast.Name, in_string: bool) -> Any:
        name = node.id
        binds = self.ns.names.get(name)
        if not binds:
            for module, level in self.ns.stars:
                if level == 0 and allowed_module(module):
                    try:
                        star = _star_names(module)
                    except Exception:
                        return placeholder(name)
                    if name in star:
                        return getattr(_import_allowed(module), name)
            if self.ns.dynamic or any(
                not (level == 0 and allowed_module(module)) for module, level in self.ns.stars
            ):
                return self._jedi(node, in_string, name)
            if hasattr(builtins, name):
                return getattr(builtins, name)
            raise EvalError("name", f"name '{name}' is not defined")
        live = [b for b in binds if not b.type_checking]
        if not live:
            raise EvalError(
                "name",
                f"name '{name}' is not defined when the worker evaluates annotations "
                "(it is imported only under TYPE_CHECKING)",
            )
        if len(live) > 1:
            values = []
            for bind in live:
                try:
                    values.append(self._bind_value(bind, name, node, in_string))
                except EvalError:
                    return placeholder(name)
            first = values[0]
            if all(v is first for v in values) and not is_placeholder(first):
                return first
            return placeholder(name)
        return self._bind_value(live[0], name, node, in_string)

    def _bind_value(self, bind: _Bind, name: str, node: ast.Name, in_string: bool) -> Any:
        if bind.kind == "module":
            if allowed_module(bind.module):
                try:
                    return _import_allowed(bind.module)
                except ImportError:
                    return ModuleRef(bind.module)
            return ModuleRef(bind.module)
        if bind.kind == "from":
            module = bind.module
            if bind.level == 0 and allowed_module(module):
                mod = _import_allowed(module)
                if hasattr(mod, bind.attr):
                    return getattr(mod, bind.attr)
                try:
                    return _import_allowed(f"{module}.{bind.attr}")
                except ImportError:
                    raise EvalError(
                        "import", f"cannot import name '{bind.attr}' from '{module}'"
                    ) from None
            if bind.level == 0 and allowed_module(f"{module}.{bind.attr}") and module:
                try:
                    return _import_allowed(f"{module}.{bind.attr}")
                except ImportError:
                    return placeholder(bind.attr)
            if self.is_app_module(module, bind.level):
                return self._jedi(node, in_string, name)
            return placeholder(bind.attr, f"{module}.{bind.attr}" if bind.level == 0 else "")
        if bind.kind == "assign" and isinstance(bind.node, ast.expr):
            if name in self._in_progress:
                return placeholder(name)
            self._in_progress.add(name)
            try:
                return self._eval(bind.node, in_string)
            except EvalError:
                return placeholder(name)
            finally:
                self._in_progress.discard(name)
        return placeholder(name)

    def _jedi(self, node: ast.Name, in_string: bool, name: str) -> Any:
        if in_string or self.jedi_lookup is None:
            return placeholder(name)
        self._jedi_used = True
        try:
            found = self.jedi_lookup(node)
        except Exception:
            found = None
        return placeholder(name) if found is None else found


def _star_names(module: str) -> set[str]:
    mod = _import_allowed(module)
    names = getattr(mod, "__all__", None)
    if names is None:
        names = [n for n in dir(mod) if not n.startswith("_")]
    return set(names)


def _parse_forward(text: str) -> ast.expr:
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise EvalError(
            "syntax", f"the forward reference {text!r} is not a valid expression ({exc.msg})"
        ) from None
    return tree.body


def _strip_annotated(value: Any) -> Any:
    try:
        if typing.get_origin(value) is typing.Annotated:
            return _strip_annotated(value.__origin__)
    except Exception:
        return value
    return value


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:
        return "annotation"


def _type_label(value: Any) -> str:
    return getattr(value, "__name__", None) or type(value).__name__


def value_from_jedi_names(names: list[Any], app_root: str | None) -> Any | None:
    """The library object a list of jedi names points at, when all of them are in the allowed
    modules (and not in a file of the app itself), else None."""
    import os

    for item in names:
        module = getattr(item, "module_name", None) or ""
        full = getattr(item, "full_name", None) or ""
        path = str(getattr(item, "module_path", "") or "")
        if not module or not full or not allowed_module(module):
            continue
        if (
            app_root
            and path
            and os.path.abspath(path).startswith(os.path.abspath(app_root) + os.sep)
        ):
            continue
        try:
            obj: Any = _import_allowed(module)
            if getattr(item, "type", "") == "module" and full == module:
                return obj
            if not full.startswith(module + "."):
                continue
            for part in full[len(module) + 1 :].split("."):
                obj = getattr(obj, part)
            return obj
        except Exception:
            continue
    return None
