"""The imports of one Python file of an app as the worker resolves them (validation-rules I-01 to
I-07, W-03, R-03): the rules and their codes. The resolution itself (import sites, the app's
packages, the analysed environment, requirements.txt) is Python analysis in `python/imports.py`
and `python/environment.py`.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import replace

from funcls.core.knowledge import converters
from funcls.core.problems import Code, Fix, Problem, Severity, Span, TextEdit, make_problem
from funcls.core.pyentry import ScriptView, node_span
from funcls.core.python.environment import (
    PLATFORM_MODULES,
    PythonEnvironment,
    app_paths,
    find_module,
    guessed_imports,
    is_stdlib,
    normalize_distribution,
)
from funcls.core.python.imports import (
    ImportSite,
    Requirement,
    import_sites,
    provides,
    read_requirements,
)
from funcls.core.workspace import Workspace

APP_PREFIX = Code("FUNC301", Severity.WARNING, "Deprecated `__app__` import", ("I-03",))
BEYOND_TOP = Code(
    "FUNC302", Severity.WARNING, "Relative import beyond the function's package", ("I-04",)
)
SIBLING_IMPORT = Code(
    "FUNC303", Severity.ERROR, "Implicit sibling import fails in the worker", ("I-05",)
)
NO_INIT = Code("FUNC304", Severity.WARNING, "App package imported without __init__.py", ("I-01",))
SHADOWS_STDLIB = Code(
    "FUNC305", Severity.WARNING, "App folder shadows a standard module", ("I-07",)
)
MODULE_NOT_FOUND = Code(
    "FUNC306", Severity.ERROR, "Module the worker cannot import", ("W-03", "R-03")
)
NOT_INSTALLED = Code(
    "FUNC307", Severity.HINT, "Listed in requirements.txt but not installed locally", ("R-03",)
)
APP_MODULE_MISSING = Code(
    "FUNC308", Severity.ERROR, "Module of the app does not exist", ("W-03", "I-02")
)

CODES: tuple[Code, ...] = (
    APP_PREFIX,
    BEYOND_TOP,
    SIBLING_IMPORT,
    NO_INIT,
    SHADOWS_STDLIB,
    MODULE_NOT_FOUND,
    NOT_INSTALLED,
    APP_MODULE_MISSING,
)


# -- the rules ------------------------------------------------------------------------------------
class ImportChecker:
    """Checks the imports of one Python file of an app."""

    def __init__(
        self,
        workspace: Workspace,
        app_root: str,
        path: str,
        view: ScriptView,
        env: PythonEnvironment,
    ) -> None:
        self.workspace = workspace
        self.root = app_root
        self.path = path
        self.view = view
        self.env = env
        rel = os.path.relpath(path, app_root)
        parts = rel.split(os.sep)
        self.package = parts[:-1]
        self._requirements: list[Requirement] | None | bool = False

    # -- the app's own modules -----------------------------------------------------------------
    def app_kind(self, folder: str, name: str) -> str | None:
        """`package`, `namespace`, `module` or None for `name` inside `folder` of the app."""
        base = os.path.join(folder, name)
        if os.path.isdir(base):
            init = os.path.join(base, "__init__.py")
            return "package" if self.workspace.sources.exists(init) else "namespace"
        if self.workspace.sources.exists(base + ".py"):
            return "module"
        return None

    def app_module_exists(self, folder: str, dotted: str) -> bool:
        """True when `dotted` resolves to a module, package or name of the app below `folder`."""
        current = folder
        parts = dotted.split(".")
        for index, part in enumerate(parts):
            kind = self.app_kind(current, part)
            if kind is None:
                return index > 0 and self._bound_in_init(current, part)
            if kind == "module":
                return True  # further parts would be attributes
            current = os.path.join(current, part)
        return True

    def _bound_in_init(self, folder: str, name: str) -> bool:
        view = self.workspace.script(os.path.join(folder, "__init__.py"))
        if view is None or view.tree is None:
            return False
        bound = view.callables.get(name)
        if bound is not None:
            stmt = bound.node
            self_import = isinstance(stmt, ast.ImportFrom) and stmt.level == 1 and not stmt.module
            if not self_import:
                return True
        for node in ast.walk(view.tree):
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                return True
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                return True
        return False

    def requirements(self) -> list[Requirement] | None:
        """The distributions requirements.txt lists (None without the file)."""
        if self._requirements is False:
            self._requirements = read_requirements(
                self.workspace, os.path.join(self.root, "requirements.txt")
            )
        return self._requirements  # type: ignore[return-value]

    # -- problems ---------------------------------------------------------------------------------
    def run(self) -> Iterator[Problem]:
        """Problems of every import of the file."""
        for site in import_sites(self.view):
            if site.level:
                yield from self.relative(site)
            else:
                yield from self.absolute(site)

    def relative(self, site: ImportSite) -> Iterator[Problem]:
        """I-02/I-04: relative imports, and whether their target exists."""
        depth = len(self.package)
        stmt = site.stmt
        assert isinstance(stmt, ast.ImportFrom)
        dots = "." * site.level
        shown = dots + site.module
        if site.level > depth + 1:
            yield make_problem(
                APP_MODULE_MISSING,
                f"'{shown}' goes above the app root: the import fails in the worker too "
                "(attempted relative import beyond top-level package).",
                self.path,
                site.span,
            )
            return
        base_parts = self.package[: depth - site.level + 1]
        folder = os.path.join(self.root, *base_parts)
        if site.level == depth + 1:
            absolute = site.module
            fixes = self.absolute_fix(stmt, absolute)
            target = absolute or ", ".join(site.names)
            yield make_problem(
                BEYOND_TOP,
                f"'from {shown} import ...' reaches above the function's package: it works only "
                "inside the worker (through its __app__ package) and fails under pytest and type "
                f"checkers; import '{target}' from the app root instead.",
                self.path,
                site.span,
                fixes=fixes,
                deprecated=True,
            )
        if site.module:
            if not self.app_module_exists(folder, site.module) and not site.guarded:
                yield self.missing_app_module(site, shown)
            return
        for name in site.names:
            if name == "*":
                continue
            if not self.app_module_exists(folder, name) and not self._bound_in_init(folder, name):
                if not site.guarded:
                    yield self.missing_app_module(site, f"{dots}{name}")

    def missing_app_module(self, site: ImportSite, shown: str) -> Problem:
        """A module of the app that does not exist."""
        problem = make_problem(
            APP_MODULE_MISSING,
            f"'{shown}' does not exist in the app: the worker fails with ModuleNotFoundError "
            "(or ImportError) when it loads this file.",
            self.path,
            site.span,
        )
        return replace(problem, severity=Severity.WARNING) if site.nested else problem

    def absolute_fix(self, stmt: ast.ImportFrom, absolute: str) -> tuple[Fix, ...]:
        """Rewrite a relative import as an absolute one from the app root."""
        span = node_span(stmt, self.view.index)
        text = self.view.text[span.start : span.end]
        if absolute:
            new = re.sub(r"^from\s+\.+\s*[\w.]*", f"from {absolute}", text, count=1)
        else:
            names = []
            for alias in stmt.names:
                if alias.name == "*":
                    return ()
                names.append(f"{alias.name} as {alias.asname}" if alias.asname else alias.name)
            new = "import " + ", ".join(names)
        if new == text:
            return ()
        return (Fix(f"Use '{new.splitlines()[0]}'", (TextEdit(self.path, span, new),), True),)

    def absolute(self, site: ImportSite) -> Iterator[Problem]:
        """Absolute imports: __app__, the app's own modules, siblings, installed modules."""
        module = site.module
        top = module.split(".")[0]
        if top == "__app__":
            yield from self.app_prefix(site)
            return
        kind = self.app_kind(self.root, top)
        if kind is not None:
            yield from self.app_absolute(site, kind)
            return
        if is_stdlib(module) or _platform_provided(module):
            yield from self.missing_names(site)
            return
        own_folder = os.path.dirname(self.path)
        installed = find_module(module, [*self.env.sys_path, *app_paths(self.root)])
        if own_folder != self.root and self.app_kind(own_folder, top) is not None and not installed:
            yield self.sibling(site)
            return
        if installed or site.guarded:
            return
        yield from self.not_found(site)

    def missing_names(self, site: ImportSite) -> Iterator[Problem]:
        """`from M import x` where M is a library module funcls has loaded itself (the standard
        library of the same Python version, azure.functions) and has no `x`: ImportError."""
        stmt = site.stmt
        if not isinstance(stmt, ast.ImportFrom) or site.guarded:
            return
        module = site.module
        if module.split(".")[0] == "azure":
            converters.library()
        elif self.env.version != (sys.version_info.major, sys.version_info.minor):
            return
        loaded = sys.modules.get(module)
        if loaded is None:
            return
        for alias in stmt.names:
            name = alias.name
            if name == "*" or hasattr(loaded, name) or f"{module}.{name}" in sys.modules:
                continue
            if any(
                os.path.exists(os.path.join(folder, name + suffix))
                for folder in getattr(loaded, "__path__", []) or []
                for suffix in (".py", "", ".pyi")
            ):
                continue
            close = difflib.get_close_matches(
                name, [n for n in dir(loaded) if not n.startswith("_")], n=1
            )
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problem = make_problem(
                MODULE_NOT_FOUND,
                f"cannot import name '{name}' from '{module}': the worker fails with ImportError "
                f"when it loads this file.{hint}",
                self.path,
                site.span,
            )
            yield replace(problem, severity=Severity.WARNING) if site.nested else problem

    def app_prefix(self, site: ImportSite) -> Iterator[Problem]:
        """I-03: `from __app__...`."""
        stmt = site.stmt
        rest = site.module[len("__app__") :].lstrip(".")
        fixes: tuple[Fix, ...] = ()
        if isinstance(stmt, ast.ImportFrom):
            if rest:
                fixes = (
                    Fix(f"Import from '{rest}'", (TextEdit(self.path, site.span, rest),), True),
                )
            else:
                fixes = self.absolute_fix(stmt, "")
        elif rest:
            alias = next((a for a in stmt.names if a.name == site.module), None)
            if alias is not None and alias.asname:
                fixes = (Fix(f"Import '{rest}'", (TextEdit(self.path, site.span, rest),), True),)
        yield make_problem(
            APP_PREFIX,
            f"'{site.module}': the __app__ prefix is deprecated; it exists only inside the worker "
            f"(tests and type checkers cannot resolve it). Import "
            f"'{rest or 'the module'}' from the app root.",
            self.path,
            site.span,
            fixes=fixes,
            deprecated=True,
        )

    def app_absolute(self, site: ImportSite, kind: str) -> Iterator[Problem]:
        """I-01 and I-07 for imports of the app's own top-level modules."""
        module = site.module
        top = module.split(".")[0]
        if is_stdlib(top):
            yield make_problem(
                SHADOWS_STDLIB,
                f"'{top}' in the app root has the name of a standard module: it shadows "
                f"Python's own '{top}' for the whole app (and for the worker). Rename it.",
                self.path,
                Span(site.span.start, site.span.start + len(top)),
            )
        if kind == "namespace" and os.path.isdir(os.path.join(self.root, top)):
            yield make_problem(
                NO_INIT,
                f"'{top}' has no __init__.py: add an empty {top}/__init__.py so that the "
                "worker, tests and tools import it as a regular package.",
                self.path,
                Span(site.span.start, site.span.start + len(top)),
            )
        if site.guarded:
            return
        targets = [module]
        if isinstance(site.stmt, ast.ImportFrom):
            targets = [f"{module}.{n}" for n in site.names if n != "*"] or [module]
        for dotted in targets:
            if not self.app_module_exists(self.root, dotted):
                if isinstance(site.stmt, ast.ImportFrom) and self.app_module_exists(
                    self.root, module
                ):
                    name = dotted.rsplit(".", 1)[-1]
                    folder = os.path.join(self.root, *module.split("."))
                    if self.app_kind(folder, name) is None and not os.path.isdir(folder):
                        continue  # a name from a module file: not checked
                    if self._bound_in_init(folder, name):
                        continue
                yield self.missing_app_module(site, dotted)
                break

    def sibling(self, site: ImportSite) -> Problem:
        """I-05: an implicit import of a file next to the script."""
        stmt = site.stmt
        top = site.module.split(".")[0]
        fixes: tuple[Fix, ...] = ()
        span = node_span(stmt, self.view.index)
        if isinstance(stmt, ast.Import) and len(stmt.names) == 1 and "." not in site.module:
            alias = stmt.names[0]
            new = f"from . import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
            fixes = (Fix(f"Use '{new}'", (TextEdit(self.path, span, new),), True),)
        elif isinstance(stmt, ast.ImportFrom):
            fixes = (
                Fix(
                    f"Import from '.{site.module}'",
                    (TextEdit(self.path, site.span, "." + site.module),),
                    True,
                ),
            )
        problem = make_problem(
            SIBLING_IMPORT,
            f"'{top}' is a file next to this script, but the worker puts only the app root on "
            f"sys.path: 'import {site.module}' fails with ModuleNotFoundError. Use a relative "
            f"import (from . import {top}).",
            self.path,
            site.span,
            fixes=fixes,
        )
        return replace(problem, severity=Severity.WARNING) if site.nested else problem

    def not_found(self, site: ImportSite) -> Iterator[Problem]:
        """W-03/R-03: a module neither in the app, nor installed, nor required."""
        module = site.module
        requirements = self.requirements()
        provided = self.env.provided_imports()
        sure = self.env.known
        for requirement in requirements or []:
            key = normalize_distribution(requirement.name)
            if key in provided:
                if provides(provided[key], module):
                    return  # installed, yet not found on sys.path: trust the metadata
                continue
            sure = False
            if provides(guessed_imports(requirement.name), module):
                yield make_problem(
                    NOT_INSTALLED,
                    f"'{module}' comes from '{requirement.name}' in requirements.txt, which is not "
                    f"installed in the analysed environment ({self.env.executable}): install "
                    "the requirements for completion and local runs.",
                    self.path,
                    site.span,
                )
                return
        where = "no requirements.txt" if requirements is None else "requirements.txt"
        message = (
            f"No module named '{module}': it is not part of the app, not installed in the "
            f"analysed environment ({self.env.executable}), and {where}"
            f"{' lists nothing that provides it' if requirements is not None else ''}: "
            "the deployed function fails with ModuleNotFoundError."
        )
        if not sure:
            message += " (Some requirements are not installed locally; one of them may bring it.)"
        fixes: tuple[Fix, ...] = ()
        req_path = os.path.join(self.root, "requirements.txt")
        source = self.workspace.read(req_path)
        if source is not None and source.text is not None:
            distribution = _distribution_for(module)
            text = source.text
            prefix = "" if not text or text.endswith(("\n", "\r")) else "\n"
            fixes = (
                Fix(
                    f"Add '{distribution}' to requirements.txt",
                    (TextEdit(req_path, Span(len(text), len(text)), f"{prefix}{distribution}\n"),),
                ),
            )
        problem = make_problem(MODULE_NOT_FOUND, message, self.path, site.span, fixes=fixes)
        if not sure:
            # a requirement that is not installed locally may bring it as a dependency
            problem = replace(problem, severity=Severity.INFORMATION)
        elif site.nested:
            problem = replace(problem, severity=Severity.WARNING)
        yield problem


def _platform_provided(module: str) -> bool:
    """`azure.functions` and its own submodules (found in the library funcls ships with)."""
    for platform in PLATFORM_MODULES:
        if module == platform:
            return True
        if module.startswith(platform + "."):
            try:
                return importlib.util.find_spec(module) is not None
            except Exception:
                return False
    return False


def _distribution_for(module: str) -> str:
    from funcls.core.python.environment import WELL_KNOWN_IMPORTS

    for distribution, names in WELL_KNOWN_IMPORTS.items():
        if provides(names, module) and module.split(".")[0] == names[0].split(".")[0]:
            return distribution
    return module.split(".")[0].replace("_", "-")
