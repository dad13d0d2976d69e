"""Python files of an app: syntax errors (W-03), imports as the worker resolves them (I-01 to
I-07, W-03, R-03) and app settings read from the environment (`os.environ`), each file on its
own; and per function, the app modules its entry script imports (transitively) that fail to
import, reported at the entry script's import that leads to them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from funcls.core.app_model import FunctionInfo
from funcls.core.app_settings import read_local_settings
from funcls.core.checks import entry_checks, import_rules
from funcls.core.checks.base import CheckContext
from funcls.core.checks.import_rules import ImportChecker
from funcls.core.edits.json_edits import set_string
from funcls.core.jsontree import JsonObject
from funcls.core.problems import Code, Fix, Location, Problem, Related, Severity, make_problem
from funcls.core.pyentry import ScriptView
from funcls.core.python.environment import environment
from funcls.core.python.envvars import env_reads, platform_provided
from funcls.core.python.import_graph import edges_of, remembered
from funcls.core.python.imports import ImportSite, in_app_source
from funcls.core.sources import SourceFile

SETTING_UNDEFINED = Code(
    "FUNC310", Severity.WARNING, "App setting read in Python is defined nowhere", ("C-04",)
)

CODES: tuple[Code, ...] = (*import_rules.CODES, SETTING_UNDEFINED)


def _is_test_file(app_root: str, path: str) -> bool:
    rel = os.path.relpath(path, app_root).split(os.sep)
    name = rel[-1]
    return (
        any(part in ("tests", "test") for part in rel[:-1])
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
    )


def check_python_file(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Syntax, imports and environment settings of one Python file of an app."""
    if source.text is None:
        return []
    root = ctx.app.root if ctx.app is not None else ctx.workspace.app_root_for(source.path)
    if root is None or not in_app_source(root, source.path):
        return []
    return list(_problems(ctx, root, source))


def _problems(ctx: CheckContext, root: str, source: SourceFile) -> Iterator[Problem]:
    view = ctx.workspace.script(source.path)
    if view is None:
        return
    if view.syntax_error is not None:
        yield make_problem(
            entry_checks.PY_SYNTAX,
            f"{view.syntax_error.message}: the worker cannot import this file.",
            source.path,
            view.syntax_error.span,
        )
        return
    if not _is_test_file(root, source.path):
        env = environment(ctx.settings.python_path, root)
        yield from ImportChecker(ctx.workspace, root, source.path, view, env).run()
    yield from _settings(ctx, root, source, view)


def _settings(
    ctx: CheckContext, root: str, source: SourceFile, view: ScriptView
) -> Iterator[Problem]:
    reads = env_reads(view)
    if not reads:
        return
    local = read_local_settings(ctx.workspace, root)
    if not local.exists:
        return
    document = ctx.workspace.json(local.path)
    values_node = ctx.workspace.json_object(local.path)
    if values_node is None:
        return  # unreadable or broken: its own checks say so
    values = values_node.get_value("Values")
    stored = {r.name for r in reads if r.kind == "store"}
    for read in reads:
        if read.kind not in ("subscript", "get", "getenv") or read.has_default:
            continue
        name = read.name
        if name in local.values or name in stored or platform_provided(name) or not name:
            continue
        similar = [n for n in local.values if n.lower() == name.lower()]
        if read.kind == "subscript":
            effect = f"os.environ['{name}'] raises KeyError"
        else:
            effect = "it reads None"
        message = (
            f"App setting '{name}' is not defined in local.settings.json (Values): {effect} when "
            "the function runs locally. Define it there and in the app's settings in Azure."
        )
        if similar:
            message += f" local.settings.json defines '{similar[0]}' (names are case-sensitive)."
        fixes: tuple[Fix, ...] = ()
        if document is not None and isinstance(values, JsonObject):
            edit = set_string(document, local.path, values, name, "")
            fixes = (Fix(f"Add '{name}' to local.settings.json", (edit,)),)
        yield make_problem(SETTING_UNDEFINED, message, source.path, read.span, fixes=fixes)


# -- modules the entry script imports -------------------------------------------------------------
_MAX_CHAIN = 40  # deeper import chains are not followed


def check_function_imports(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """W-03 through the app's own modules: an entry script import of an app module that fails
    to import (a syntax error, or an import of its own that fails: a package nothing provides,
    a missing app module, an implicit sibling import), followed transitively."""
    script = fn.script_path
    if ctx.app is None or not script or not script.endswith(".py"):
        return []
    root = ctx.app.root
    if not in_app_source(root, script):
        return []
    found: list[Problem] = []
    seen = {script}
    reported: set[int] = set()  # one problem per import statement
    for edge in edges_of(ctx.workspace, root, script):
        site = edge.site
        if site.guarded or id(site) in reported:
            continue  # `try: ... except ImportError` catches a failure deeper down too
        failure = _first_failure(ctx, root, edge.target, seen, 0)
        if failure is not None:
            cause, chain = failure
            found.append(_through(ctx, root, fn, site, cause, chain))
            reported.add(id(site))
    return found


def _breaking(ctx: CheckContext, root: str, path: str) -> list[Problem]:
    """`_breaking_now`, checked once per module while the sources do not change, however many
    functions import it."""
    key = ("breaking", path, ctx.settings.python_path or "")
    return remembered(ctx.workspace, key, lambda: _breaking_now(ctx, root, path))


def _breaking_now(ctx: CheckContext, root: str, path: str) -> list[Problem]:
    """The problems of one app module that make importing it fail (Errors at module level)."""
    view = ctx.workspace.script(path)
    if view is None:
        return []
    if view.syntax_error is not None:
        return [
            make_problem(
                entry_checks.PY_SYNTAX,
                f"{view.syntax_error.message}: the worker cannot import this file.",
                path,
                view.syntax_error.span,
            )
        ]
    env = environment(ctx.settings.python_path, root)
    checker = ImportChecker(ctx.workspace, root, path, view, env)
    return [p for p in checker.run() if p.severity == Severity.ERROR and p.path == path]


def _first_failure(
    ctx: CheckContext, root: str, path: str, seen: set[str], depth: int
) -> tuple[Problem, list[str]] | None:
    """The first failing import met when importing `path` (depth first, in statement order),
    with the chain of modules leading to it; each module is visited once (cycles end there)."""
    if path in seen or depth > _MAX_CHAIN:
        return None
    seen.add(path)
    breaking = _breaking(ctx, root, path)
    if breaking:
        return breaking[0], [path]
    for edge in edges_of(ctx.workspace, root, path):
        if edge.site.guarded or edge.site.nested:
            continue  # caught, or run only when a function is called
        deeper = _first_failure(ctx, root, edge.target, seen, depth + 1)
        if deeper is not None:
            return deeper[0], [path, *deeper[1]]
    return None


def _summary(problem: Problem) -> str:
    if problem.code == entry_checks.PY_SYNTAX.id:
        return problem.message.removesuffix(": the worker cannot import this file.")
    return problem.message.split(": ", 1)[0]


def _through(
    ctx: CheckContext,
    root: str,
    fn: FunctionInfo,
    site: ImportSite,
    cause: Problem,
    chain: list[str],
) -> Problem:
    """The failure `cause` deep in `chain`, reported at the entry script's import `site` with
    the cause's own code (a severity setting or suppression of that code applies to both)."""
    cause_view = ctx.workspace.script(cause.path)
    line = cause_view.index.position(cause.span.start)[0] + 1 if cause_view is not None else 1
    shown = "." * site.level + site.module
    first = chain[0]
    stem = os.path.basename(os.path.dirname(first) if first.endswith("__init__.py") else first)
    stem = stem.removesuffix(".py")
    if stem in site.names and not site.module.endswith(stem):
        shown += ("." if site.module else "") + stem  # `from . import helper`: '.helper'
    through = ""
    if len(chain) > 1:
        through = " (through " + " -> ".join(os.path.relpath(p, root) for p in chain) + ")"
    when = "when it runs" if site.nested else "when the worker loads it"
    message = (
        f"Importing '{shown}' fails{through}: {os.path.relpath(cause.path, root)} line {line}: "
        f"{_summary(cause)}. Function '{fn.name}' fails {when}."
    )
    return replace(
        cause,
        severity=Severity.WARNING if site.nested else cause.severity,
        message=message,
        path=fn.script_path or "",
        span=site.span,
        related=(Related(Location(cause.path, cause.span), "the import that fails"),),
        # fixes elsewhere (requirements.txt) apply from here too; edits of the module do not
        fixes=tuple(f for f in cause.fixes if all(e.path != cause.path for e in f.edits)),
        unnecessary=False,
        deprecated=False,
    )
