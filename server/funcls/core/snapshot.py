"""What one request on the event loop reads: a workspace frozen at the moment it was taken.

JSON completion, hover and the outline answer on the event loop while the analysis thread
rescans apps and runs checks. A `Snapshot` takes, once, the references of what they read:

- the open buffers (their versions and texts), which `Sources` replaces on every change and
  never mutates (`Sources.snapshot`);
- the app models the analysis last built, a read-only mapping the workspace replaces whole when
  it builds a model (`Workspace.published_apps`);
- the parse cache's entries, each a frozen (text, parse) pair stored whole by the analysis
  thread: a parse found there for the request's text is used as it is, a missing one is made
  for the request alone.

Nothing it holds is changed afterwards, and it takes no lock: a keystroke never waits for a
rescan or a check in progress. Its app models may be one analysis behind the buffers
(`function(folder)` builds a function from the request's buffers); before the analysis has
built a model of an app, the app's root is known but not its functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from funcls.core.app_model import AppModel
from funcls.core.sources import SourceFile, normalize_path
from funcls.core.workspace import Workspace

T = TypeVar("T")


class Snapshot(Workspace):
    """A read-only `Workspace` for one request: the live workspace's buffers, app models and
    parse entries as they were when it was taken. Build one per request (it is cheap: a few
    references) and drop it with the request's answer."""

    def __init__(self, live: Workspace) -> None:
        # The request's own state, empty; the live workspace's is only read, through the
        # references taken here.
        super().__init__(live.sources.snapshot())
        self._published = live.published_apps
        self._outside = live._outside
        self._shared = live._cache

    def derived(self, kind: str, source: SourceFile, build: Callable[[SourceFile], T]) -> T:
        """`build(source)` for this request: the live workspace's result for the same text
        when it has one, else built here. Either way the request sees one result per file."""
        key = (kind, source.path)
        marker: object = source.text if source.text is not None else source.unreadable
        for entries in (self._cache, self._shared):
            hit = entries.get(key)  # one atomic read of a frozen entry
            if hit is not None and (hit[0] is marker or hit[0] == marker):
                self._cache[key] = hit
                return hit[1]  # type: ignore[no-any-return]
        value = build(source)
        self._cache[key] = (marker, value)
        return value

    def app(self, root: str) -> AppModel:
        """The app model the analysis last built for `root`, never built here (a rescan would
        hold up the request); before the first build, the root without its functions."""
        root = normalize_path(root)
        model = self._published.get(root)
        return model if model is not None else AppModel(root=root, function_list=())

    def function_lists_changed_by(self, path: str) -> list[str]:
        """Refused: a snapshot tracks no changes."""
        raise TypeError("a snapshot tracks no changes")
