"""Diagnostics of every file of the workspace's apps, open or not (`diagnostics.scope`).

After the initial scan and after every change (debounced), a *sweep* computes the problems of
every analysed file of the apps under the workspace folders, in short slices on the analysis
thread: check results are cached by what they read, so a sweep after an edit costs one pass of
cache lookups plus the checks the edit invalidated (the function.json of an edited script, the
functions that use an edited setting). Each file's result carries a result id that changes only
when its problems, or the texts their positions are converted from, change.

Delivery follows the client:
- push clients get the files that are not open published when their result id changes, and
  cleared when they leave the workspace (deleted, no longer in an app, scope switched). Open
  documents keep their own debounced, versioned publishing.
- pull clients get `workspace/diagnostic` answered from the same results, with `unchanged`
  reports for the result ids they already hold. A pull client that never asks for workspace
  diagnostics (Neovim 0.11 pulls open documents only) gets the files it has not opened pushed,
  as a push client does; its first `workspace/diagnostic` clears those and stops them, and a
  file it opens is cleared from the push side first, so no file is reported twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from funcls.core.problems import Problem
    from funcls.lsp.server import FunclsServer

log = logging.getLogger(__name__)

WORKSPACE = "workspace"
# How long a pull client has after `initialized` to ask for workspace diagnostics before the
# files it has not opened are pushed to it (VS Code asks right after `initialize`).
PULL_GRACE_SECONDS = 2.0
# The other files are swept at least this long after an edit, whatever the debounce: at 1,000
# functions a sweep puts every file's problems together in one 20-40 ms step on the analysis
# thread, and started at once (debounce 0) it made the edited file's own diagnostics wait for
# it (bench/bench.py, didChange .py -> function.json pulled: 34-68 ms, against 3 ms at 10
# functions). The edited and open files come first; the unopened ones a moment later.
SWEEP_FLOOR_MS = 200
SLICE_SECONDS = 0.002


@dataclass(frozen=True)
class Entry:
    """One file's problems, the texts their positions refer to, and the result id of both."""

    result_id: str
    problems: list[Problem]
    texts: tuple[object, ...]


class WorkspaceDiagnostics:
    """The workspace-wide results and what the client was given of them."""

    def __init__(self, server: FunclsServer) -> None:
        self.server = server
        self.entries: dict[str, Entry] = {}
        self.in_scope: set[str] = set()  # the files of the last sweep
        self.delivered: dict[str, str] = {}  # path -> result id pushed to the client
        self.given: dict[str, str] = {}  # path -> result id the client last pulled
        self.workspace_pulled = False
        self._ids = count(1)
        self._prefix = uuid.uuid4().hex[:8]  # ids of an earlier server never match
        self._roots: list[str] | None = None
        self._roots_generation = -1
        self._swept: tuple[int, object] | None = None  # (generation, settings) of the last sweep
        self._task: asyncio.Task[None] | None = None
        self._lock: asyncio.Lock | None = None
        self._push_from: float | None = None  # loop time pull clients get pushes from
        self._grace_timer: asyncio.TimerHandle | None = None
        self._deliver_lock: asyncio.Lock | None = None

    # -- results -----------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        """True when the scope is the whole workspace."""
        return self.server.settings.scope == WORKSPACE

    def entry(self, path: str, problems: list[Problem]) -> Entry:
        """The entry for `problems` of `path`: the previous one (same result id) when nothing
        a client would see changed."""
        texts = self._texts(path, problems)
        old = self.entries.get(path)
        if (
            old is not None
            and old.problems == problems
            and len(old.texts) == len(texts)
            and all(a is b for a, b in zip(old.texts, texts, strict=True))
        ):
            return old
        entry = Entry(f"{self._prefix}-{next(self._ids)}", problems, texts)
        self.entries[path] = entry
        return entry

    def _texts(self, path: str, problems: list[Problem]) -> tuple[object, ...]:
        # Positions are converted from these texts: a changed text may move a range even when
        # the problems (code-point spans) are the same. No problem, no position to convert.
        if not problems:
            return ()
        paths = [path]
        for problem in problems:
            paths.extend(item.location.path for item in problem.related)
        texts = []
        for name in dict.fromkeys(paths):
            source = self.server.core.read(name)
            texts.append(source.text if source is not None else None)
        return tuple(texts)

    # -- sweeps ------------------------------------------------------------------------------
    def started(self) -> None:
        """Note that the session is initialised (pull clients' grace period starts)."""
        self._push_from = asyncio.get_running_loop().time() + PULL_GRACE_SECONDS

    def schedule(self, delay_ms: int | None = None) -> None:
        """Sweep after the debounce, replacing a pending sweep."""
        if not self.enabled and not self.in_scope and not self.delivered:
            return
        if self._task is not None:
            self._task.cancel()
        delay = self.server.settings.debounce_ms if delay_ms is None else delay_ms
        delay = max(delay, SWEEP_FLOOR_MS)
        self._task = asyncio.ensure_future(self._sweep_later(delay / 1000))

    async def _sweep_later(self, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.sweep()
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("workspace diagnostics failed")

    async def current(self) -> None:
        """Make the results current (a sweep now, unless the last one saw this state)."""
        settings = self.server.settings
        if self._swept == (self.server.core.sources.generation, settings):
            pending = self._task
            if pending is None or pending.done():
                return
        if self._task is not None and not self._task.done():
            self._task.cancel()
        await self.sweep()

    async def sweep(self) -> None:
        """Compute every file's problems and deliver what changed."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            server = self.server
            if self.enabled:  # files changed behind a client that does not watch them
                await server.run_analysis(server.core.sources.refresh_disk)
            generation = server.core.sources.generation
            settings = server.settings
            results: dict[str, list[Problem]] = {}
            if self.enabled:
                for root in await self._app_roots():
                    results.update(await self._app_results(root))
            for path, problems in results.items():
                self.entry(path, problems)
            for path in self.in_scope - results.keys():
                if not server.core.sources.is_open(path):
                    self.entries.pop(path, None)
            self.in_scope = set(results)
            self._swept = (generation, settings)
            await self.deliver()
            if server.pull_diagnostics and self.workspace_pulled and self._client_is_behind():
                server.request_refresh()

    async def _app_roots(self) -> list[str]:
        core = self.server.core
        changes = core.sources.changes_since(self._roots_generation)
        if self._roots is None or changes is None or any(s for _, s in changes):
            generation = core.sources.generation
            roots = self.server.workspace_roots()
            self._roots = await self.server.run_analysis(lambda: core.find_app_roots(roots))
            self._roots_generation = generation
        return self._roots

    async def _app_results(self, root: str) -> dict[str, list[Problem]]:
        analyzer = self.server.analyzer

        def run_slice() -> dict[str, list[Problem]] | None:
            return analyzer.app_problems(root, time.monotonic() + SLICE_SECONDS)

        while True:
            found = await self.server.run_analysis(run_slice)
            if found is not None:
                return found

    def _client_is_behind(self) -> bool:
        for path in self.in_scope | self.given.keys():
            entry = self.entries.get(path) if path in self.in_scope else None
            given = self.given.get(path)
            if entry is None:
                if given is not None:
                    return True  # left the workspace: the client still shows its problems
            elif entry.result_id != given and (entry.problems or given is not None):
                return True
        return False

    # -- push --------------------------------------------------------------------------------
    def push_unopened(self) -> bool:
        """True when the files the client has not opened are pushed to it."""
        if not self.enabled or self.workspace_pulled:
            return False
        if not self.server.pull_diagnostics:
            return True
        if self._push_from is None:
            return False
        loop = asyncio.get_running_loop()
        wait = self._push_from - loop.time()
        if wait > 0:
            if self._grace_timer is None:  # deliver once the grace period is over
                self._grace_timer = loop.call_later(wait + 0.01, self.deliver_soon)
            return False
        return True

    def deliver_soon(self) -> None:
        """`deliver` in a task of its own."""
        asyncio.ensure_future(self.deliver())

    async def deliver(self) -> None:
        """Publish the files whose results changed since they were pushed; clear those that
        left the workspace (or that a pull client now pulls). Converting and sending hundreds
        of files takes a while: the loop answers requests in between (`_breathe`)."""
        if self._deliver_lock is None:
            self._deliver_lock = asyncio.Lock()
        async with self._deliver_lock:
            server = self.server
            sources = server.core.sources
            pushing = self.push_unopened()
            budget = _Budget()
            for path in list(self.delivered):
                opened = sources.is_open(path)
                if opened and not server.pull_diagnostics:
                    continue  # an open document's own publishing owns it
                if path in self.delivered and (opened or not pushing or path not in self.in_scope):
                    del self.delivered[path]
                    self._publish(path, [])
                    await budget.breathe()
            if not pushing:
                return
            for path in sorted(self.in_scope):
                entry = self.entries.get(path)
                if entry is None or sources.is_open(path):
                    continue
                if self.delivered.get(path, "") == entry.result_id:
                    continue
                if not entry.problems and path not in self.delivered:
                    continue  # nothing shown, nothing to say
                self._publish(path, entry.problems)
                self.delivered[path] = entry.result_id
                await budget.breathe()

    def _publish(self, path: str, problems: list[Problem]) -> None:
        server = self.server
        diagnostics = server.to_diagnostics(path, problems) if problems else []
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=server.uri_of(path), diagnostics=diagnostics)
        )

    def published(self, path: str, problems: list[Problem]) -> None:
        """An open document's diagnostics were pushed."""
        self.delivered[path] = self.entry(path, problems).result_id

    def closed(self, path: str) -> bool:
        """A document was closed; True when the next sweep takes care of what the client shows
        for it (it is a file of the workspace), False when it should be cleared now."""
        if not self.enabled or path not in self.in_scope:
            self.delivered.pop(path, None)
            self.entries.pop(path, None)
            self.given.pop(path, None)
            return False
        return True

    # -- pull --------------------------------------------------------------------------------
    def pulled(self, path: str, problems: list[Problem]) -> Entry:
        """An open document's diagnostics were pulled; its entry."""
        entry = self.entry(path, problems)
        self.given[path] = entry.result_id
        return entry

    async def report(
        self, previous: list[types.PreviousResultId]
    ) -> types.WorkspaceDiagnosticReport:
        """The answer to `workspace/diagnostic`: every file of the workspace, `unchanged` when
        the client holds its current result id; files the client knows that left it, empty."""
        server = self.server
        if not self.workspace_pulled:
            self.workspace_pulled = True
            await self.deliver()  # the pushed files are pulled from now on: clear them
        await self.current()
        known: dict[str, str] = {}
        for item in previous:
            path = server.path_of(item.uri)
            if path is not None:
                known[path] = item.value
        items: list[
            types.WorkspaceFullDocumentDiagnosticReport
            | types.WorkspaceUnchangedDocumentDiagnosticReport
        ] = []
        budget = _Budget()
        for path in sorted(self.in_scope):
            entry = self.entries.get(path)
            if entry is None:
                continue
            uri = server.uri_of(path)
            document = server.open_document(uri)
            version = document.version if document is not None else None
            self.given[path] = entry.result_id
            if known.get(path) == entry.result_id:
                items.append(
                    types.WorkspaceUnchangedDocumentDiagnosticReport(
                        uri=uri, result_id=entry.result_id, version=version
                    )
                )
            else:
                items.append(
                    types.WorkspaceFullDocumentDiagnosticReport(
                        uri=uri,
                        items=server.to_diagnostics(path, entry.problems),
                        result_id=entry.result_id,
                        version=version,
                    )
                )
                await budget.breathe()
        for path in known.keys() - self.in_scope:
            self.given.pop(path, None)
            items.append(
                types.WorkspaceFullDocumentDiagnosticReport(
                    uri=server.uri_of(path), items=[], version=None
                )
            )
        return types.WorkspaceDiagnosticReport(items=items)


class _Budget:
    """Lets the event loop run (answer a completion, read the next message) every couple of
    milliseconds of a long loop of conversions."""

    def __init__(self, seconds: float = SLICE_SECONDS) -> None:
        self.seconds = seconds
        self.until = time.monotonic() + seconds

    async def breathe(self) -> None:
        """Yield to the loop when the budget is spent."""
        if time.monotonic() >= self.until:
            await asyncio.sleep(0)
            self.until = time.monotonic() + self.seconds
