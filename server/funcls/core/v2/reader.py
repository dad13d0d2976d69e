"""A static reader of one v2 module (`function_app.py` or a blueprint file), with `ast` only.

It finds the module-level app objects (`func.FunctionApp(...)`, `AsgiFunctionApp`,
`WsgiFunctionApp`, `func.Blueprint()`, and the Durable Functions `DFApp` / `Blueprint`), the
module-level functions decorated with their methods, each decorator call with its arguments
(literal values through `ast.literal_eval`, anything else marked unknown), the
`register_functions` / `register_blueprint` calls, and the modules the file imports names from.
The user's code is never imported. Spans are code-point offsets into the module's text.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from typing import Any

from funcls.core.problems import Span
from funcls.core.pyentry import ScriptView, node_span
from funcls.core.text import LineIndex


class Unknown:
    """A value the reader cannot know without running the code (a variable, an f-string...)."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()

# The classes that make an app object, by the module that exports them. `kind` is `app` for a
# FunctionRegister (indexed by the worker) and `blueprint` for a Blueprint.
AZURE_FUNCTIONS = "azure.functions"
DURABLE = "azure.durable_functions"
APP_CLASSES: dict[tuple[str, str], str] = {
    (AZURE_FUNCTIONS, "FunctionApp"): "app",
    (AZURE_FUNCTIONS, "AsgiFunctionApp"): "app",
    (AZURE_FUNCTIONS, "WsgiFunctionApp"): "app",
    (AZURE_FUNCTIONS, "Blueprint"): "blueprint",
    (DURABLE, "DFApp"): "app",
    (DURABLE, "Blueprint"): "blueprint",
}
REGISTER_METHODS = ("register_functions", "register_blueprint")


@dataclass(frozen=True)
class Argument:
    """One argument of a decorator call: its keyword (or the parameter a positional argument
    fills), where it is, and its literal value or UNKNOWN."""

    name: str
    span: Span  # the whole `name=value` (or the positional value)
    key_span: Span  # the keyword (the value for a positional argument)
    value_span: Span
    value: Any
    node: ast.expr = field(compare=False, repr=False)
    positional: bool = False
    # the span of each item of a list or tuple value, in order
    item_spans: tuple[Span, ...] = ()

    @property
    def known(self) -> bool:
        """True when the value is a literal."""
        return self.value is not UNKNOWN


@dataclass(frozen=True)
class DecoratorCall:
    """`@<receiver>.<method>(arguments)` on a function."""

    receiver: str
    method: str
    span: Span  # the decorator expression, after `@`
    name_span: Span  # `method`
    arguments: tuple[Argument, ...]
    # positional arguments, named `#0`, `#1`... until the signature names them
    positional: tuple[Argument, ...] = ()
    dynamic: bool = False  # `*args` or `**kwargs` in the call: its arguments are unknown
    called: bool = True  # False for `@app.method` without parentheses

    def argument(self, name: str) -> Argument | None:
        """The argument called `name`."""
        return next((a for a in self.arguments if a.name == name), None)


@dataclass(frozen=True)
class DecoratedFunction:
    """A module-level def carrying decorators of one app object."""

    def_name: str
    name_span: Span
    receiver: str
    decorators: tuple[DecoratorCall, ...]  # in the order they apply: bottom first
    node: ast.AST = field(compare=False, repr=False)  # the def (or the first assignment)
    # another decorator sits on the def: below an app decorator the library may see a wrapper;
    # above, it may add bindings of its own through the app (`@http("x")` calling app.route)
    wrapped: bool = False
    # decorators of several app objects on one def
    mixed: bool = False
    # applied as calls, `x = app.route(...)(x)`: the variable, and the function it started as
    # when that is imported (`from Folder import main as _entry`: (module, name))
    assigned: str | None = None
    imported_entry: tuple[str, str] | None = None


@dataclass(frozen=True)
class AppObject:
    """A module-level `name = <module>.<Class>(...)`."""

    name: str
    cls: str
    module: str
    kind: str  # app or blueprint
    span: Span  # the assigned name
    # the constructor's arguments (positional ones named `#0`, `#1`...), and the call's span
    arguments: tuple[Argument, ...] = ()
    call_span: Span | None = None

    @property
    def from_azure_functions(self) -> bool:
        """True for the classes of azure-functions itself (their decorators are all known)."""
        return self.module == AZURE_FUNCTIONS


@dataclass(frozen=True)
class Registration:
    """`<app>.register_functions(<argument>)` anywhere in the module."""

    receiver: str
    target: str | None  # `bp` or `module.bp`; None when the argument is no plain name
    span: Span  # the argument


@dataclass(frozen=True)
class ImportedName:
    """`from <module> import <name> as <local>` (module with its leading dots)."""

    local: str
    module: str
    name: str | None  # None for `import module as local`
    span: Span


@dataclass
class ModuleReading:
    """What one module declares."""

    path: str
    view: ScriptView
    apps: dict[str, AppObject] = field(default_factory=dict)
    functions: list[DecoratedFunction] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    imports: dict[str, ImportedName] = field(default_factory=dict)
    # a star import, globals()/setattr/exec, or app objects rebound: names are not static
    dynamic: bool = False
    # module-level names whose value the reader cannot classify (calls, imports of app modules)
    opaque_names: set[str] = field(default_factory=set)
    # an app object is passed to a call: blueprints may be registered out of sight
    app_handed_out: bool = False


def read_module(path: str, view: ScriptView) -> ModuleReading:
    """Read the app objects and decorated functions of a parsed module."""
    reading = ModuleReading(path, view)
    tree = view.tree
    if tree is None:
        reading.dynamic = True
        return reading
    index = view.index
    aliases = _module_aliases(tree, reading, index)
    assigned: dict[str, int] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = stmt.value
            for target in targets:
                if not isinstance(target, ast.Name):
                    continue
                assigned[target.id] = assigned.get(target.id, 0) + 1
                found = _app_class(value, aliases)
                if found is not None and isinstance(value, ast.Call):
                    module, cls = found
                    reading.apps[target.id] = AppObject(
                        target.id,
                        cls,
                        module,
                        APP_CLASSES[found],
                        node_span(target, index),
                        _constructor_arguments(value, index),
                        node_span(value, index),
                    )
                elif isinstance(value, ast.Call):
                    reading.opaque_names.add(target.id)
    for stmt in tree.body:
        if isinstance(stmt, ast.Delete) or (
            isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name)
        ):
            reading.dynamic = True  # module names unbound or rebound: not static
    for name, count in assigned.items():
        if count > 1 and name in reading.apps:
            reading.dynamic = True  # an app object rebound: which one decorates is dynamic
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("globals", "exec", "setattr", "eval", "vars"):
                reading.dynamic = True
        if isinstance(node, ast.Call):
            # an app object handed to other code (`setup(app)`) may get blueprints registered
            # where the reader does not look
            for passed in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(passed, ast.Name) and passed.id in reading.apps:
                    if reading.apps[passed.id].kind == "app":
                        reading.app_handed_out = True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in REGISTER_METHODS and isinstance(node.func.value, ast.Name):
                arg = node.args[0] if node.args else None
                if arg is None and node.keywords:
                    arg = node.keywords[0].value
                if arg is not None:
                    reading.registrations.append(
                        Registration(node.func.value.id, _dotted(arg), node_span(arg, index))
                    )
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorated = _decorated(stmt, reading, index)
            if decorated is not None:
                reading.functions.append(decorated)
    reading.functions.extend(_applied_as_calls(tree, reading, index))
    return reading


def _applied_as_calls(
    tree: ast.Module, reading: ModuleReading, index: LineIndex
) -> list[DecoratedFunction]:
    """Decorators applied as calls at module level, as `funcls migrate` writes them:

        create = _create_entry                        # a def of this module, or an import
        create = app.route(route="products")(create)  # one statement per decorator
        create = app.function_name(name="Create")(create)

    A variable bound any other way at module level is left out (its function is unknown)."""
    chains: dict[str, list[DecoratorCall]] = {}
    origin: dict[str, tuple[str, ast.Assign]] = {}
    spoiled: set[str] = set()
    for stmt in tree.body:
        targets: list[ast.expr] = []
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if stmt.name in chains:
                spoiled.add(stmt.name)
            continue
        else:
            continue
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if len(targets) != 1 or len(names) != 1 or not isinstance(stmt, ast.Assign):
            spoiled.update(n for n in names if n in chains)
            continue
        name, value = names[0], stmt.value
        call = _applied_call(value, name, reading, index)
        if call is not None and name in chains:
            chains[name].append(call)
        elif isinstance(value, ast.Name) and value.id != name and name not in chains:
            chains[name] = []
            origin[name] = (value.id, stmt)
        elif name in chains:
            spoiled.add(name)
    found: list[DecoratedFunction] = []
    for name, calls in chains.items():
        if not calls or name in spoiled:
            continue
        source, stmt = origin[name]
        imported = reading.imports.get(source)
        entry: tuple[str, str] | None = None
        node: ast.AST = stmt
        if imported is not None and imported.name is not None:
            entry = (imported.module, imported.name)
        elif imported is not None:
            continue  # `import module as x`: no function
        else:
            defs = [
                d
                for d in tree.body
                if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)) and d.name == source
            ]
            if not defs:
                continue  # bound to something else than a def: unknown
            node = defs[-1]
        receivers = {c.receiver for c in calls}
        found.append(
            DecoratedFunction(
                def_name=source if entry is None else entry[1],
                name_span=node_span(stmt.targets[0], index),
                receiver=calls[0].receiver,
                decorators=tuple(calls),
                node=node,
                mixed=len(receivers) > 1,
                assigned=name,
                imported_entry=entry,
            )
        )
    return found


def _applied_call(
    value: ast.expr, name: str, reading: ModuleReading, index: LineIndex
) -> DecoratorCall | None:
    """`app.method(...)(name)` as a decorator call, or None."""
    if not isinstance(value, ast.Call) or value.keywords or len(value.args) != 1:
        return None
    arg = value.args[0]
    if not (isinstance(arg, ast.Name) and arg.id == name):
        return None
    return _decorator_call(value.func, reading, index)


def _module_aliases(
    tree: ast.Module, reading: ModuleReading, index: LineIndex
) -> dict[str, tuple[str, str | None]]:
    """Local names bound by imports: name -> (module, imported name or None for a module)."""
    aliases: dict[str, tuple[str, str | None]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    aliases[alias.asname] = (alias.name, None)
                    reading.imports[alias.asname] = ImportedName(
                        alias.asname, alias.name, None, node_span(stmt, index)
                    )
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = (top, None)
                    aliases[alias.name] = (alias.name, None)
                    reading.imports[top] = ImportedName(top, top, None, node_span(stmt, index))
        elif isinstance(stmt, ast.ImportFrom):
            module = "." * stmt.level + (stmt.module or "")
            for alias in stmt.names:
                if alias.name == "*":
                    reading.dynamic = True
                    continue
                local = alias.asname or alias.name
                aliases[local] = (module, alias.name)
                # `alias` nodes carry positions from Python 3.10 on
                where = alias if getattr(alias, "lineno", None) else stmt
                reading.imports[local] = ImportedName(
                    local, module, alias.name, node_span(where, index)
                )
    return aliases


def _dotted(node: ast.expr) -> str | None:
    """`a.b.c` as text, for names and attribute chains."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _app_class(
    value: ast.expr | None, aliases: dict[str, tuple[str, str | None]]
) -> tuple[str, str] | None:
    """(module, class) when `value` calls one of the app classes."""
    if not isinstance(value, ast.Call):
        return None
    dotted = _dotted(value.func)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    bound = aliases.get(head)
    if bound is None:
        return None
    module, name = bound
    if name is None:  # `func.FunctionApp` with `import azure.functions as func`
        full = module + ("." + rest if rest else "")
    else:  # `FunctionApp` from `from azure.functions import FunctionApp`, or `af.X` after
        full = f"{module}.{name}" + ("." + rest if rest else "")
    for (mod, cls), _kind in APP_CLASSES.items():
        if full in (f"{mod}.{cls}", f"{mod}.decorators.{cls}") or (
            mod == AZURE_FUNCTIONS and full == f"azure.functions.decorators.function_app.{cls}"
        ):
            return mod, cls
    return None


def _decorated(
    node: ast.FunctionDef | ast.AsyncFunctionDef, reading: ModuleReading, index: LineIndex
) -> DecoratedFunction | None:
    # decorators apply bottom first
    applied = [_decorator_call(expr, reading, index) for expr in reversed(node.decorator_list)]
    calls = [c for c in applied if c is not None]
    if not calls:
        return None
    wrapped = any(c is None for c in applied)
    receivers = {c.receiver for c in calls}
    return DecoratedFunction(
        def_name=node.name,
        name_span=_def_name_span(node, index),
        receiver=calls[0].receiver,
        decorators=tuple(calls),
        node=node,
        wrapped=wrapped,
        mixed=len(receivers) > 1,
    )


def _def_name_span(node: ast.FunctionDef | ast.AsyncFunctionDef, index: LineIndex) -> Span:
    start = node_span(node, index).start
    line, _ = index.position(start)
    text = index.line_text(line)
    # after the `def` keyword: a def named `f` or `de` is no part of it
    keyword = re.compile(r"(?:async\s+)?def\s+").match(text, index.position(start)[1])
    column = text.find(node.name, keyword.end() if keyword else index.position(start)[1])
    if column < 0:
        return Span(start, start)
    offset = index.offset(line, column)
    return Span(offset, offset + len(node.name))


def _decorator_call(
    expr: ast.expr, reading: ModuleReading, index: LineIndex
) -> DecoratorCall | None:
    """The decorator as a call of an app object's method, or None for any other decorator."""
    func = expr.func if isinstance(expr, ast.Call) else expr
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    receiver = func.value.id
    if receiver not in reading.apps:
        return None
    end = node_span(func, index).end
    name_span = Span(end - len(func.attr), end)
    if not isinstance(expr, ast.Call):
        return DecoratorCall(
            receiver, func.attr, node_span(expr, index), name_span, (), called=False
        )
    arguments: list[Argument] = []
    dynamic = any(isinstance(a, ast.Starred) for a in expr.args)
    for keyword in expr.keywords:
        if keyword.arg is None:
            dynamic = True
            continue
        arguments.append(_keyword_argument(keyword, keyword.arg, index))
    return DecoratorCall(
        receiver,
        func.attr,
        node_span(expr, index),
        name_span,
        tuple(arguments),
        positional=tuple(
            Argument(f"#{i}", span, span, span, literal(a), a, True, _item_spans(a, index))
            for i, a in enumerate(expr.args)
            if not isinstance(a, ast.Starred)
            for span in (node_span(a, index),)
        ),
        dynamic=dynamic,
    )


def _keyword_argument(keyword: ast.keyword, name: str, index: LineIndex) -> Argument:
    """`name=value` of a call as an Argument: its spans, its literal value (or unknown)."""
    whole = node_span(keyword, index)
    return Argument(
        name,
        whole,
        Span(whole.start, whole.start + len(name)),
        node_span(keyword.value, index),
        literal(keyword.value),
        keyword.value,
        item_spans=_item_spans(keyword.value, index),
    )


def _constructor_arguments(call: ast.Call, index: LineIndex) -> tuple[Argument, ...]:
    """The literal-or-unknown arguments of an app class's constructor call."""
    found = [
        Argument(f"#{i}", span, span, span, literal(a), a, True)
        for i, a in enumerate(call.args)
        if not isinstance(a, ast.Starred)
        for span in (node_span(a, index),)
    ]
    for keyword in call.keywords:
        if keyword.arg is None:
            continue
        found.append(replace(_keyword_argument(keyword, keyword.arg, index), item_spans=()))
    return tuple(found)


def _item_spans(node: ast.expr, index: LineIndex) -> tuple[Span, ...]:
    """The spans of a list's or tuple's items (none for any other value)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return tuple(node_span(item, index) for item in node.elts)
    return ()


def literal(node: ast.expr) -> Any:
    """The value of a literal expression, an enum member reference as `EnumAttr(...)`, or
    UNKNOWN."""
    if isinstance(node, ast.JoinedStr):
        return UNKNOWN
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    dotted = _dotted(node)
    if dotted is not None and "." in dotted:
        return EnumRef(dotted)
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [literal(item) for item in node.elts]
        if all(item is not UNKNOWN for item in items):
            return items
    return UNKNOWN


@dataclass(frozen=True)
class EnumRef:
    """`func.AuthLevel.ANONYMOUS`: resolved against the enum the decorator argument parses."""

    dotted: str

    @property
    def owner(self) -> str:
        """The class part (`AuthLevel`)."""
        parts = self.dotted.split(".")
        return parts[-2] if len(parts) > 1 else ""

    @property
    def member(self) -> str:
        """The member part (`ANONYMOUS`)."""
        return self.dotted.split(".")[-1]
