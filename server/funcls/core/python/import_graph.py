"""Which Python files of the app an import statement runs, followed statically.

The worker imports a function's entry script, and Python then runs every module of the app that
script imports, and theirs in turn: `from . import helper`, `from .sub.mod import x`,
`import shared_code.util`, `from shared_code import util` (the package's `__init__.py`, then the
submodule when the name is one). This module maps an import statement to those files from the
file system alone (never by importing anything) and walks the graph with cycles cut by a visited
set. Imports the worker cannot resolve (implicit sibling imports, names outside the app) lead to
no file: their own checks report them.
"""

from __future__ import annotations

import ast
import os
import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from funcls.core import reads
from funcls.core.python.imports import ImportSite, import_sites, in_app_source
from funcls.core.workspace import Workspace

_MAX_FILES = 500  # an app with more imported modules is analysed up to this many
T = TypeVar("T")


# Modules shared by many functions are examined once, not once per function, and kept until a
# file they read is edited (the engine's rule for its own caches): `funcls check` of 60 functions
# importing the same 15 shared modules took 1.65 s without this, 0.93 s with it (0.80 s when
# imported modules were not followed at all), and a keystroke in one entry script does not
# examine every module it imports again.
@dataclass
class _Memo:
    """Results by key, each with the files it read, as of a generation of the sources."""

    generation: int
    entries: dict[Hashable, tuple[object, frozenset[str]]]


_MEMOS: weakref.WeakKeyDictionary[Workspace, _Memo] = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def _current(workspace: Workspace) -> _Memo:
    """The workspace's memo without the entries the changes since its last use made stale."""
    sources = workspace.sources
    generation = sources.generation
    memo = _MEMOS.get(workspace)
    if memo is None:
        memo = _MEMOS[workspace] = _Memo(generation, {})
    elif memo.generation != generation:
        changes = sources.changes_since(memo.generation)
        if changes is None or any(structural for _, structural in changes):
            memo.entries.clear()  # files may have appeared or gone: imports resolve anew
        else:
            edited = {path for path, _ in changes}
            edited.update(m for p in list(edited) if (m := reads.function_lists_changed_by(p)))
            for key in [k for k, (_, read) in memo.entries.items() if read & edited]:
                del memo.entries[key]
        memo.generation = generation
    return memo


def remembered(workspace: Workspace, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, kept until a file it read changes. The files it read are noted again on a
    hit, so a check using it is still invalidated by their edits."""
    with _MEMO_LOCK:
        hit = _current(workspace).entries.get(key)
    if hit is not None:
        for path in hit[1]:
            reads.note(path)
        return hit[0]  # type: ignore[return-value]
    generation = workspace.sources.generation
    with reads.recording() as read_now:
        value = compute()
    with _MEMO_LOCK:
        memo = _current(workspace)
        if memo.generation == generation:  # nothing changed while computing
            memo.entries[key] = (value, frozenset(read_now))
    return value


@dataclass(frozen=True)
class Edge:
    """An import statement of `importer` that runs the app module `target`."""

    importer: str
    site: ImportSite
    target: str


def _package_of(root: str, path: str) -> list[str]:
    """The package parts a file's relative imports start from (its folder below the root)."""
    folder = os.path.dirname(path)
    if folder.startswith(root + os.sep):
        return folder[len(root) + 1 :].split(os.sep)
    rel = os.path.relpath(folder, root)
    return [] if rel == os.curdir else rel.split(os.sep)


def _names_in(workspace: Workspace, folder: str) -> frozenset[str]:
    """The entries of a folder (open buffers included), listed once until files come or go."""
    return remembered(
        workspace, ("names", folder), lambda: frozenset(workspace.sources.list_dir(folder))
    )


def _step(workspace: Workspace, folder: str, name: str) -> tuple[str | None, str | None]:
    """(file run, folder to continue in) for the module `name` inside `folder`: a regular
    package wins over a module file, which wins over a namespace folder (Python's order)."""
    names = _names_in(workspace, folder)
    if name not in names and name + ".py" not in names:
        return None, None  # most imports: the standard library and installed packages
    base = os.path.join(folder, name)
    init = os.path.join(base, "__init__.py")
    if workspace.sources.exists(init):
        return init, base
    if workspace.sources.exists(base + ".py"):
        return base + ".py", None
    if os.path.isdir(base):
        return None, base
    return None, None


def _walk_dotted(
    workspace: Workspace, folder: str, parts: list[str]
) -> tuple[list[str], str | None]:
    """Files run by importing `parts` below `folder`, and the package folder reached (None
    when the dotted name ends in a module file or does not resolve)."""
    files: list[str] = []
    current: str | None = folder
    for part in parts:
        if current is None or not part:
            return files, None
        found, current = _step(workspace, current, part)
        if found is not None:
            files.append(found)
        if found is None and current is None:
            return files, None
    return files, current


def targets_of(workspace: Workspace, root: str, path: str, site: ImportSite) -> list[str]:
    """The app files that `site` (a statement of the file `path`) runs, in order."""
    package = _package_of(root, path)
    if site.level:
        if site.level > len(package) + 1:
            return []  # beyond the app root: fails on its own (FUNC308)
        folder = os.path.join(root, *package[: len(package) - site.level + 1])
        parts = site.module.split(".") if site.module else []
    else:
        parts = site.module.split(".")
        if parts and parts[0] == "__app__":
            parts = parts[1:]  # the worker's alias of the app root (FUNC301)
        if not parts or not parts[0]:
            return []
        found, current = _step(workspace, root, parts[0])
        if found is None and current is None:
            return []  # not part of the app: installed, missing, or an implicit sibling
        folder = root
    files, reached = _walk_dotted(workspace, folder, parts)
    if isinstance(site.stmt, ast.ImportFrom) and reached is not None:
        for name in site.names:
            if name == "*":
                continue
            found, _ = _step(workspace, reached, name)
            if found is not None:
                files.append(found)  # `from package import submodule`
    return [os.path.normpath(f) for f in files]


def edges_of(workspace: Workspace, root: str, path: str) -> tuple[Edge, ...]:
    """Every import of the file `path` that runs another Python file of the app."""
    return remembered(workspace, ("edges", root, path), lambda: _edges_now(workspace, root, path))


def _edges_now(workspace: Workspace, root: str, path: str) -> tuple[Edge, ...]:
    view = workspace.script(path)
    if view is None or view.tree is None:
        return ()
    real_root = os.path.realpath(root)
    return tuple(
        Edge(path, site, target)
        for site in import_sites(view)
        for target in targets_of(workspace, root, path, site)
        if target != path and in_app_source(root, target) and _really_inside(real_root, target)
    )


def _really_inside(real_root: str, path: str) -> bool:
    """False for a file reached through a symbolic link that leads out of the app: the
    analysis reads nothing outside the workspace."""
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def imported_files(workspace: Workspace, root: str, entry: str) -> list[str]:
    """Every Python file of the app that importing `entry` may run (module-level imports, and
    those inside functions, guarded or not), `entry` excluded, in breadth-first order."""
    seen = {entry}
    order: list[str] = []
    queue = [entry]
    while queue and len(order) < _MAX_FILES:
        current = queue.pop(0)
        for edge in edges_of(workspace, root, current):
            if edge.target not in seen:
                seen.add(edge.target)
                order.append(edge.target)
                queue.append(edge.target)
    return order
