"""Runs the checks: problems of one file (for the editor) or of whole apps (for `funcls check`).

A check never kills the analysis: an exception in one check is logged and that check's problems
are dropped. File, function and app check results are cached with the files each check read, so
publishing several files after one edit runs each check once, a repeated pull is a lookup, and a
keystroke re-runs only the checks that read the edited buffer (or that depend on the app model,
when the edit changed it).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from funcls.core.app_model import AppModel, FunctionInfo
from funcls.core.checks import discovery, registry
from funcls.core.checks.base import CheckContext, file_kind
from funcls.core.edits.decorator_edits import vet_fixes
from funcls.core.problems import Problem
from funcls.core.python.import_graph import imported_files
from funcls.core.settings import Settings
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class _Result:
    """Problems from one check run, what it ran on (the function or app model; None for a
    file) and what the run read: valid while it runs on the same object and none of those
    files, nor the app's function list if it was read, has been edited."""

    subject: object
    reads: frozenset[str]
    problems: list[Problem]


class Analyzer:
    """Problems per file, computed from a workspace with the given settings."""

    def __init__(self, workspace: Workspace, settings: Settings | None = None) -> None:
        self.workspace = workspace
        self.settings = settings or Settings()
        self._lock = threading.RLock()
        self._generation = -1
        self._file_results: dict[str, _Result] = {}
        self._function_results: dict[str, _Result] = {}
        self._app_results: dict[tuple[str, int], _Result] = {}  # (root, check index)
        # path -> the cached results whose run read it, so an edit invalidates in proportion to
        # what depends on the file, not to the size of the app
        self._readers: dict[str, set[tuple[int, Any]]] = {}
        self._apps: dict[str, AppModel] = {}
        self._file_lists: dict[str, tuple[AppModel, list[str]]] = {}

    def configure(self, settings: Settings) -> None:
        """Use new settings from now on."""
        with self._lock:
            self.settings = settings
            self._generation = -1

    # -- caches ------------------------------------------------------------------------------------
    def _fresh(self) -> None:
        """Drop results the changes since the last call may have made stale: after text edits
        of open buffers, those of checks that read an edited file (or saw another app model);
        after anything else (files opened, closed, saved, changed on disk), all of them."""
        generation = self.workspace.sources.generation
        if generation == self._generation:
            return
        changes = self.workspace.sources.changes_since(self._generation)
        self._generation = generation
        self._apps.clear()
        caches: tuple[dict[Any, _Result], ...] = (
            self._file_results,
            self._function_results,
            self._app_results,
        )
        if changes is None or any(structural for _, structural in changes):
            for cache in caches:
                cache.clear()
            self._readers.clear()
            return
        edited = {path for path, _ in changes}
        edited.update(m for p in list(edited) for m in self.workspace.function_lists_changed_by(p))
        for path in edited:
            for which, key in self._readers.pop(path, ()):
                cache = caches[which]
                result = cache.get(key)
                if result is not None and path in result.reads:
                    del cache[key]

    def _record(
        self, which: int, key: Any, subject: object, run: Callable[[], Iterable[Problem]]
    ) -> _Result:
        """Run a check and cache its result as `key` of cache `which` (0 file, 1 function,
        2 app), indexed by every path it read."""
        with self.workspace.recording() as read:
            problems = list(run())
        return self._store(which, key, subject, frozenset(read), problems)

    def _store(
        self, which: int, key: Any, subject: object, reads: frozenset[str], problems: list[Problem]
    ) -> _Result:
        """Cache a check's result (computed here or by another process), indexed by the paths
        it read."""
        result = _Result(subject, reads, problems)
        cache = (self._file_results, self._function_results, self._app_results)[which]
        cache[key] = result
        for path in reads:
            self._readers.setdefault(path, set()).add((which, key))
        return result

    def app_for(self, path: str) -> AppModel | None:
        """The app model holding `path` (the workspace keeps it up to date incrementally)."""
        with self._lock:
            self._fresh()
            root = self.workspace.app_root_for(path)
            if root is None:
                return None
            if root not in self._apps:
                self._apps[root] = self.workspace.app(root)
            return self._apps[root]

    def context(self, app: AppModel | None) -> CheckContext:
        """The context checks receive."""
        return CheckContext(workspace=self.workspace, app=app, settings=self.settings)

    # -- per file ----------------------------------------------------------------------------------
    def problems_for_file(self, path: str) -> list[Problem]:
        """Every problem located in `path`, with the configured severities applied."""
        path = normalize_path(path)
        kind = file_kind(path)
        if kind is None:
            return []
        with self._lock:
            self._fresh()
            app = self.app_for(path)
            ctx = self.context(app)
            problems: list[Problem] = list(self._file_problems(ctx, path, kind))
            if app is not None:
                for fn in self._functions_touching(app, path):
                    problems.extend(p for p in self._function_problems(ctx, fn) if p.path == path)
                problems.extend(p for p in self._app_problems(ctx, app) if p.path == path)
            return self._finish(problems)

    def _file_problems(self, ctx: CheckContext, path: str, kind: str) -> list[Problem]:
        cached = self._file_results.get(path)
        if cached is None:

            def run() -> list[Problem]:
                found: list[Problem] = []
                source = self.workspace.read(path)
                if source is not None:
                    for check in registry.FILE_CHECKS.get(kind, ()):
                        found.extend(_run(check.__name__, lambda c=check: c(ctx, source)))
                return found

            cached = self._file_results[path] = self._record(0, path, None, run)
        return cached.problems

    def _functions_touching(self, app: AppModel, path: str) -> tuple[FunctionInfo, ...]:
        return app.functions_of_file(path)

    def _function_problems(self, ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
        key = fn.key
        cached = self._function_results.get(key)
        if cached is None or cached.subject is not fn:
            checks = registry.V2_FUNCTION_CHECKS if fn.is_v2 else registry.FUNCTION_CHECKS

            def run() -> list[Problem]:
                found: list[Problem] = []
                for check in checks:
                    found.extend(_run(check.__name__, lambda c=check: c(ctx, fn)))
                if fn.is_v2:
                    # the shared checks' fixes, written on the decorators: those that could
                    # not be are dropped
                    found = [vet_fixes(p, self._text_of) for p in found]
                return found

            cached = self._function_results[key] = self._record(1, key, fn, run)
        return cached.problems

    def _app_problems(self, ctx: CheckContext, app: AppModel) -> list[Problem]:
        problems: list[Problem] = []
        for index, check in enumerate(registry.APP_CHECKS):
            key = (app.root, index)
            cached = self._app_results.get(key)
            if cached is None or cached.subject is not app:
                run = functools.partial(_run, check.__name__, functools.partial(check, ctx))
                if app.v2 is not None:
                    run = functools.partial(self._vetted, run)
                cached = self._app_results[key] = self._record(2, key, app, run)
            problems.extend(cached.problems)
        return problems

    def _text_of(self, path: str) -> str | None:
        source = self.workspace.read(path) if path else None
        return source.text if source is not None else None

    def _vetted(self, run: Callable[[], Iterable[Problem]]) -> list[Problem]:
        """The problems of an app check on a v2 app, without fixes that cannot apply."""
        return [vet_fixes(p, self._text_of) for p in run()]

    def _finish(self, problems: Iterable[Problem]) -> list[Problem]:
        result: list[Problem] = []
        seen: set[tuple[str, int, int, str]] = set()
        for problem in problems:
            severity = self.settings.severity_of(problem.code, problem.severity)
            if severity is None:
                continue
            key = (problem.code, problem.span.start, problem.span.end, problem.message)
            if key in seen:
                continue
            seen.add(key)
            result.append(
                problem if severity == problem.severity else replace(problem, severity=severity)
            )
        result.sort(key=lambda p: (p.span.start, p.span.end, p.code))
        return result

    # -- whole apps --------------------------------------------------------------------------------
    def app_files(self, app: AppModel, imported: bool = False) -> list[str]:
        """Every file of an app that funcls analyses: the app's configuration files, each
        function's function.json and entry script and, with `imported`, the app modules those
        scripts import (finding them parses every script: the editor's initial scan, which
        parses in short slices, lists the files without them)."""
        files = [app.host_json]
        for name in ("local.settings.json", "requirements.txt", ".funcignore", "extensions.csproj"):
            candidate = os.path.join(app.root, name)
            if self.workspace.sources.exists(candidate):
                files.append(candidate)
        scripts: list[str] = []
        if app.v2 is not None:
            # the v2 entry file and the blueprint modules it registers, functions or not
            files.extend(app.v2.files)
            scripts.extend(p for p in app.v2.files if self.workspace.sources.exists(p))
        for fn in app.functions:
            files.append(fn.json_path)
            if (
                fn.script_path
                and fn.script_path.endswith(".py")
                and self.workspace.sources.exists(fn.script_path)
            ):
                files.append(fn.script_path)
                scripts.append(fn.script_path)
        if imported:
            # the app modules a script imports run when the worker loads the function
            for script in scripts:
                files.extend(imported_files(self.workspace, app.root, script))
        seen: dict[str, None] = {}
        for path in files:
            seen.setdefault(normalize_path(path), None)
        return list(seen)

    def app_problems(
        self, root: str, deadline: float | None = None
    ) -> dict[str, list[Problem]] | None:
        """The problems of every analysed file of the app at `root`, by file: for each file,
        what `problems_for_file` returns, at the cost of one pass over the app.

        With a `deadline` (a `time.monotonic()` value), returns None when it passed before
        every check had run: the checks run so far keep their cached results, so the next
        call continues where this one stopped (the editor calls it in short slices)."""
        root = normalize_path(root)
        with self._lock:
            self._fresh()
            app = self.app_for(root)
            if app is None or app.root != root:
                return {}
            ctx = self.context(app)
            files = self._app_file_list(app)
            by_path: dict[str, list[Problem]] = {}
            for path in files:
                if path in self._file_results:
                    continue
                kind = file_kind(path)
                if kind is not None:
                    self._file_problems(ctx, path, kind)
                    if deadline is not None and time.monotonic() > deadline:
                        return None
            for fn in app.function_list:
                cached = self._function_results.get(fn.json_path)
                if cached is None or cached.subject is not fn:
                    self._function_problems(ctx, fn)
                    if deadline is not None and time.monotonic() > deadline:
                        return None
            in_app: dict[str, list[Problem]] = {}
            for problem in self._app_problems(ctx, app):
                in_app.setdefault(problem.path, []).append(problem)
            for path in files:
                if not path.startswith(root + os.sep):
                    by_path[path] = self.problems_for_file(path)  # a script outside the app
                    continue
                kind = file_kind(path)
                if kind is None:
                    by_path[path] = []
                    continue
                problems = list(self._file_problems(ctx, path, kind))
                for fn in app.functions_of_file(path):
                    problems.extend(p for p in self._function_problems(ctx, fn) if p.path == path)
                problems.extend(in_app.get(path, ()))
                by_path[path] = self._finish(problems)
            return by_path

    def _app_file_list(self, app: AppModel) -> list[str]:
        """`app_files(app)`, kept while the model is the same object (a file appearing or
        disappearing is a structural change, which builds a new model)."""
        cached = self._file_lists.get(app.root)
        if cached is None or cached[0] is not app:
            cached = self._file_lists[app.root] = (app, self.app_files(app))
        return cached[1]

    def files_to_check(self, paths: Sequence[str], imported: bool = False) -> list[str]:
        """Every analysed file of the apps at or below `paths` (see `app_files`), and the
        function.json files there that no app owns (an app missing its host.json, FUNC108)."""
        files: list[str] = []
        for root in self.workspace.find_app_roots(paths):
            app = self.app_for(root)
            if app is not None:
                files.extend(self.app_files(app, imported))
        files.extend(discovery.hostless_app_files(self.workspace, paths))
        return files

    def check_paths(
        self,
        paths: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
        processes: int = 1,
    ) -> dict[str, list[Problem]]:
        """Problems of every analysed file in the apps at or below `paths`, by file.

        `progress(done, total)` is called after each file. With `processes` above 1, the file
        and function checks of a large enough app run in that many processes first (see
        `parallel`); the result is the same.
        """
        files = self.files_to_check(paths, imported=True)
        if processes > 1:
            from funcls.core import parallel

            with self._lock:
                self._fresh()
            parallel.prefill(self, files, processes)
        results: dict[str, list[Problem]] = {}
        for done, path in enumerate(files, start=1):
            results[path] = self.problems_for_file(path)
            if progress is not None:
                progress(done, len(files))
        return results


def _run(name: str, call: object) -> list[Problem]:
    try:
        return list(call())  # type: ignore[operator]
    except RecursionError:
        log.warning("check %s gave up on deeply nested input", name)
        return []
    except Exception:
        log.exception("check %s failed; its problems are left out", name)
        return []
