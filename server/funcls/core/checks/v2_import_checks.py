"""Annotations that fail while the v2 entry file (and the modules it imports) is imported.

Python evaluates the annotations of every def it executes, and of every annotated assignment, when
the statement runs (unless `from __future__ import annotations` keeps them strings; Python 3.14
defers them, PEP 649). The worker imports function_app.py before it indexes anything
(azure-functions-runtime 1.3.0 on PyPI, `azure_functions_runtime/loader.py` `index_function_app`
imports the script): a NameError, AttributeError or TypeError there fails the import, and no
function of the app loads. The functions the app indexes have their annotations judged with their
bindings (the worker-load rules, checks/worker_load.py); this module judges the rest: undecorated
defs, defs on a blueprint the app never indexes, methods of classes, annotated module and class
variables.

Only what is certain is reported: statements run unconditionally (the module body and class
bodies, never `if`/`try` blocks or function bodies), annotations made of names, attributes,
subscripts and `|` (no strings, no calls), names that no statement of the module binds (anywhere:
order is not followed) and no star import or dynamic namespace could provide; names of the class
body a method is defined in are left alone.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterable, Iterator

from funcls.core.checks import annotation_checks
from funcls.core.checks.base import CheckContext
from funcls.core.knowledge import converters
from funcls.core.problems import Problem, Span, make_problem
from funcls.core.pyentry import ScriptView, node_span
from funcls.core.python.annotations import ERROR, AnnotationResolver
from funcls.core.python.environment import environment
from funcls.core.python.resolver import resolver_for
from funcls.core.v2.model import V2App

# What an evaluation error is called in Python, by the resolver's kind.
EXCEPTIONS = {"name": "NameError", "attribute": "AttributeError", "type": ""}
# Nodes whose evaluation the resolver mirrors exactly.
PLAIN = (ast.Name, ast.Attribute, ast.Subscript, ast.Tuple, ast.BinOp, ast.BitOr, ast.Load)
# TypeErrors that read the same on every Python the worker runs: too many arguments to the
# library's generic classes, `|` between objects that are no types.
STABLE_TYPE_ERRORS = ("Too many arguments for <class 'azure.functions.", "unsupported operand")


def check_v2_import_annotations(ctx: CheckContext) -> Iterable[Problem]:
    """FUNC224 for annotations that fail while the app's v2 modules are imported."""
    app = ctx.app
    v2: V2App | None = app.v2 if app is not None else None
    if app is None or v2 is None or converters.library() is None:
        return []
    version = environment(ctx.settings.python_path, app.root).version
    if version >= (3, 14):
        return []  # annotations are evaluated lazily (PEP 649)
    # typing's attributes and its TypeErrors change between Python versions: on another
    # version than the server's, only what the library itself says is certain
    same_python = version == sys.version_info[:2]
    judged = {id(f.declaration.function.node) for f in v2.functions}
    problems: list[Problem] = []
    for path, reading in v2.readings.items():
        view = reading.view
        if reading.dynamic or view.tree is None or _unsure_namespace(view.tree):
            continue
        resolver = resolver_for(ctx.workspace, app.root, path, ctx.settings)
        if resolver is None:
            continue
        for annotation, where, class_names in _evaluated(view.tree.body, judged, None):
            problem = _judge(resolver, view, path, annotation, where, class_names, same_python)
            if problem is not None:
                problems.append(problem)
    return problems


def _unsure_namespace(tree: ast.Module) -> bool:
    """Star imports, future annotations, or a namespace written to at run time."""
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom):
            if stmt.module == "__future__" and any(a.name == "annotations" for a in stmt.names):
                return True
            if any(a.name == "*" for a in stmt.names):
                return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("globals", "exec", "eval", "vars", "setattr", "__import__"):
                return True
    return False


def _evaluated(
    body: list[ast.stmt], judged: set[int], class_names: set[str] | None
) -> Iterator[tuple[ast.expr, str, set[str]]]:
    """Each annotation evaluated when `body` runs (a module's, or a class's: then the names
    its body binds), with what it annotates."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if id(stmt) in judged:
                continue  # an indexed function: judged with its bindings
            args = stmt.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            every += [a for a in (args.vararg, args.kwarg) if a is not None]
            for arg in every:
                if arg.annotation is not None:
                    label = f"parameter '{arg.arg}' of {stmt.name}()"
                    yield arg.annotation, label, class_names or set()
            if stmt.returns is not None:
                yield stmt.returns, f"the return of {stmt.name}()", class_names or set()
        elif isinstance(stmt, ast.AnnAssign) and stmt.simple:
            target = stmt.target
            label = f"'{target.id}'" if isinstance(target, ast.Name) else "a variable"
            yield stmt.annotation, label, class_names or set()
        elif isinstance(stmt, ast.ClassDef) and not stmt.keywords:
            # (a metaclass's namespace may provide names: not followed)
            yield from _evaluated(stmt.body, judged, _bound_in(stmt.body))


def _bound_in(body: list[ast.stmt]) -> set[str]:
    """Every name a class body binds (its methods see them when their annotations run)."""
    found: set[str] = set()
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.add(node.name)
            elif isinstance(node, ast.alias):
                found.add((node.asname or node.name).split(".")[0])
    return found


def _plain(node: ast.expr) -> bool:
    """True when the annotation uses only names, attributes, subscripts and `|`."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant):
            if inner.value is not None and inner.value is not Ellipsis:
                return False
        elif isinstance(inner, ast.BinOp):
            if not isinstance(inner.op, ast.BitOr):
                return False
        elif not isinstance(inner, PLAIN):
            return False
    return True


def _stable(kind: str, message: str) -> bool:
    """True for an error every Python version raises alike."""
    if kind == "name":
        return True
    if kind == "attribute":
        return "'azure.functions" in message
    return any(m in message for m in STABLE_TYPE_ERRORS)


def _judge(
    resolver: AnnotationResolver,
    view: ScriptView,
    path: str,
    annotation: ast.expr,
    where: str,
    class_names: set[str],
    same_python: bool,
) -> Problem | None:
    if not _plain(annotation):
        return None
    names = {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)}
    if names & class_names or any(n.startswith("__") for n in names):
        return None  # the class body's own names come first; module dunders exist
    span = node_span(annotation, view.index)
    resolved = resolver.resolve(annotation, span)
    if resolved.state != ERROR or resolved.kind not in EXCEPTIONS or resolved.via_jedi:
        return None
    if not same_python and not _stable(resolved.kind, resolved.message):
        return None
    exception = EXCEPTIONS[resolved.kind]
    reason = f"{exception}: {resolved.message}" if exception else resolved.message
    text = ast.get_source_segment(view.text, annotation) or ast.unparse(annotation)
    return make_problem(
        annotation_checks.ANNOTATION_ERROR,
        f"The annotation '{text}' of {where} cannot be evaluated ({reason}): Python evaluates it "
        f"when the worker imports {os.path.basename(path)}, the import fails and no function "
        "of the app loads.",
        path,
        Span(span.start, span.end),
    )
