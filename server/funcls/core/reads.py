"""What an analysis run read: files, and the list of an app's functions.

The engine caches each check's result with the set of things it read and drops it when one of
them changes. Files are noted by the workspace as they are read; the list of an app's functions
is noted as a pseudo-path when a check enumerates it, so a check that only looks at one
function keeps its result when another function's function.json is edited.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_recorders = threading.local()


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect what this thread reads meanwhile (nested recordings each see everything)."""
    stack: list[set[str]] | None = getattr(_recorders, "stack", None)
    if stack is None:
        stack = _recorders.stack = []
    reads: set[str] = set()
    stack.append(reads)
    try:
        yield reads
    finally:
        stack.pop()


def active() -> bool:
    """True while this thread records."""
    return bool(getattr(_recorders, "stack", None))


def note(path: str) -> None:
    """Record a read by every active recording of this thread."""
    stack = getattr(_recorders, "stack", None)
    if stack:
        for reads in stack:
            reads.add(path)


def functions_of(root: str) -> str:
    """The pseudo-path standing for the list of functions of the app at `root` (never a file:
    it holds a NUL character)."""
    return "\0functions\0" + root


def function_lists_changed_by(path: str) -> str | None:
    """The function list an edit of `path` changes: that of the app two folders up, when `path`
    is a function.json (`<root>/<function>/function.json`)."""
    if os.path.basename(path) != "function.json":
        return None
    return functions_of(os.path.dirname(os.path.dirname(path)))
