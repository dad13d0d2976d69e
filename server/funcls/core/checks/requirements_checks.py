"""requirements.txt rules (validation-rules R-01, R-02, R-04, R-05, C-11).

Lines are read the way pip reads them, by `funcls.core.requirements_file` (comments, `\\`
continuations, options such as `-r` or `--index-url`, URLs and paths are skipped), and
requirements are parsed with `packaging`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from funcls.core.app_model import AppModel
from funcls.core.checks.base import CheckContext
from funcls.core.problems import Code, Fix, Problem, Severity, Span, TextEdit, make_problem
from funcls.core.requirements_file import RequirementLine, requirement_lines
from funcls.core.sources import SourceFile
from funcls.core.text import line_start

WORKER_LISTED = Code(
    "FUNC600",
    Severity.WARNING,
    "azure-functions-worker listed in requirements.txt",
    ("R-01", "C-11"),
)
LIBRARY_MISSING = Code(
    "FUNC601", Severity.INFORMATION, "azure-functions missing from requirements.txt", ("R-02",)
)
PLATFORM_ONLY = Code(
    "FUNC602",
    Severity.WARNING,
    "Windows- or macOS-only package without an environment marker",
    ("R-04",),
)
PROTOBUF_PIN = Code("FUNC603", Severity.INFORMATION, "protobuf 4.x or grpcio pinned", ("R-05",))
BACKPORT = Code("FUNC604", Severity.WARNING, "Backport of a standard-library module", ("R-04",))
UNPARSABLE = Code("FUNC605", Severity.ERROR, "Requirement pip cannot parse")
NO_REQUIREMENTS = Code(
    "FUNC606", Severity.WARNING, "No requirements.txt in the app root", ("R-02", "R-03")
)

CODES = (
    WORKER_LISTED,
    LIBRARY_MISSING,
    PLATFORM_ONLY,
    PROTOBUF_PIN,
    BACKPORT,
    UNPARSABLE,
    NO_REQUIREMENTS,
)

WORKER = "azure-functions-worker"
LIBRARY = "azure-functions"
PLATFORM_PACKAGES: dict[str, tuple[str, str]] = {
    **{
        name: ("Windows", 'sys_platform == "win32"')
        for name in (
            "pywin32",
            "pypiwin32",
            "pywin32-ctypes",
            "pywinpty",
            "pywinauto",
            "comtypes",
            "wmi",
            "winshell",
            "windows-curses",
            "winkerberos",
            "pywinrm-windows",
        )
    },
    **{
        name: ("macOS", 'sys_platform == "darwin"')
        for name in ("pyobjc", "pyobjc-core", "pyobjc-framework-cocoa", "appscript", "py2app")
    },
}
BACKPORTS: dict[str, str] = {
    "enum34": "enum",
    "typing": "typing",
    "dataclasses": "dataclasses",
    "futures": "concurrent.futures",
    "asyncio": "asyncio",
    "pathlib": "pathlib",
}


def check_requirements(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Problems of one requirements.txt."""
    if source.text is None:
        return []
    if ctx.app is None or os.path.dirname(source.path) != ctx.app.root:
        return []  # only the app root's requirements.txt is installed
    text = source.text
    path = source.path
    lines = requirement_lines(text)
    problems: list[Problem] = []
    names: set[str] = set()
    for line in lines:
        if line.requirement is None:
            problems.append(
                make_problem(
                    UNPARSABLE,
                    f"pip cannot parse this requirement, so the remote build fails: {line.error}",
                    path,
                    Span(line.start, line.end),
                )
            )
            continue
        names.add(canonicalize_name(line.requirement.name))
        problem = _requirement_problem(path, text, line, line.requirement)
        if problem is not None:
            problems.append(problem)
    includes = re.search(
        r"^\s*(-r|--requirement|-c|--constraint|-e|--editable)\b", text, re.MULTILINE
    )
    if LIBRARY not in names and includes is None and all(line.requirement for line in lines):
        problems.append(_library_missing(path, text))
    return problems


def _requirement_problem(
    path: str, text: str, line: RequirementLine, req: Requirement
) -> Problem | None:
    """The problem of one parsed requirement, if it has one."""
    span = Span(line.start, line.end)
    name = canonicalize_name(req.name)
    remove_line = TextEdit(path, Span(line_start(text, line.start), line.line_end), "")
    if name == WORKER:
        return make_problem(
            WORKER_LISTED,
            "Remove 'azure-functions-worker': the platform supplies the Python worker, and "
            "installing it can conflict with it (Core Tools warns on publish).",
            path,
            span,
            fixes=(Fix("Remove azure-functions-worker", (remove_line,), True),),
        )
    if name in PLATFORM_PACKAGES and req.marker is None:
        system, marker = PLATFORM_PACKAGES[name]
        add_marker = TextEdit(path, Span(line.end, line.end), f"; {marker}")
        return make_problem(
            PLATFORM_ONLY,
            f"'{req.name}' only installs on {system}; Azure Functions runs on Linux, so "
            "the remote build fails. Remove it (often left by 'pip freeze') or add the "
            f"marker '; {marker}'.",
            path,
            span,
            fixes=(Fix(f"Add '; {marker}'", (add_marker,), True, safe=True),),
        )
    if name in BACKPORTS and req.marker is None:
        return make_problem(
            BACKPORT,
            f"'{req.name}' backports the standard-library module '{BACKPORTS[name]}', "
            "which every supported Python already has; the old copy can shadow it and "
            "break imports. Remove it.",
            path,
            span,
            fixes=(Fix(f"Remove {req.name}", (remove_line,)),),
        )
    if name == "protobuf" and _pins_protobuf_4(req):
        return make_problem(
            PROTOBUF_PIN,
            "protobuf 4.x can clash with the worker's own protobuf ('Descriptors cannot "
            "not be created directly'); if it does, set the app setting "
            "PYTHON_ISOLATE_WORKER_DEPENDENCIES=1 or pin protobuf 3.x.",
            path,
            span,
        )
    if name == "grpcio" and any(s.operator in ("==", "===") for s in req.specifier):
        return make_problem(
            PROTOBUF_PIN,
            "Pinning grpcio can clash with the worker's own gRPC; if the worker fails to "
            "start, set PYTHON_ISOLATE_WORKER_DEPENDENCIES=1 or loosen the pin.",
            path,
            span,
        )
    return None


def _pins_protobuf_4(req: Requirement) -> bool:
    """True when the specifier excludes protobuf 3.x and names a 4.x (or later) version."""
    spec = req.specifier
    if not str(spec) or spec.contains(Version("3.20.3")):
        return False
    for item in spec:
        try:
            version = Version(item.version.rstrip(".*"))
        except InvalidVersion:
            continue
        if version.major >= 4 and item.operator in ("==", "===", "~=", ">=", ">"):
            return True
    return False


def _library_missing(path: str, text: str) -> Problem:
    newline = "\r\n" if "\r\n" in text else "\n"
    return make_problem(
        LIBRARY_MISSING,
        "'azure-functions' is not listed: the runtime brings its own copy, but list it so that "
        "linters, type checkers and tests see the same library (the templates do).",
        path,
        Span(0, 0),
        fixes=(
            Fix(
                "Add azure-functions",
                (TextEdit(path, Span(0, 0), f"azure-functions{newline}"),),
                True,
            ),
        ),
    )


def check_requirements_exists(ctx: CheckContext) -> Iterable[Problem]:
    """An app with Python functions and no requirements.txt (remote builds install nothing)."""
    app: AppModel | None = ctx.app
    if app is None or not any((f.script_path or "").lower().endswith(".py") for f in app.functions):
        return []  # no Python function (e.g. a JavaScript app): pip plays no part
    path = os.path.join(app.root, "requirements.txt")
    if ctx.workspace.sources.exists(path) or not ctx.workspace.sources.exists(app.host_json):
        return []
    return [
        make_problem(
            NO_REQUIREMENTS,
            "No requirements.txt next to host.json: the remote build installs only what it lists, "
            "so every third-party import fails after deployment. Add one with at least "
            "'azure-functions'.",
            app.host_json,
            Span(0, 0),
        )
    ]
