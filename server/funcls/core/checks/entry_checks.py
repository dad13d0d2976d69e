"""The entry script and the entry point as the Python worker loads them (validation-rules W-01,
W-03, W-04, I-06): a script outside the app root or with a syntax error, an entry point that is
missing or not callable, a function folder that tests cannot import. Each owns its code here."""

from __future__ import annotations

import difflib
import keyword
import os

from funcls.core.checks.worker_context import WorkerContext
from funcls.core.edits import json_edits
from funcls.core.entry_point import Entry
from funcls.core.function_view import OUTSIDE_APP, SYNTAX_ERROR
from funcls.core.problems import Code, Fix, Location, Related, Severity, Span
from funcls.core.pyentry import ScriptView

SCRIPT_OUTSIDE_APP = Code("FUNC201", Severity.ERROR, "Entry script outside the app root", ("W-01",))
PY_SYNTAX = Code(
    "FUNC204", Severity.ERROR, "Python syntax error (the module cannot be imported)", ("W-03",)
)
ENTRY_MISSING = Code("FUNC205", Severity.ERROR, "Entry point missing or not callable", ("W-04",))
FOLDER_NOT_IMPORTABLE = Code(
    "FUNC225", Severity.HINT, "Function folder name cannot be imported by tests", ("I-06",)
)

CODES: tuple[Code, ...] = (
    SCRIPT_OUTSIDE_APP,
    PY_SYNTAX,
    ENTRY_MISSING,
    FOLDER_NOT_IMPORTABLE,
)


def script_problem(ctx: WorkerContext, state: str) -> None:
    """W-01 and W-03: an entry script outside the app root, or with a syntax error. A
    script that is not .py (W-02) or unreadable (H-20, H-21) is reported with the discovery
    and function.json checks (FUNC105, FUNC123, FUNC124)."""
    fn = ctx.fn
    script = ctx.script
    assert script is not None
    anchor = ctx.json_anchor_for_script()
    root = ctx.app.root
    if state == OUTSIDE_APP:
        ctx.add(
            SCRIPT_OUTSIDE_APP,
            f"scriptFile '{fn.script_declared}' is outside the app root: the worker refuses "
            f"to load {ctx.in_fn()} (script path is not relative to the app directory).",
            fn.json_path,
            anchor,
        )
        return
    view = ctx.workspace.script(script)
    if state == SYNTAX_ERROR and view is not None and view.syntax_error is not None:
        line = view.index.position(view.syntax_error.span.start)[0] + 1
        ctx.add(
            PY_SYNTAX,
            f"The entry script {os.path.relpath(script, root)} has a syntax error at line "
            f"{line} ({view.syntax_error.message}): {ctx.in_fn()} cannot load.",
            fn.json_path,
            anchor,
            related=(Related(Location(script, view.syntax_error.span), view.syntax_error.message),),
        )


def entry_problem(ctx: WorkerContext, entry: Entry, view: ScriptView) -> None:
    """W-04: the entry point is missing or not callable (both files)."""
    assert ctx.script is not None
    rel = os.path.relpath(ctx.script, ctx.app.root)
    prop = ctx.fn.top_level("entryPoint")
    anchor = (
        Span(prop.value.start, prop.value.end)
        if prop is not None and prop.value is not None
        else ctx.json_anchor_for_script()
    )
    if entry.kind == "missing":
        message = (
            f"The entry point {entry.name}() of {ctx.in_fn()} is not defined in {rel}: "
            f"the worker fails with: function {entry.name}() is not present in {rel}."
        )
    else:
        message = f"The entry point '{entry.name}' of {ctx.in_fn()} is not callable in {rel}."
    fixes: list[Fix] = []
    candidates = [
        c.name
        for c in view.callables.values()
        if c.kind == "function" and not c.name.startswith("_")
    ]
    close = difflib.get_close_matches(entry.name, candidates, n=3, cutoff=0.0)
    for name in close[:3]:
        if ctx.json_doc is None or ctx.fn.root_object is None:
            break
        edit = json_edits.set_string(
            ctx.json_doc, ctx.fn.json_path, ctx.fn.root_object, "entryPoint", name
        )
        fixes.append(Fix(f"Use {name}() as the entry point", (edit,), preferred=len(fixes) == 0))
    script_span = entry.name_span or _first_line(view)
    ctx.add_both(
        ENTRY_MISSING,
        message,
        script=(script_span, f"{rel}"),
        json=(anchor, "function.json"),
        fixes=tuple(fixes),
    )


def folder_name(ctx: WorkerContext, entry: Entry) -> None:
    """I-06: a function folder whose name is not a Python identifier."""
    name = ctx.fn.name
    if name.isidentifier() and not keyword.iskeyword(name):
        return
    if entry.name_span is None or ctx.script is None:
        return
    if os.path.dirname(ctx.script) != ctx.fn.folder:
        return
    ctx.add(
        FOLDER_NOT_IMPORTABLE,
        f"The function folder '{name}' is not a valid Python module name: the worker loads "
        f"it, but tests cannot `from {name} import {entry.name}`.",
        ctx.script,
        entry.name_span,
    )


def _first_line(view: ScriptView) -> Span:
    for line in range(view.index.line_count):
        text = view.index.line_text(line)
        if text.strip() and not text.lstrip().startswith("#"):
            start = view.index.line_start(line)
            return Span(start, start + len(text))
    return Span(0, 0)
