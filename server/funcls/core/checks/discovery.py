"""App discovery (validation-rules H-01..H-07): which folders the host loads as functions.

* H-02: a function folder name must match `^[a-z][a-z0-9_-]{0,127}$` (ignoring case), not `host`;
* H-04: a `function_app.py` at the app root makes the worker index the decorator model, and every
  function.json is then ignored;
* H-05: with a Python app, a function whose script is not a `.py` file is not loaded;
* H-06: `disabled`/`excluded` in function.json are runtime 1.x switches the v4 host ignores;
* H-07: host.json `functions` is an allow-list; names matching no function are mistakes;
* H-01/H-03: function.json files deeper than one level are never discovered; an app without
  functions may have been zipped one level too deep; function folders with no host.json at or
  above them are an app missing its host.json.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable

from funcls.core.app_model import FUNCTION_JSON, HOST_JSON, FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import PYTHON_V2_SCRIPT, add_setting_fix, head_span, related_at
from funcls.core.edits.json_edits import change_to, remove_property
from funcls.core.host_config import host_config
from funcls.core.jsontree import JsonBoolean, JsonNode, JsonString
from funcls.core.problems import Code, Fix, Problem, Severity, Span, make_problem
from funcls.core.sources import SourceFile, normalize_path
from funcls.core.spans import node_span
from funcls.core.workspace import Workspace

INVALID_NAME = Code("FUNC100", Severity.ERROR, "Invalid function folder name", ("H-02",))
V2_MODEL = Code(
    "FUNC101",
    Severity.ERROR,
    "function_app.py at the app root: every function.json is ignored",
    ("H-04",),
)
DISABLED = Code(
    "FUNC102",
    Severity.WARNING,
    "'disabled'/'excluded' in function.json have no effect on the v4 host",
    ("H-06",),
)
UNKNOWN_ALLOWED = Code(
    "FUNC103", Severity.WARNING, "host.json 'functions' names no existing function", ("H-07",)
)
NOT_DISCOVERED = Code(
    "FUNC104",
    Severity.WARNING,
    "function.json too deep: the host only scans the app root's immediate sub-folders",
    ("H-01",),
)
NOT_PYTHON = Code("FUNC105", Severity.ERROR, "Entry script is not a Python file", ("H-05", "W-02"))
NOT_ALLOWED = Code(
    "FUNC106",
    Severity.INFORMATION,
    "Function left out by the host.json 'functions' allow-list",
    ("H-07",),
)
NO_FUNCTIONS = Code("FUNC107", Severity.INFORMATION, "The app has no functions", ("H-03",))
NO_HOST_JSON = Code(
    "FUNC108",
    Severity.ERROR,
    "Function folders or function_app.py without a host.json: the app misses its host.json",
    ("H-01",),
)

CODES = (
    INVALID_NAME,
    V2_MODEL,
    DISABLED,
    UNKNOWN_ALLOWED,
    NOT_DISCOVERED,
    NOT_PYTHON,
    NOT_ALLOWED,
    NO_FUNCTIONS,
    NO_HOST_JSON,
)

FUNCTION_NAME = re.compile(r"^[a-z][a-z0-9_\-]{0,127}$", re.IGNORECASE)


# -- function checks -------------------------------------------------------------------------------
def check_function_discovery(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """H-02, H-04, H-05, H-06 and the allow-list for one function."""
    problems: list[Problem] = []
    problems += _folder_name(fn)
    problems += _v2_model(ctx, fn)
    problems += _not_python(ctx, fn)
    problems += _disabled(ctx, fn)
    problems += _allow_listed(ctx, fn)
    return problems


def _folder_name(fn: FunctionInfo) -> list[Problem]:
    name = fn.name
    if FUNCTION_NAME.match(name) and name.lower() != "host":
        return []
    if name.lower() == "host":
        reason = "'host' is reserved"
    elif not name[:1].isascii() or not name[:1].isalpha():
        reason = "it must start with a letter"
    elif len(name) > 128:
        reason = "it is longer than 128 characters"
    else:
        bad = sorted({c for c in name if not (c.isascii() and (c.isalnum() or c in "_-"))})
        shown = " ".join(repr(c) for c in bad)
        reason = f"it contains {shown}; only letters, digits, '_' and '-' are allowed"
    return [
        make_problem(
            INVALID_NAME,
            f"'{name}' is not a valid function name: {reason}. The host does not load this "
            "function; rename the folder.",
            fn.json_path,
            head_span(fn),
        )
    ]


def _v2_model(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    if ctx.app is None:
        return []
    script = os.path.join(ctx.app.root, PYTHON_V2_SCRIPT)
    if not ctx.workspace.sources.exists(script):
        return []
    count = len([f for f in ctx.app.functions if not f.is_v2])
    others = f"this and {count - 1} other function.json folders" if count > 1 else "this function"
    return [
        make_problem(
            V2_MODEL,
            f"function_app.py at the app root makes the Python worker use the decorator (v2) "
            f"model, so the host ignores {others}: function '{fn.name}' is never loaded. Remove "
            "or rename function_app.py, or move the function into it.",
            fn.json_path,
            head_span(fn),
            related=(related_at(script, Span(0, 0), "the decorator-model entry point"),),
        )
    ]


def _not_python(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    if not fn.script_path or fn.script_path.lower().endswith(".py"):
        return []
    if ctx.app is not None and not any(
        (f.script_path or "").lower().endswith(".py") for f in ctx.app.functions
    ):
        return []  # not a Python app: nothing here is judged against the Python worker
    name = os.path.basename(fn.script_path)
    prop = fn.top_level("scriptFile")
    span = node_span(prop.value) if prop is not None and prop.value is not None else head_span(fn)
    how = "'scriptFile' names" if fn.script_declared else "the host picks"
    return [
        make_problem(
            NOT_PYTHON,
            f"{how} '{name}', which is not a Python file: with FUNCTIONS_WORKER_RUNTIME 'python' "
            f"function '{fn.name}' is not loaded (the worker needs a .py entry script).",
            fn.json_path,
            span,
        )
    ]


def _switches_on(value: JsonNode | None) -> bool:
    """True when the value would disable (or exclude) the function under runtime 1.x: `true`, or a
    string other than "false" (1.x also read a string as the name of an app setting). `false`,
    `"false"`, `null` and a missing value leave the function running, as on the v4 host."""
    if isinstance(value, JsonBoolean):
        return value.value
    if isinstance(value, JsonString):
        return value.value.strip().lower() not in ("", "false")
    return False


def _disabled(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    root = fn.root_object
    document = fn.document
    if root is None or document is None:
        return []
    problems: list[Problem] = []
    setting = f"AzureWebJobs.{fn.name}.Disabled"
    for prop in root.properties:
        key = prop.key.value
        if key not in ("disabled", "excluded") or not _switches_on(prop.value):
            continue  # `false` does what the author meant: the function runs
        removal = remove_property(fn.json_path, document.text, prop)
        fixes: list[Fix] = []
        if key == "disabled":
            message = (
                f"'disabled' has no effect on the v4 host: function '{fn.name}' still runs. "
                f"Disable it with the app setting '{setting}' = \"true\" (in local.settings.json "
                "Values locally, and in the app's settings in Azure)."
            )
            turned_on = isinstance(prop.value, JsonBoolean) and prop.value.value
            turned_on = turned_on or (
                isinstance(prop.value, JsonString) and prop.value.value.strip().lower() == "true"
            )
            if turned_on and removal is not None and ctx.app is not None:
                add = add_setting_fix(ctx.workspace, ctx.app.root, setting, "true")
                if add is not None:
                    fixes.append(
                        Fix(
                            f"Disable with the app setting '{setting}' in local.settings.json",
                            (*add.edits, removal),
                            preferred=True,
                        )
                    )
        else:
            message = (
                f"'excluded' is a runtime 1.x property the v4 host ignores: function '{fn.name}' "
                "is still loaded. Use the host.json 'functions' allow-list, or the app setting "
                f"'{setting}', instead."
            )
        if removal is not None:
            fixes.append(Fix(f"Remove '{key}'", (removal,)))
        problems.append(
            make_problem(
                DISABLED,
                message,
                fn.json_path,
                Span(prop.key.start, prop.key.end),
                fixes=tuple(fixes),
                deprecated=True,
            )
        )
    return problems


def _allow_listed(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    if ctx.app is None:
        return []
    host = host_config(ctx.workspace, ctx.app)
    allow = host.allow_list
    if allow is None:
        return []
    names = [item.value for item in allow.items if isinstance(item, JsonString)]
    if any(n.lower() == fn.name.lower() for n in names):
        return []
    return [
        make_problem(
            NOT_ALLOWED,
            f"host.json 'functions' lists only {', '.join(repr(n) for n in names) or 'nothing'}; "
            f"function '{fn.name}' is not loaded.",
            fn.json_path,
            head_span(fn),
            related=(related_at(host.path, node_span(allow), "the allow-list"),),
        )
    ]


# -- app checks ------------------------------------------------------------------------------------
def check_app_discovery(ctx: CheckContext) -> Iterable[Problem]:
    """H-07 names in the allow-list matching no function; H-03 apps without functions."""
    app = ctx.app
    if app is None:
        return []
    host = host_config(ctx.workspace, app)
    problems: list[Problem] = []
    allow = host.allow_list
    known = {fn.name.lower(): fn.name for fn in app.functions}
    v2 = app.v2
    if v2 is not None:
        # the function a web-app class adds is one too; a decorated def the model leaves out
        # (another library's decorators, a wrapper) has a name that cannot be known
        known.update({f.name.lower(): f.name for f in v2.http_app_functions})
        if (
            len({id(f) for _, f, _ in v2.declared}) > len([f for f in app.functions if f.is_v2])
            or not v2.registrations_known
        ):
            allow = None
    if allow is not None:
        for item in allow.items:
            if not isinstance(item, JsonString) or item.value.lower() in known:
                continue
            close = difflib.get_close_matches(item.value.lower(), list(known), n=1, cutoff=0.6)
            hint = f" Did you mean '{known[close[0]]}'?" if close else ""
            fixes = tuple(change_to(host.path, item, known[c]) for c in close)
            problems.append(
                make_problem(
                    UNKNOWN_ALLOWED,
                    f"'{item.value}' in the 'functions' allow-list matches no function folder of "
                    f"this app.{hint}",
                    host.path,
                    node_span(item),
                    fixes=fixes,
                )
            )
    if not app.functions and host.exists:
        problems += _no_functions(ctx, host.path)
    return problems


def _no_functions(ctx: CheckContext, host_path: str) -> list[Problem]:
    app = ctx.app
    assert app is not None
    if ctx.workspace.sources.exists(os.path.join(app.root, PYTHON_V2_SCRIPT)):
        return []  # a decorator-model app: not ours to judge
    nested: list[str] = []
    deep: list[str] = []
    for name in ctx.workspace.sources.list_dir(app.root):
        folder = os.path.join(app.root, name)
        if not os.path.isdir(folder) or name.startswith("."):
            continue
        if ctx.workspace.sources.exists(os.path.join(folder, HOST_JSON)):
            nested.append(name)
            continue
        for child in ctx.workspace.sources.list_dir(folder):
            if ctx.workspace.sources.exists(os.path.join(folder, child, FUNCTION_JSON)):
                deep.append(f"{name}/{child}")
    if nested:
        detail = (
            f" '{nested[0]}/host.json' exists: the app was probably placed (or zipped) one level "
            "too deep."
        )
    elif deep:
        detail = (
            f" '{deep[0]}/function.json' is two levels down; functions must be immediate "
            "sub-folders of the folder holding host.json."
        )
    else:
        detail = " Add a folder with a function.json for each function."
    return [
        make_problem(
            NO_FUNCTIONS,
            "No function folders found next to host.json." + detail,
            host_path,
            Span(0, 0),
        )
    ]


# -- file check ------------------------------------------------------------------------------------
def check_function_json_location(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """H-01: a function.json below an app root but not in an immediate sub-folder of it."""
    if ctx.app is None:
        return []
    folder = os.path.dirname(source.path)
    if normalize_path(os.path.dirname(folder)) == normalize_path(ctx.app.root):
        return []
    if normalize_path(folder) == normalize_path(ctx.app.root):
        message = (
            "function.json next to host.json is not a function: the host only reads function.json "
            "files in sub-folders of the app root (one folder per function)."
        )
    else:
        relative = os.path.relpath(folder, ctx.app.root).replace(os.sep, "/")
        message = (
            f"'{relative}' is not an immediate sub-folder of the app root, so the host never "
            "discovers this function; move the folder up next to host.json."
        )
    return [make_problem(NOT_DISCOVERED, message, source.path, Span(0, 0))]


# -- an app without host.json ----------------------------------------------------------------------
def check_hostless_function_json(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """FUNC108 on a function.json that no host.json at or above it owns (H-01): the same verdict
    for a file opened in the editor, found by a workspace scan or checked on the command line."""
    if ctx.app is not None or ctx.workspace.app_root_for(source.path) is not None:
        return []
    path = normalize_path(source.path)
    folder = os.path.dirname(os.path.dirname(path))
    return [p for p in check_missing_host_json(ctx.workspace, folder) if p.path == path]


def check_hostless_v2_script(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """FUNC108 on the function_app.py of a folder that no host.json at or above it owns."""
    path = normalize_path(source.path)
    if os.path.basename(path) != PYTHON_V2_SCRIPT or ctx.app is not None:
        return []
    if ctx.workspace.app_root_for(path) is not None:
        return []
    folder = os.path.dirname(path)
    return [p for p in check_missing_host_json(ctx.workspace, folder) if p.path == path]


def hostless_app_files(workspace: Workspace, paths: Iterable[str]) -> list[str]:
    """The function.json files (or, without them, the function_app.py) of the folders at or
    below `paths` (or given) that belong to no app: apps missing their host.json."""
    found: list[str] = []
    for folder in workspace.find_hostless_roots(paths):
        jsons = [
            normalize_path(os.path.join(folder, name, FUNCTION_JSON))
            for name in workspace.sources.list_dir(folder)
            if workspace.sources.exists(os.path.join(folder, name, FUNCTION_JSON))
        ]
        script = os.path.join(folder, PYTHON_V2_SCRIPT)
        if not jsons and workspace.sources.exists(script):
            jsons.append(normalize_path(script))
        found.extend(jsons)
    return found


def check_missing_host_json(workspace: Workspace, folder: str) -> list[Problem]:
    """H-01: function folders whose parent has no host.json (nor any folder above it).

    Core Tools looks upwards for host.json and stops with "Unable to find project root.
    Expecting to find one of host.json in project root." (Azure/azure-functions-core-tools,
    src/Azure.Functions.Cli/Helpers/ScriptHostHelpers.cs, GetFunctionAppRootDirectory, commit
    30228f0a7aa61c10b8dcdb3cf6873efa265ec560), and the host's script root is the folder of
    host.json. Reported on every function.json, at its first character; for a v2 app, on the
    first line of function_app.py.
    """
    names = [
        name
        for name in workspace.sources.list_dir(folder)
        if workspace.sources.exists(os.path.join(folder, name, FUNCTION_JSON))
    ]
    shown = ", ".join(f"'{n}'" for n in names[:5]) + (
        f" and {len(names) - 5} more" if len(names) > 5 else ""
    )
    problems: list[Problem] = []
    script = os.path.join(folder, PYTHON_V2_SCRIPT)
    if not names and workspace.sources.exists(script):
        view = workspace.script(script)
        end = view.index.line_end(0) if view is not None else 0
        return [
            make_problem(
                NO_HOST_JSON,
                f"No host.json next to function_app.py in '{os.path.basename(folder) or folder}': "
                'Core Tools stops ("Unable to find project root") and the host loads no function. '
                'Add host.json next to function_app.py, with at least {"version": "2.0"}.',
                normalize_path(script),
                Span(0, end),
            )
        ]
    for name in names:
        path = os.path.join(folder, name, FUNCTION_JSON)
        source = workspace.read(path)
        text = source.text if source is not None and source.text is not None else ""
        start = len(text) - len(text.lstrip())
        span = Span(start, start + 1) if start < len(text) else Span(0, 0)
        problems.append(
            make_problem(
                NO_HOST_JSON,
                f"No host.json in '{os.path.basename(folder) or folder}', which holds the function "
                f"folders {shown}: this is an app missing its host.json, so Core Tools stops "
                '("Unable to find project root") and the host loads none of them. Add host.json '
                'next to the function folders, with at least {"version": "2.0"}.',
                normalize_path(path),
                span,
            )
        )
    return problems
