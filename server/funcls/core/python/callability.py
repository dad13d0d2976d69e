"""Whether a top-level name of a script is callable, decided from `ast` alone.

The worker takes any callable as an entry point (`getattr(module, entryPoint)`, then
`inspect.signature`): functions, async functions, classes, and objects whose class defines
`__call__`. A literal, a comprehension or an instance of a local class without `__call__` is
not. Anything else (a call of an imported wrapper such as `df.Orchestrator.create(f)`, an
imported name, an attribute) is undecidable without running the code, and counts as maybe.
"""

from __future__ import annotations

import ast
from typing import Literal

from funcls.core.pyentry import Callable_, ScriptView

Verdict = Literal["yes", "no", "maybe"]

# Values whose type is fixed by their syntax and never callable.
_NOT_CALLABLE = (
    ast.Constant,
    ast.JoinedStr,
    ast.List,
    ast.Tuple,
    ast.Dict,
    ast.Set,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.Compare,
)
# Builtin constructors whose instances are never callable.
_PLAIN_BUILTINS = frozenset(
    {"str", "int", "float", "bool", "bytes", "bytearray", "list", "dict", "set", "tuple"}
    | {"frozenset", "complex", "range", "object"}
)
_MAX_DEPTH = 8


def callability(view: ScriptView, item: Callable_) -> Verdict:
    """Is the top-level name `item` of `view` callable?"""
    return _of_item(view, item, 0)


def _of_item(view: ScriptView, item: Callable_, depth: int) -> Verdict:
    if item.kind in ("function", "class"):
        return "yes"
    if item.kind != "assignment" or depth > _MAX_DEPTH:
        return "maybe"
    value = getattr(item.node, "value", None)
    return "maybe" if value is None else _of_expr(view, value, depth + 1, item)


def _of_expr(view: ScriptView, node: ast.expr, depth: int, item: Callable_ | None) -> Verdict:
    if depth > _MAX_DEPTH:
        return "maybe"
    if isinstance(node, ast.Lambda):
        return "yes"
    if isinstance(node, _NOT_CALLABLE):
        return "no"
    if isinstance(node, ast.UnaryOp):
        return "no" if isinstance(node.op, ast.Not) else _of_expr(view, node.operand, depth, None)
    if isinstance(node, (ast.BinOp, ast.BoolOp)):
        parts = [node.left, node.right] if isinstance(node, ast.BinOp) else node.values
        verdicts = {_of_expr(view, part, depth + 1, None) for part in parts}
        # `"a" + "b"`, `X or "default"`: every operand is a plain value
        return "no" if verdicts == {"no"} else "maybe"
    if isinstance(node, ast.Name):
        target = view.callable(node.id)
        if target is None or target is item:
            return "maybe"  # a builtin, or a name bound some other way
        return _of_item(view, target, depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        target = view.callable(name)
        if target is None:
            return "no" if name in _PLAIN_BUILTINS else "maybe"
        if target.kind == "class":
            return _instance_of(view, target, depth + 1)
    return "maybe"


def _instance_of(view: ScriptView, cls: Callable_, depth: int) -> Verdict:
    """Is an instance of the local class `cls` callable (does it or a base define __call__)?"""
    node = cls.node
    if not isinstance(node, ast.ClassDef) or depth > _MAX_DEPTH:
        return "maybe"
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__call__":
            return "yes"
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "__call__" for t in targets):
                return "yes"
    if node.keywords:
        return "maybe"  # a metaclass may add anything
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id == "object":
            continue
        target = view.callable(base.id) if isinstance(base, ast.Name) else None
        if target is None or target.kind != "class" or target is cls:
            return "maybe"
        if _instance_of(view, target, depth + 1) != "no":
            return _instance_of(view, target, depth + 1)
    return "no"
