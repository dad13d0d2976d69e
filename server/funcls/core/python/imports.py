"""Imports of the app's Python files as the worker resolves them: the import sites of a script
and the distributions requirements.txt lists. The rules on them (validation-rules I-01 to I-07,
W-03, R-03) are in `checks/import_rules.py`.

The worker imports an entry script as `__app__.<Function>[.<module>]` with the app root on
`sys.path`: absolute imports from the app root and relative imports inside a function folder
work; `from __app__...` and `from ..shared_code` work only inside the worker; implicit sibling
imports (`import helper`) fail. A module that is neither part of the app, nor installed in the
analysed environment or `.python_packages`, nor provided by a package listed in requirements.txt
fails with ModuleNotFoundError once deployed.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass

from funcls.core import requirements_file
from funcls.core.problems import Span
from funcls.core.pyentry import ScriptView, node_span
from funcls.core.workspace import SKIPPED_FOLDERS, Workspace

_OPTIONAL_HANDLERS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


@dataclass(frozen=True)
class ImportSite:
    """One imported module: the statement, the dotted name, where it is written."""

    stmt: ast.Import | ast.ImportFrom
    module: str  # dotted, without the leading dots
    level: int
    names: tuple[str, ...]  # for `from X import a, b`: a, b
    span: Span  # the module name as written (dots included)
    guarded: bool  # inside try/except ImportError or `if TYPE_CHECKING`
    nested: bool  # inside a def or class body: runs when called


def _handler_catches(handler: ast.ExceptHandler) -> bool:
    kind = handler.type
    if kind is None:
        return True
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    for name in names:
        label = name.attr if isinstance(name, ast.Attribute) else getattr(name, "id", "")
        if label in _OPTIONAL_HANDLERS:
            return True
    return False


def import_sites(view: ScriptView) -> list[ImportSite]:
    """Every import statement of a script, with its context."""
    if view.tree is None:
        return []
    found: list[ImportSite] = []
    _walk(view, view.tree.body, False, False, found)
    return found


def _walk(
    view: ScriptView, body: list[ast.stmt], guarded: bool, nested: bool, found: list[ImportSite]
) -> None:
    for stmt in body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                span = (
                    node_span(alias, view.index)
                    if hasattr(alias, "lineno")
                    else node_span(stmt, view.index)
                )
                span = Span(span.start, span.start + len(alias.name))
                found.append(ImportSite(stmt, alias.name, 0, (), span, guarded, nested))
        elif isinstance(stmt, ast.ImportFrom):
            found.append(
                ImportSite(
                    stmt,
                    stmt.module or "",
                    stmt.level or 0,
                    tuple(a.name for a in stmt.names),
                    _from_module_span(view, stmt),
                    guarded,
                    nested,
                )
            )
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            _walk(view, stmt.body, guarded, True, found)
        elif isinstance(stmt, ast.If):
            is_tc = isinstance(stmt.test, (ast.Name, ast.Attribute)) and (
                getattr(stmt.test, "id", None) == "TYPE_CHECKING"
                or getattr(stmt.test, "attr", None) == "TYPE_CHECKING"
            )
            _walk(view, stmt.body, guarded or is_tc, nested, found)
            _walk(view, stmt.orelse, guarded, nested, found)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            catches = any(_handler_catches(h) for h in stmt.handlers)  # type: ignore[attr-defined]
            _walk(view, stmt.body, guarded or catches, nested, found)  # type: ignore[attr-defined]
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                _walk(view, handler.body, guarded, nested, found)
            _walk(view, stmt.orelse, guarded, nested, found)  # type: ignore[attr-defined]
            _walk(view, stmt.finalbody, guarded, nested, found)  # type: ignore[attr-defined]
        elif isinstance(stmt, (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While)):
            _walk(view, stmt.body, guarded, nested, found)
            _walk(view, getattr(stmt, "orelse", []), guarded, nested, found)


_FROM = re.compile(r"from\s+((?:\.\s*)*)")
_DOTTED = re.compile(r"[\w.]+")


def _from_module_span(view: ScriptView, stmt: ast.ImportFrom) -> Span:
    """The module as written: `.x`, `shared.y`, or the dots alone of `from . import x`."""
    start = node_span(stmt, view.index).start
    match = _FROM.match(view.text, start)
    if match is None:
        return Span(start, start + 4)
    dots = match.group(1)
    end = match.start(1) + len(dots.rstrip())
    if stmt.module:
        name = _DOTTED.match(view.text, match.end(1))
        if name is not None:
            end = name.end()
    return Span(match.start(1), end)


# -- requirements.txt -------------------------------------------------------------------------
@dataclass(frozen=True)
class Requirement:
    """A distribution listed in requirements.txt."""

    name: str
    line: int


def read_requirements(workspace: Workspace, path: str, depth: int = 0) -> list[Requirement] | None:
    """The distributions of a requirements file (following `-r` includes), None when missing."""
    source = workspace.read(path)
    if source is None or source.text is None:
        return None
    found: list[Requirement] = []
    for line in requirements_file.parse(source.text):
        include = line.include
        if include is not None:
            if depth < 3:
                nested = os.path.join(os.path.dirname(path), include)
                found.extend(read_requirements(workspace, nested, depth + 1) or [])
            continue
        distribution = line.distribution
        if distribution is not None:
            found.append(Requirement(distribution, line.number))
    return found


def provides(names: tuple[str, ...], module: str) -> bool:
    """True when one of `names` (the modules a distribution installs) is `module`, a package
    above it or a module inside it."""
    return any(
        module == n or module.startswith(n + ".") or n.startswith(module + ".") for n in names
    )


def in_app_source(app_root: str, path: str) -> bool:
    """True for a Python file of the app itself (not a virtual environment or package cache)."""
    rel = os.path.relpath(path, app_root)
    if rel.startswith(".."):
        return False
    parts = rel.split(os.sep)[:-1]
    return not any(p in SKIPPED_FOLDERS or p.startswith(".") for p in parts)
