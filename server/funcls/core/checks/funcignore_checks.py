""".funcignore (validation-rules F-01..F-03, C-15): what publishing leaves out of the package.

Patterns use gitignore semantics (`pathspec`'s GitIgnoreSpec decides what the whole file
excludes; single-line specs find the line to blame). An app that loses host.json,
requirements.txt, a function folder, its function.json or script, or a package its functions
import, breaks after deployment; an app that uploads its virtual environment ships hundreds of MB
of packages built for the wrong platform.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable
from dataclasses import dataclass

import pathspec

from funcls.core.app_model import HOST_JSON, AppModel
from funcls.core.checks.base import CheckContext
from funcls.core.problems import Code, Fix, Problem, Severity, Span, TextEdit, make_problem
from funcls.core.pyentry import ScriptView
from funcls.core.sources import SourceFile, normalize_path
from funcls.core.workspace import Workspace

EXCLUDES_NEEDED = Code(
    "FUNC610",
    Severity.ERROR,
    ".funcignore pattern excludes a file the app needs",
    ("F-03",),
)
VENV_NOT_EXCLUDED = Code(
    "FUNC611",
    Severity.INFORMATION,
    "Virtual environment not excluded from deployment",
    ("F-02", "C-15"),
)

CODES = (EXCLUDES_NEEDED, VENV_NOT_EXCLUDED)

FUNCIGNORE = ".funcignore"
VENV_NAMES = (".venv", "venv", "env", ".env", "virtualenv")


@dataclass(frozen=True)
class Needed:
    """A path (relative to the app root, `/` separated) the deployed app needs, and why."""

    path: str
    why: str


def needed_paths(workspace: Workspace, app: AppModel) -> list[Needed]:
    """host.json, requirements.txt, every function's function.json and script, and the app's own
    packages its function scripts import."""
    found: list[Needed] = [Needed(HOST_JSON, "the host needs it to start")]
    if workspace.sources.exists(os.path.join(app.root, "requirements.txt")):
        found.append(Needed("requirements.txt", "the remote build installs packages from it"))
    root = normalize_path(app.root)
    for fn in app.functions:
        found.append(
            Needed(
                _relative(root, fn.json_path), f"function '{fn.name}' is not deployed without it"
            )
        )
        script = fn.script_path
        if script and normalize_path(script).startswith(root + os.sep):
            found.append(
                Needed(_relative(root, script), f"it is the script of function '{fn.name}'")
            )
    for package, importer in imported_packages(workspace, app).items():
        folder = os.path.join(app.root, package)
        if os.path.isdir(folder):
            name = "__init__.py" if os.path.isfile(os.path.join(folder, "__init__.py")) else ""
            target = f"{package}/{name}" if name else f"{package}/"
            found.append(Needed(target, f"function '{importer}' imports '{package}'"))
        elif workspace.sources.exists(os.path.join(app.root, package + ".py")):
            found.append(Needed(f"{package}.py", f"function '{importer}' imports '{package}'"))
    return found


def _relative(root: str, path: str) -> str:
    path = normalize_path(path)
    if path.startswith(root + os.sep):
        return path[len(root) + 1 :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


def imported_packages(workspace: Workspace, app: AppModel) -> dict[str, str]:
    """Top-level names the function scripts import (absolute, `__app__.`-prefixed and
    beyond-top-level relative imports), mapped to the first function importing them."""
    names: dict[str, str] = {}
    for fn in app.functions:
        if not fn.script_path or not fn.script_path.endswith(".py"):
            continue
        source = workspace.read(fn.script_path)
        if source is None or source.text is None:
            continue
        # Kept per script until its text changes: with every file's diagnostics in the editor,
        # this check runs after each edit, and walking every script again cost 130-370 ms at
        # 1,000 functions per keystroke in a script (bench/bench.py, didChange .py).
        found = workspace.derived(
            "top-level imports", source, lambda s: _top_level_imports(workspace.script(s.path))
        )
        for name in found:
            names.setdefault(name, fn.name)
    return names


def _top_level_imports(view: ScriptView | None) -> tuple[str, ...]:
    """The top-level names a script imports, in order of appearance, without repeats."""
    if view is None or view.tree is None:
        return ()
    names: dict[str, None] = {}
    for node in view.walked():
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level == 0 or node.level >= 2:
                modules = [node.module]
        for module in modules:
            parts = module.split(".")
            if parts[0] == "__app__" and len(parts) > 1:
                parts = parts[1:]
            names.setdefault(parts[0], None)
    return tuple(names)


def check_funcignore(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Patterns that drop needed files; a virtual environment that is not excluded."""
    app = ctx.app
    if source.text is None or app is None:
        return []
    if normalize_path(os.path.dirname(source.path)) != normalize_path(app.root):
        return []
    text = source.text
    lines = text.splitlines(keepends=True)
    contents = [line.rstrip("\r\n") for line in lines]
    singles = [_single(line) for line in contents]
    # Lines git itself would skip as invalid (a lone '!', a trailing '\\') are left out.
    spec = pathspec.GitIgnoreSpec.from_lines(
        [line for line, single in zip(contents, singles, strict=True) if single is not None]
    )
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line)
    problems: list[Problem] = []
    blamed: dict[int, list[Needed]] = {}
    for need in needed_paths(ctx.workspace, app):
        if not spec.match_file(need.path):
            continue
        line_no = _blame(singles, need.path)
        if line_no is not None:
            blamed.setdefault(line_no, []).append(need)
    for line_no, needs in sorted(blamed.items()):
        first = needs[0]
        more = f" (and {len(needs) - 1} more needed path(s))" if len(needs) > 1 else ""
        pattern = contents[line_no].strip()
        start = starts[line_no] + (len(contents[line_no]) - len(contents[line_no].lstrip()))
        problems.append(
            make_problem(
                EXCLUDES_NEEDED,
                f"'{pattern}' excludes '{first.path}' from the deployment package, but "
                f"{first.why}{more}. Narrow the pattern or add '!{first.path}' after it.",
                source.path,
                Span(start, start + len(pattern)),
            )
        )
    problems += _venv(ctx, source.path, text, spec)
    return problems


def _single(line: str) -> pathspec.GitIgnoreSpec | None:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines([line])
    except ValueError:  # pathspec's pattern errors derive from ValueError
        return None


def _blame(singles: list[pathspec.GitIgnoreSpec | None], path: str) -> int | None:
    """The last non-negated line matching `path` (the one that excludes it)."""
    for index in range(len(singles) - 1, -1, -1):
        single = singles[index]
        if single is not None and single.match_file(path):
            return index
    return None


def venv_folders(workspace: Workspace, app: AppModel) -> list[str]:
    """Virtual environment folders in the app root (holding pyvenv.cfg)."""
    return [
        name
        for name in workspace.sources.list_dir(app.root)
        if os.path.isfile(os.path.join(app.root, name, "pyvenv.cfg"))
        or (name in VENV_NAMES and os.path.isdir(os.path.join(app.root, name, "lib")))
    ]


def _venv(ctx: CheckContext, path: str, text: str, spec: pathspec.GitIgnoreSpec) -> list[Problem]:
    app = ctx.app
    assert app is not None
    problems: list[Problem] = []
    for name in venv_folders(ctx.workspace, app):
        if spec.match_file(f"{name}/pyvenv.cfg") or spec.match_file(f"{name}/lib/x.py"):
            continue
        prefix = (
            "" if not text or text.endswith(("\n", "\r")) else ("\r\n" if "\r\n" in text else "\n")
        )
        newline = "\r\n" if "\r\n" in text else "\n"
        problems.append(
            make_problem(
                VENV_NOT_EXCLUDED,
                f"The virtual environment '{name}' is not excluded: publishing uploads it (often "
                "hundreds of MB, built for this machine rather than Linux). Add "
                f"'{name}' to .funcignore.",
                path,
                Span(0, 0),
                fixes=(
                    Fix(
                        f"Add '{name}' to .funcignore",
                        (TextEdit(path, Span(len(text), len(text)), f"{prefix}{name}{newline}"),),
                        True,
                        safe=True,
                    ),
                ),
            )
        )
    return problems


def check_funcignore_missing(ctx: CheckContext) -> Iterable[Problem]:
    """No .funcignore while a virtual environment sits in the app root (reported on host.json)."""
    app = ctx.app
    if app is None or not app.functions:
        return []
    if ctx.workspace.sources.exists(os.path.join(app.root, FUNCIGNORE)):
        return []
    venvs = venv_folders(ctx.workspace, app)
    if not venvs or not ctx.workspace.sources.exists(app.host_json):
        return []
    return [
        make_problem(
            VENV_NOT_EXCLUDED,
            f"There is no .funcignore, so publishing uploads the virtual environment "
            f"'{venvs[0]}' with the app. Create a .funcignore listing '{venvs[0]}', '.vscode', "
            "'local.settings.json', '__pycache__' and your tests.",
            app.host_json,
            Span(0, 0),
        )
    ]
