"""The analysis workspace: sources, parse caches and app discovery, with no protocol in sight.

Everything derived from a file is cached against the exact text it was derived from, so a file is
parsed once per version however many features ask for it. App models are cached too: a keystroke
in an open buffer (a change that adds or removes no file) rebuilds at most the one function whose
function.json it edits, so its cost does not grow with the app; a change that may add or remove a
file (a file created or deleted, an unsaved new buffer) rescans the app.
"""

from __future__ import annotations

import bisect
import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType
from typing import Any, TypeVar

from funcls.core import reads
from funcls.core.app_model import (
    DEFAULT_ENTRY_POINT,
    FUNCTION_JSON,
    HOST_JSON,
    LOCAL_SETTINGS,
    AppModel,
    FunctionInfo,
    bindings_of,
    resolve_script,
)
from funcls.core.jsontree import JsonDocument, JsonObject, parse_json
from funcls.core.pyentry import ScriptView, parse_script
from funcls.core.sources import SourceFile, Sources, normalize_path

T = TypeVar("T")
log = logging.getLogger(__name__)

# Folders never searched for apps: virtual environments, caches, VCS and tool folders.
SKIPPED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "env",
        ".env",
        "node_modules",
        "__pycache__",
        ".python_packages",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        "site-packages",
        "dist",
        "build",
        ".vscode",
        ".idea",
    }
)
MAX_SCAN_DEPTH = 6
V2_SCRIPT = "function_app.py"
OUTSIDE_THE_APP = "the file is outside the app: not read"


class Workspace:
    """Sources plus caches of everything parsed from them."""

    def __init__(self, sources: Sources | None = None) -> None:
        self.sources = sources or Sources()
        # (kind, path) -> (the text it was derived from, the result). An entry is stored and
        # replaced whole (one atomic dict operation) and its result is never changed, so a
        # reader on another thread finds an old entry or a new one, never a half-made one.
        # Without it (every tree and view rebuilt on each ask): `funcls check` of 1,000
        # functions 6.4 -> 19.0 s, an edit of function.json -> its problems p50 9.7 -> 15.4 ms
        # (bench/cache_figures.py, 2026-12).
        self._cache: dict[tuple[str, str], tuple[object, Any]] = {}
        self._lock = threading.RLock()
        # root -> (generation, model, functions by folder name). Without it (the app found again
        # on each ask), at 1,000 functions: an edit of function.json -> its problems p50 9.7 ->
        # 236 ms, function.json completion p99 4.5 -> 239 ms, Python completion p50 0.14 ->
        # 217 ms (bench/cache_figures.py, 2026-12).
        self._apps: dict[str, tuple[int, AppModel, dict[str, FunctionInfo]]] = {}
        # root -> model, as last built: a read-only mapping replaced (never changed) each time
        # a model is built, so a request takes it once, without the lock (see `published_apps`)
        self._published: Mapping[str, AppModel] = MappingProxyType({})
        # a v2 module (entry file, blueprint) or local.settings.json -> the app roots whose v2
        # functions it declares: an edit of it changes their function lists
        self._v2_files: dict[str, set[str]] = {}
        # Entry scripts that function.json files resolve outside their app (`scriptFile:
        # "../../etc/passwd"`): reported by the checks, never read from disk. Replaced, never
        # changed, like `_published`.
        self._outside: frozenset[str] = frozenset()

    @property
    def published_apps(self) -> Mapping[str, AppModel]:
        """The app models last built, by root: a read-only mapping that is replaced, never
        changed, when a model is built (by the analysis thread, under its lock). A request
        on the event loop reads it once (`funcls.core.snapshot`) and never waits for a build."""
        return self._published

    def recording(self) -> AbstractContextManager[set[str]]:
        """Collect what this thread reads (files through `read`, `json`, `script`, and app
        function lists) meanwhile."""
        return reads.recording()

    # -- generic text-keyed cache -------------------------------------------------------------
    def derived(self, kind: str, source: SourceFile, build: Callable[[SourceFile], T]) -> T:
        """`build(source)`, cached per (kind, path) until the file's text changes."""
        key = (kind, source.path)
        marker: object = source.text if source.text is not None else source.unreadable
        hit = self._cache.get(key)
        if hit is not None and (hit[0] is marker or hit[0] == marker):
            return hit[1]  # type: ignore[no-any-return]
        value = build(source)
        self._cache[key] = (marker, value)
        return value

    def forget(self, path: str) -> None:
        """Drop every cached result for `path` (on the thread that writes the cache)."""
        path = normalize_path(path)
        for key in [k for k in list(self._cache) if k[1] == path]:
            self._cache.pop(key, None)

    # -- files ----------------------------------------------------------------------------------
    def read(self, path: str) -> SourceFile | None:
        """The file as the analysis sees it (open buffer first)."""
        # normalised once here (it was once for each of these steps and again by the read)
        normalized = normalize_path(path)
        if reads.active():
            reads.note(normalized)
        outside = self._outside
        if outside:
            if normalized in outside and not self.sources.is_open(normalized, True):
                if not any(_inside(normalized, root) for root in self._published):
                    return SourceFile(normalized, None, unreadable=OUTSIDE_THE_APP)
        return self.sources.read_normalized(normalized)

    def json(self, path: str) -> JsonDocument | None:
        """The parsed JSON tree of `path`, or None when missing or unreadable."""
        source = self.read(path)
        if source is None or source.text is None:
            return None
        return self.derived("json", source, lambda s: parse_json(s.text or ""))

    def json_object(self, path: str) -> JsonObject | None:
        """The top-level object of a JSON file, when it is one."""
        doc = self.json(path)
        return doc.root if doc is not None and isinstance(doc.root, JsonObject) else None

    def script(self, path: str) -> ScriptView | None:
        """The `ast` view of a Python script, or None when missing or unreadable."""
        source = self.read(path)
        if source is None or source.text is None:
            return None
        return self.derived("script", source, lambda s: parse_script(s.text or ""))

    # -- apps -----------------------------------------------------------------------------------
    def app_root_for(self, path: str) -> str | None:
        """The app root that owns `path`: the nearest folder upwards holding host.json."""
        path = normalize_path(path)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        for _ in range(64):
            if self.sources.exists(os.path.join(folder, HOST_JSON)):
                return folder
            parent = os.path.dirname(folder)
            if parent == folder:
                return None
            folder = parent
        return None

    def app_for(self, path: str) -> AppModel | None:
        """The app model of the app holding `path`."""
        root = self.app_root_for(path)
        return None if root is None else self.app(root)

    def app(self, root: str) -> AppModel:
        """Discover the functions of the app at `root` (H-01): immediate sub-folders with a
        function.json, read through open buffers. Cached: see the module's docstring."""
        root = normalize_path(root)
        with self._lock:
            generation = self.sources.generation
            cached = self._apps.get(root)
            if cached is not None and cached[0] == generation:
                return cached[1]
            changes = None if cached is None else self.sources.changes_since(cached[0])
            if cached is not None and changes is not None and not any(s for _, s in changes):
                model, functions = self._update_app(root, cached[1], cached[2], changes)
            else:
                functions = {}
                for name in self.sources.list_dir(root):
                    folder = os.path.join(root, name)
                    if self.sources.exists(os.path.join(folder, FUNCTION_JSON)):
                        functions[name] = self.function(folder)
                model = _app_model(root, functions, self._read_v2(root))
            self._apps[root] = (generation, model, functions)
            if self._published.get(root) is not model:
                self._published = MappingProxyType({**self._published, root: model})
            return model

    def _read_v2(self, root: str) -> Any:
        """The v2 side of the app (`funcls.core.v2.model.V2App`), or None without an entry
        file; its modules are noted so that an edit of one rebuilds it."""
        from funcls.core.v2.model import read_app

        try:
            v2 = read_app(self, root)
        except RecursionError:
            log.warning("the v2 modules of %s nest too deeply: left out", root)
            v2 = None
        except Exception:  # a reader bug must not take the classic analysis down with it
            log.exception("reading the v2 modules of %s failed; they are left out", root)
            v2 = None
        for roots in self._v2_files.values():
            roots.discard(root)
        watched = [os.path.join(root, LOCAL_SETTINGS)] + (v2.files if v2 is not None else [])
        for path in watched:
            self._v2_files.setdefault(normalize_path(path), set()).add(root)
        return v2

    def function_lists_changed_by(self, path: str) -> list[str]:
        """The function lists (`reads.functions_of`) an edit of `path` changes: a function.json
        changes its app's, a v2 module those of the apps whose functions it declares."""
        found = [m] if (m := reads.function_lists_changed_by(path)) else []
        with self._lock:
            found += [reads.functions_of(r) for r in self._v2_files.get(normalize_path(path), ())]
        return found

    def _update_app(
        self,
        root: str,
        model: AppModel,
        functions: dict[str, FunctionInfo],
        changes: list[tuple[str, bool]],
    ) -> tuple[AppModel, dict[str, FunctionInfo]]:
        """The model after text edits of open buffers: an edited function.json changes its
        function; an edited v2 module (or local.settings.json) the v2 functions."""
        if any(root in self._v2_files.get(path, ()) for path, _ in changes):
            model = _app_model(root, functions, self._read_v2(root))
        edited = set()
        for path, _ in changes:
            folder, base = os.path.split(path)
            if base == FUNCTION_JSON and os.path.dirname(folder) == root:
                edited.add(os.path.basename(folder))
        edited &= set(functions)
        if not edited:
            return model, functions
        previous = functions
        functions = dict(functions)
        for name in edited:
            functions[name] = self.function(os.path.join(root, name))
        return _updated_model(model, {previous[n]: functions[n] for n in edited}), functions

    def function(self, folder: str) -> FunctionInfo:
        """The model of one function folder."""
        folder = normalize_path(folder)
        json_path = os.path.join(folder, FUNCTION_JSON)
        source = self.read(json_path)
        if source is None or source.text is None:
            return FunctionInfo(
                name=os.path.basename(folder),
                folder=folder,
                json_path=json_path,
                document=None,
                bindings=(),
                script_path=None,
                script_declared=None,
                entry_point=DEFAULT_ENTRY_POINT,
                unreadable=None if source is None else source.unreadable,
            )
        document = self.json(json_path)
        root = document.root if document else None
        declared = entry = None
        if isinstance(root, JsonObject):
            declared = root.get_string("scriptFile")
            entry = root.get_string("entryPoint")
        # a declared scriptFile needs no look at the folder (listing it, and a stat per entry,
        # was a tenth of the app model's time at 5,000 functions)
        files = (
            []
            if declared
            else [
                n
                for n in self.sources.list_dir(folder)
                if self.sources.exists(os.path.join(folder, n))
            ]
        )
        script, candidates = resolve_script(folder, declared, files)
        if script and not _inside(normalize_path(script), os.path.dirname(folder)):
            self._outside = self._outside | {normalize_path(script)}
        return FunctionInfo(
            name=os.path.basename(folder),
            folder=folder,
            json_path=json_path,
            document=document,
            bindings=bindings_of(document),
            script_path=normalize_path(script) if script else None,
            script_declared=declared,
            entry_point=entry or DEFAULT_ENTRY_POINT,
            script_candidates=candidates,
        )

    def find_hostless_roots(self, paths: Iterable[str]) -> list[str]:
        """Folders at or below the given paths (or holding a given function folder or
        function.json) that no app owns, with no host.json, and whose immediate sub-folders hold
        function.json, or a given folder holding function_app.py: apps missing their host.json."""
        found: dict[str, None] = {}
        for start in paths:
            start = normalize_path(start)
            if self.app_root_for(start) is not None:
                continue
            if os.path.isfile(start):
                if os.path.basename(start) == FUNCTION_JSON:
                    found.setdefault(os.path.dirname(os.path.dirname(start)), None)
                elif os.path.basename(start) == V2_SCRIPT:
                    found.setdefault(os.path.dirname(start), None)
                continue
            if os.path.isfile(os.path.join(start, FUNCTION_JSON)):
                found.setdefault(os.path.dirname(start), None)
                continue
            if os.path.isfile(os.path.join(start, V2_SCRIPT)):
                found.setdefault(start, None)  # a v2 app's folder, without host.json
                continue
            for folder in _scan_for_function_folders(start):
                found.setdefault(folder, None)
        return list(found)

    def find_app_roots(self, paths: Iterable[str]) -> list[str]:
        """Every app root at or below the given paths (or above a given file), deduplicated."""
        roots: list[str] = []
        for start in paths:
            start = normalize_path(start)
            if os.path.isfile(start):
                root = self.app_root_for(start)
                if root:
                    roots.append(root)
                continue
            owner = self.app_root_for(start)
            if owner is not None:
                roots.append(owner)
                continue
            roots.extend(_scan_for_hosts(start))
        seen: dict[str, None] = {}
        for root in roots:
            seen.setdefault(root, None)
        return list(seen)


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _app_model(root: str, functions: dict[str, FunctionInfo], v2: Any = None) -> AppModel:
    every = list(functions.values()) + (list(v2.functions) if v2 is not None else [])
    ordered = tuple(sorted(every, key=lambda f: f.name))
    by_file: dict[str, tuple[FunctionInfo, ...]] = {}
    for fn in ordered:
        for path in _files_of(fn):
            by_file[path] = (*by_file.get(path, ()), fn)
    return AppModel(root=root, function_list=ordered, by_file=by_file, v2=v2)


def _updated_model(model: AppModel, replaced: dict[FunctionInfo, FunctionInfo]) -> AppModel:
    """`model` with some functions replaced by their new version (same folder names, so the
    same order): the cost follows the number replaced, not the size of the app."""
    ordered = list(model.function_list)
    by_file = dict(model.by_file)
    for old, new in replaced.items():
        index = bisect.bisect_left(ordered, old.name, key=lambda f: f.name)
        if index >= len(ordered) or ordered[index] is not old:
            index = ordered.index(old)  # a v2 function of the same name comes first
        ordered[index] = new
        for path in _files_of(old):
            kept = tuple(f for f in by_file.get(path, ()) if f is not old)
            if kept:
                by_file[path] = kept
            else:
                by_file.pop(path, None)
        for path in _files_of(new):
            by_file[path] = (*by_file.get(path, ()), new)
    return AppModel(root=model.root, function_list=tuple(ordered), by_file=by_file, v2=model.v2)


def _files_of(fn: FunctionInfo) -> list[str]:
    files = [fn.json_path]
    if fn.script_path and fn.script_path != fn.json_path:
        files.append(fn.script_path)
    return files


def _scan_for_hosts(top: str) -> list[str]:
    """Folders below `top` holding host.json; app folders are not searched further down."""
    found: list[str] = []
    stack = [(top, 0)]
    visited: set[tuple[int, int]] = set()
    while stack:
        folder, depth = stack.pop()
        try:
            stat = os.stat(folder)
        except OSError:
            continue
        ident = (stat.st_dev, stat.st_ino)
        if ident in visited:  # symlink loops
            continue
        visited.add(ident)
        if os.path.isfile(os.path.join(folder, HOST_JSON)):
            found.append(normalize_path(folder))
            continue
        if depth >= MAX_SCAN_DEPTH:
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if entry.name in SKIPPED_FOLDERS or entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    stack.append((entry.path, depth + 1))
            except OSError:
                continue
    return sorted(found)


def _scan_for_function_folders(top: str) -> list[str]:
    """Folders below `top` (no app root among them) with a sub-folder holding function.json."""
    found: list[str] = []
    stack = [(top, 0)]
    visited: set[tuple[int, int]] = set()
    while stack:
        folder, depth = stack.pop()
        try:
            stat = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        ident = (stat.st_dev, stat.st_ino)
        if ident in visited or os.path.isfile(os.path.join(folder, HOST_JSON)):
            continue
        visited.add(ident)
        subfolders = []
        for entry in entries:
            if entry.name in SKIPPED_FOLDERS or entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append(entry.path)
            except OSError:
                continue
        if any(os.path.isfile(os.path.join(sub, FUNCTION_JSON)) for sub in subfolders):
            found.append(normalize_path(folder))
            continue  # its sub-folders are the functions
        if depth < MAX_SCAN_DEPTH:
            stack.extend((sub, depth + 1) for sub in subfolders)
    return sorted(found)
