"""Python files of an app on their own: syntax errors (W-03), imports as the worker resolves them
(I-01 to I-07, W-03, R-03) and app settings read from the environment (`os.environ`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from funcls.core.app_settings import read_local_settings
from funcls.core.checks.base import CheckContext
from funcls.core.jsontree import JsonObject
from funcls.core.problems import Fix, Problem, make_problem
from funcls.core.pyentry import ScriptView
from funcls.core.python import codes
from funcls.core.python.edits import set_string
from funcls.core.python.environment import environment
from funcls.core.python.envvars import env_reads, platform_provided
from funcls.core.python.imports import ImportChecker, in_app_source
from funcls.core.sources import SourceFile

CODES = codes.IMPORT_CODES


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
            codes.PY_SYNTAX,
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
        yield make_problem(codes.SETTING_UNDEFINED, message, source.path, read.span, fixes=fixes)
