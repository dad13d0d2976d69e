"""An `ast` view of a Python script: its top-level callables, their parameters and annotations.

This is the cheap, exact, thread-safe half of the Python side: names, spans and annotation shapes
come from `ast` on the current buffer (never by importing it). What names refer to is jedi's job.
Spans are code-point offsets into the script's text.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field

from funcls.core.problems import Span
from funcls.core.text import LineIndex


@dataclass(frozen=True)
class Annotation:
    """An annotation expression: its source text, span and tree."""

    text: str
    span: Span
    node: ast.expr = field(compare=False, repr=False)


@dataclass(frozen=True)
class Parameter:
    """One parameter of a callable (any kind: positional, keyword-only, *args, **kwargs)."""

    name: str
    span: Span
    kind: str  # positional, keyword, varargs, varkw
    annotation: Annotation | None
    has_default: bool
    node: ast.arg | None = field(default=None, compare=False, repr=False)
    default: ast.expr | None = field(default=None, compare=False, repr=False)

    @property
    def extent(self) -> Span:
        """The parameter with its annotation (not its default)."""
        end = self.annotation.span.end if self.annotation is not None else self.span.end
        return Span(self.span.start, max(end, self.span.end))


@dataclass(frozen=True)
class Callable_:
    """A top-level def, or an assignment such as `main = df.Orchestrator.create(f)`."""

    name: str
    span: Span  # the name
    parameters: tuple[Parameter, ...]
    returns: Annotation | None
    is_async: bool
    kind: str  # function, assignment, class, import
    node: ast.AST = field(compare=False, repr=False)
    wrapped: str | None = None  # for `X.create(fn)` assignments: the wrapped function's name
    wrapper: str | None = None  # the dotted call, e.g. `df.Orchestrator.create`
    signature_span: Span | None = None  # the `(...)` of a def
    returns_value: bool = False  # a `return <expr>` (not None) in the body

    def parameter(self, name: str) -> Parameter | None:
        """The parameter called `name`."""
        return next((p for p in self.parameters if p.name == name), None)


@dataclass(frozen=True)
class SyntaxProblem:
    """A syntax error at a position."""

    message: str
    span: Span


@dataclass(frozen=True)
class ScriptView:
    """The parsed script: top-level callables by name (the last definition wins), or the error."""

    text: str
    tree: ast.Module | None
    callables: dict[str, Callable_]
    syntax_error: SyntaxProblem | None
    index: LineIndex = field(compare=False, repr=False)
    # `walked()`'s nodes once computed (a one-element list: the view is frozen)
    _walked: list[tuple[ast.AST, ...]] = field(
        default_factory=list, compare=False, repr=False, init=False
    )

    def callable(self, name: str) -> Callable_ | None:
        """The top-level callable called `name`."""
        return self.callables.get(name)

    def walked(self) -> tuple[ast.AST, ...]:
        """The tree's imports, `global` statements and calls, in `ast.walk` order.

        One walk shared by the three analyses that look for them (imported packages for
        .funcignore, the namespace of annotations, the aliases of `os` for environment
        variables), which walked every script's whole tree each: 3.2 of 40 s of a profiled
        `funcls check` at 5,000 functions, a third of it after this change."""
        if not self._walked:
            tree = self.tree
            nodes = (
                () if tree is None else tuple(n for n in ast.walk(tree) if isinstance(n, _WALKED))
            )
            self._walked.append(nodes)
        return self._walked[0]


_WALKED = (ast.Import, ast.ImportFrom, ast.Global, ast.Call)


def parse_script(text: str) -> ScriptView:
    """Parse a script into a view; a syntax error is reported, never raised."""
    index = LineIndex(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except SyntaxError as exc:
        return ScriptView(text, None, {}, _syntax_problem(exc, index), index)
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, absurd nesting
        return ScriptView(
            text,
            None,
            {},
            SyntaxProblem(f"Python cannot parse this file: {exc}", Span(0, 0)),
            index,
        )
    compile_error = _compile_error(tree, index)
    if compile_error is not None:
        return ScriptView(text, None, {}, compile_error, index)
    callables: dict[str, Callable_] = {}
    for stmt in tree.body:
        for item in _callables_of(stmt, index, text):
            callables[item.name] = item
    return ScriptView(text, tree, callables, None, index)


def _compile_error(tree: ast.Module, index: LineIndex) -> SyntaxProblem | None:
    """The error the compiler raises after parsing (duplicate argument names, `return` or
    `await` outside a function, misplaced `nonlocal`...): the module cannot be imported either.
    The tree is compiled, never executed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, "<script>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return _syntax_problem(exc, index)
    except (ValueError, TypeError, RecursionError, MemoryError):
        return None  # not a verdict on the user's code
    return None


def callable_of(stmt: ast.stmt, view: ScriptView) -> Callable_ | None:
    """The callable a def, class or assignment statement defines (e.g. a method of a class)."""
    found = _callables_of(stmt, view.index, view.text)
    return found[-1] if found else None


def parameters_of(args: ast.arguments, view: ScriptView) -> tuple[Parameter, ...]:
    """The parameters of a def or lambda of the script."""
    return _parameters(args, view.index, view.text)


def annotation_of(node: ast.expr, view: ScriptView) -> Annotation:
    """An annotation expression of the script (e.g. of a class-level `name: T`)."""
    span = node_span(node, view.index)
    return Annotation(view.text[span.start : span.end], span, node)


def _syntax_problem(exc: SyntaxError, index: LineIndex) -> SyntaxProblem:
    line = (exc.lineno or 1) - 1
    column = max((exc.offset or 1) - 1, 0)
    start = index.offset(line, column)
    end_line = (exc.end_lineno or exc.lineno or 1) - 1
    end_column = max((exc.end_offset or (exc.offset or 1)) - 1, 0)
    end = index.offset(end_line, end_column)
    if end <= start:
        end = min(start + 1, index.line_end(line))
    return SyntaxProblem(f"Syntax error: {exc.msg}", Span(start, max(end, start)))


def node_span(node: ast.AST, index: LineIndex) -> Span:
    """The code-point span of an ast node (ast columns are UTF-8 byte offsets)."""
    start = _offset(index, node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end_line = getattr(node, "end_lineno", None) or node.lineno  # type: ignore[attr-defined]
    end_col = getattr(node, "end_col_offset", None)
    end = _offset(index, end_line, end_col if end_col is not None else node.col_offset)  # type: ignore[attr-defined]
    return Span(start, max(start, end))


def _offset(index: LineIndex, lineno: int, byte_col: int) -> int:
    line = lineno - 1
    text = index.line_text(line)
    if text.isascii() and byte_col >= 0:
        column = min(byte_col, len(text))  # bytes are code points: no encoding round trip
    else:
        column = len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
    return index.offset(line, column)


_DEF_KEYWORD = re.compile(r"(?:async\s+)?(?:def|class)\s+")


def _name_span(stmt: ast.AST, name: str, index: LineIndex, text: str) -> Span:
    """The span of a def's name: search after `def ` on the statement's first line."""
    start = _offset(index, stmt.lineno, stmt.col_offset)  # type: ignore[attr-defined]
    keyword = _DEF_KEYWORD.match(text, start)
    found = text.find(name, keyword.end() if keyword else start)
    if found < 0:
        return Span(start, start)
    return Span(found, found + len(name))


def _annotation(node: ast.expr | None, index: LineIndex, text: str) -> Annotation | None:
    if node is None:
        return None
    span = node_span(node, index)
    return Annotation(text[span.start : span.end], span, node)


def _parameters(args: ast.arguments, index: LineIndex, text: str) -> tuple[Parameter, ...]:
    result: list[Parameter] = []
    positional = [*args.posonlyargs, *args.args]
    defaults_from = len(positional) - len(args.defaults)
    for i, arg in enumerate(positional):
        default = args.defaults[i - defaults_from] if i >= defaults_from else None
        result.append(_parameter(arg, "positional", default, index, text))
    if args.vararg is not None:
        result.append(_parameter(args.vararg, "varargs", None, index, text))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=False):
        result.append(_parameter(arg, "keyword", kw_default, index, text))
    if args.kwarg is not None:
        result.append(_parameter(args.kwarg, "varkw", None, index, text))
    return tuple(result)


def _parameter(
    arg: ast.arg, kind: str, default: ast.expr | None, index: LineIndex, text: str
) -> Parameter:
    start = _offset(index, arg.lineno, arg.col_offset)
    return Parameter(
        name=arg.arg,
        span=Span(start, start + len(arg.arg)),
        kind=kind,
        annotation=_annotation(arg.annotation, index, text),
        has_default=default is not None,
        node=arg,
        default=default,
    )


def _returns_value(node: ast.AST) -> bool:
    """True when the function body has `return <expr>` other than `return None` (nested defs
    excluded)."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(current, ast.Return) and current.value is not None:
            if not (isinstance(current.value, ast.Constant) and current.value.value is None):
                return True
        stack.extend(ast.iter_child_nodes(current))
    return False


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _callables_of(stmt: ast.stmt, index: LineIndex, text: str) -> list[Callable_]:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        signature_start = text.find("(", node_span(stmt, index).start)
        return [
            Callable_(
                name=stmt.name,
                span=_name_span(stmt, stmt.name, index, text),
                parameters=_parameters(stmt.args, index, text),
                returns=_annotation(stmt.returns, index, text),
                is_async=isinstance(stmt, ast.AsyncFunctionDef),
                kind="function",
                node=stmt,
                signature_span=Span(signature_start, signature_start + 1)
                if signature_start >= 0
                else None,
                returns_value=_returns_value(stmt),
            )
        ]
    if isinstance(stmt, ast.ClassDef):
        return [
            Callable_(
                stmt.name, _name_span(stmt, stmt.name, index, text), (), None, False, "class", stmt
            )
        ]
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        value = stmt.value
        wrapped = wrapper = None
        if isinstance(value, ast.Call):
            wrapper = _dotted(value.func)
            if value.args and isinstance(value.args[0], ast.Name):
                wrapped = value.args[0].id
        elif isinstance(value, ast.Name):
            wrapped = value.id
        result = []
        for target in targets:
            if isinstance(target, ast.Name):
                result.append(
                    Callable_(
                        target.id,
                        node_span(target, index),
                        (),
                        None,
                        False,
                        "assignment",
                        stmt,
                        wrapped=wrapped,
                        wrapper=wrapper,
                    )
                )
        return result
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        result = []
        for alias in stmt.names:
            name = alias.asname or alias.name.split(".")[0]
            if name != "*":
                result.append(
                    Callable_(name, node_span(stmt, index), (), None, False, "import", stmt)
                )
        return result
    if isinstance(stmt, (ast.If, ast.Try)):
        # definitions guarded by `if`/`try` at the top level still exist at import time
        found = []
        bodies = [stmt.body, getattr(stmt, "orelse", [])]
        if isinstance(stmt, ast.Try):
            bodies += [h.body for h in stmt.handlers] + [stmt.finalbody]
        for body in bodies:
            for inner in body:
                found += _callables_of(inner, index, text)
        return found
    return []
