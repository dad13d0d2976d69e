"""Uses of a parameter inside its function, from `ast` (exact for locals).

A nested function, lambda, comprehension or class that binds the same name shadows it and is
skipped (except for the parts evaluated in the enclosing scope: defaults, decorators, the first
iterable of a comprehension); `nonlocal` keeps the outer variable; `global` leaves it.
"""

from __future__ import annotations

import ast

from funcls.core.problems import Span
from funcls.core.pyentry import ScriptView, node_span

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _arg_names(args: ast.arguments) -> set[str]:
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    if args.vararg is not None:
        names.add(args.vararg.arg)
    if args.kwarg is not None:
        names.add(args.kwarg.arg)
    return names


def _binds_locally(node: ast.AST, name: str) -> bool:
    """True when a nested scope makes `name` its own local."""
    body: list[ast.AST]
    if isinstance(node, ast.Lambda):
        return name in _arg_names(node.args)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        if name in _arg_names(node.args):
            return True
        body = list(node.body)
    elif isinstance(node, ast.ClassDef):
        body = list(node.body)
    else:
        return False
    declared_outer = False
    assigned = False
    stack = body[:]
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.Nonlocal, ast.Global)) and name in current.names:
            declared_outer = True
        elif (
            isinstance(current, ast.Name)
            and current.id == name
            and isinstance(current.ctx, (ast.Store, ast.Del))
        ):
            assigned = True
        elif isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if current.name == name:
                assigned = True
            continue
        elif isinstance(current, (ast.Import, ast.ImportFrom)):
            for alias in current.names:
                if (alias.asname or alias.name.split(".")[0]) == name:
                    assigned = True
        elif isinstance(current, ast.ExceptHandler) and current.name == name:
            assigned = True
        if isinstance(current, (ast.Lambda, *_COMPREHENSIONS)):
            continue
        stack.extend(ast.iter_child_nodes(current))
    return assigned and not declared_outer


def _comprehension_binds(node: ast.AST, name: str) -> bool:
    for generator in getattr(node, "generators", []):
        for sub in ast.walk(generator.target):
            if isinstance(sub, ast.Name) and sub.id == name:
                return True
    return False


def local_uses(function: ast.AST, name: str, view: ScriptView) -> list[Span]:
    """Spans of every Name node in `function`'s body that is the local `name`."""
    found: list[Span] = []
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return found
    for stmt in function.body:
        _visit(stmt, name, view, found)
    return found


def _visit(node: ast.AST, name: str, view: ScriptView, found: list[Span]) -> None:
    if isinstance(node, ast.Name):
        if node.id == name:
            span = node_span(node, view.index)
            if view.text[span.start : span.end] == name:
                found.append(span)
        return
    if isinstance(node, _SCOPES):
        outer: list[ast.AST] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            outer += [d for d in node.args.defaults]
            outer += [d for d in node.args.kw_defaults if d is not None]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            outer += list(node.decorator_list)
        if isinstance(node, ast.ClassDef):
            outer += [*node.bases, *[k.value for k in node.keywords]]
        for item in outer:
            _visit(item, name, view, found)
        if _binds_locally(node, name):
            return
        inner: list[ast.AST]
        if isinstance(node, ast.Lambda):
            inner = [node.body]
        else:
            inner = list(node.body)
        for item in inner:
            _visit(item, name, view, found)
        return
    if isinstance(node, _COMPREHENSIONS):
        generators = node.generators
        if generators:
            _visit(generators[0].iter, name, view, found)
        if _comprehension_binds(node, name):
            return
        for index, generator in enumerate(generators):
            if index:
                _visit(generator.iter, name, view, found)
            for condition in generator.ifs:
                _visit(condition, name, view, found)
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        for part in parts:
            _visit(part, name, view, found)
        return
    for child in ast.iter_child_nodes(node):
        _visit(child, name, view, found)
