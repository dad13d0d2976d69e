"""The funcls language server: state, scheduling and publishing. Handlers live in `setup.py`.

State-changing notifications (open, change, close, configuration, watched files) run on the event
loop and only record what changed. Analysis runs on one funcls-owned worker thread (jedi is not
thread-safe and pygls' own pool also reads stdin), results for stale document versions are dropped,
and publishing happens on the loop.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import os
import re
import sys
import threading
import time
from asyncio import current_task
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from funcls import __version__
from funcls.core.settings import Settings, parse_settings
from funcls.core.snapshot import Snapshot
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace
from funcls.lsp.analysis_thread import AnalysisThread
from funcls.lsp.convert import Positions, diagnostic
from funcls.lsp.workspace_diagnostics import WorkspaceDiagnostics

if TYPE_CHECKING:
    from funcls.core.engine import Analyzer
    from funcls.core.features.service import FeatureService
    from funcls.core.problems import Problem

log = logging.getLogger(__name__)
T = TypeVar("T")
Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Any]])


SWITCH_INTERVAL = 0.001
_LSP_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# What str.splitlines breaks at besides LF, CR and CRLF.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class LspLinesDocument(TextDocument):
    """pygls' text document with the line breaks LSP defines (LF, CRLF, CR). pygls splits with
    `str.splitlines`, which also breaks at U+2028, U+0085, form feeds and other separators, so an
    incremental edit after one of those would land on the wrong line and the server's text would
    drift from the editor's."""

    @property
    def lines(self) -> tuple[str, ...]:  # type: ignore[override]
        source = self.source
        if _OTHER_BREAKS.search(source) is None:  # the common case; splitlines is faster
            return tuple(source.splitlines(True))
        return tuple(_LSP_LINES.findall(source))


def use_lsp_lines(workspace: Any) -> None:
    """Make `workspace` (pygls') create `LspLinesDocument`s."""
    create = workspace._create_text_document

    def create_lsp_document(*args: Any, **kwargs: Any) -> TextDocument:
        document = create(*args, **kwargs)
        if type(document) is TextDocument:
            document.__class__ = LspLinesDocument
        return document  # type: ignore[no-any-return]

    workspace._create_text_document = create_lsp_document


class FunclsProtocol(LanguageServerProtocol):
    """pygls' protocol, except that a change to a document that is not open is ignored with a
    warning (pygls raises KeyError, which would be logged as a server error)."""

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if self.workspace.text_documents.get(unquote(params.text_document.uri)) is None:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return
        yield from super().lsp_text_document__did_change(params)

    def handle_message(self, message: Any) -> None:
        """As pygls, but a request after `shutdown` is refused with InvalidRequest, as LSP
        asks (pygls drops it, leaving the client waiting forever)."""
        method = getattr(message, "method", None)
        message_id = getattr(message, "id", None)
        if self._shutdown and method not in (None, types.EXIT) and message_id is not None:
            self._send_response(
                message_id,
                error=types.ResponseError(
                    code=types.ErrorCodes.InvalidRequest, message="the server is shutting down"
                ),
            )
            return
        super().handle_message(message)


class FunclsServer(LanguageServer):
    """pygls server holding the analysis workspace and the delivery state."""

    def __init__(self) -> None:
        super().__init__("funcls", __version__, protocol_cls=FunclsProtocol)
        self.core = Workspace()
        self._analyzer: Analyzer | None = None  # built on first use: see `analyzer`
        self._features: FeatureService | None = None  # likewise: see `features`
        self._analyzer_lock = threading.Lock()
        # A lock of its own: the analysis thread holds `_analyzer_lock` while the analyzer is
        # built (seconds on a busy machine), and a completion must not wait for that.
        self._features_lock = threading.Lock()
        self._settings = Settings()
        self.executor = AnalysisThread()  # a daemon: see `funcls.lsp.analysis_thread`
        self.init_options: dict[str, Any] = {}
        self.client_settings: dict[str, Any] = {}
        self.pull_diagnostics = False
        self.snippets = False
        # Completion documentation sent on `completionItem/resolve` when the client can ask for
        # it: a list of 66 binding types then costs a third of its full size to send.
        self.lazy_documentation = False
        self.shared_edit_range = False  # the client takes `itemDefaults.editRange`
        self._completion_docs: OrderedDict[int, list[str | None]] = OrderedDict()
        self._completion_serial = 0
        self._pending: dict[str, asyncio.Task[None]] = {}
        # Per path, for the text last converted. Without it each request builds the line index
        # of its file again: 4.1 ms in a 5,000-line script, 30-45 µs in a function.json or an
        # `__init__.py` (bench/cache_figures.py, 2026-12); completion's target is 1 ms.
        self._positions: dict[str, Positions] = {}
        self._published: dict[str, list[Problem]] = {}
        self._client_uris: dict[str, str] = {}  # path -> the URI the client opened it by
        self.workspace_diagnostics = WorkspaceDiagnostics(self)

    # -- completion documentation ---------------------------------------------------------------
    def remember_documentation(self, documentation: list[str | None]) -> int:
        """Keep the documentation of a completion list for `completionItem/resolve`; returns
        the list's token (the last few lists are kept)."""
        self._completion_serial += 1
        self._completion_docs[self._completion_serial] = documentation
        while len(self._completion_docs) > 8:
            self._completion_docs.popitem(last=False)
        return self._completion_serial

    def documentation_of(self, token: object, index: object) -> str | None:
        """The documentation of item `index` of the list `token`, if still kept."""
        if not isinstance(token, int) or not isinstance(index, int) or isinstance(index, bool):
            return None
        documentation = self._completion_docs.get(token)
        if documentation is None or not 0 <= index < len(documentation):
            return None
        return documentation[index]

    # -- settings ----------------------------------------------------------------------------------
    @property
    def analyzer(self) -> Analyzer:
        """The checks engine. Importing it loads every check, the schemas and their libraries,
        so it is built on first use (or by the warm-up after `initialized`), not before
        `initialize` is answered."""
        analyzer = self._analyzer
        if analyzer is None:
            with self._analyzer_lock:
                if self._analyzer is None:
                    from funcls.core.engine import Analyzer

                    self._analyzer = Analyzer(self.core, self._settings)
                analyzer = self._analyzer
        return analyzer

    @property
    def features(self) -> FeatureService:
        """Completion, hover, outline and navigation, with every contributor listed in
        `funcls.core.features.service`. Built on first use for the same reason as `analyzer`."""
        service = self._features
        if service is None:
            with self._features_lock:
                if self._features is None:
                    from funcls.core.features.service import default_service

                    self._features = default_service()
                service = self._features
        return service

    @property
    def settings(self) -> Settings:
        """The merged settings in force."""
        return self._settings

    def apply_settings(self) -> None:
        """Merge initialization options and client configuration into the analyzer."""
        settings = parse_settings(self.init_options, self.client_settings)
        for warning in settings.warnings:
            log.warning("configuration: %s", warning)
        with self._analyzer_lock:
            self._settings = settings
            analyzer = self._analyzer
        if analyzer is not None:
            # On the analysis thread, after the job in progress: the loop never waits for it.
            try:
                self.executor.submit(analyzer.configure, settings)
            except RuntimeError:  # after `shutdown`: nothing will be analysed again
                pass

    def snapshot(self) -> Snapshot:
        """What a request answered on the loop reads: the workspace as it is now, frozen (see
        `funcls.core.snapshot`); taking it waits for nothing."""
        return Snapshot(self.core)

    def forget(self, path: str) -> None:
        """Drop what the workspace parsed from `path`, on the analysis thread: the parse cache
        is written there only (the loop's snapshots read it)."""
        try:
            self.executor.submit(self.core.forget, path)
        except RuntimeError:  # after `shutdown`: nothing will be read again
            pass

    # -- paths and texts ---------------------------------------------------------------------------
    @staticmethod
    def path_of(uri: str) -> str | None:
        """The normalised filesystem path of a `file:` URI (None for other schemes)."""
        return _path_of(uri)

    def uri_of(self, path: str) -> str:
        """The URI to use for a path: the client's own spelling when the file is open."""
        return self._client_uris.get(path) or from_fs_path(path) or path

    def open_document(self, uri: str) -> TextDocument | None:
        """pygls' open document for `uri`, or None. pygls keys documents by the unquoted URI,
        so a client URI with escapes (`my%20app`, `c%3A`) must be unquoted to find it."""
        return self.workspace.text_documents.get(unquote(uri))  # type: ignore[no-any-return]

    def open_uris(self) -> list[str]:
        """The client's URIs of every open document."""
        return [str(document.uri) for document in self.workspace.text_documents.values()]

    def positions(self, path: str) -> Positions | None:
        """Position conversion for the text the core analysed for `path`."""
        source = self.core.read(path)
        if source is None:
            return None
        encoding = str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        # A file that is not analysed (too large, binary, not UTF-8) still gets its diagnostic,
        # at 0:0.
        text = source.text or ""
        cached = self._positions.get(path)
        if cached is not None and cached.index.text is text and cached.encoding == encoding:
            return cached
        positions = Positions(text, encoding)
        # The open documents are what repeat; 256 holds more than clients keep open, and the
        # workspace sweep's one-off conversions of other files only clear it now and then.
        if len(self._positions) > 256:
            self._positions.clear()
        self._positions[path] = positions
        return positions

    def sync_document(self, uri: str) -> str | None:
        """Copy pygls' view of an open document into the core sources; returns its path."""
        path = self.path_of(uri)
        if path is None:
            return None
        document = self.workspace.get_text_document(uri)
        self.core.sources.set_open(path, document.version or 0, document.source)
        self._client_uris[path] = str(document.uri)
        return path

    # -- running analysis off the loop -------------------------------------------------------------
    async def run_analysis(self, call: Callable[[], T]) -> T:
        """Run `call` on the analysis thread. After `shutdown` nothing is analysed any more:
        work scheduled before it (a debounced publish, a sweep) ends as cancelled, quietly."""
        if self.executor.closed:
            raise asyncio.CancelledError
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, call)

    def to_diagnostics(self, path: str, problems: list[Problem]) -> list[types.Diagnostic]:
        """Problems of one file as LSP diagnostics (related places converted per file)."""
        positions = self.positions(path)
        if positions is None:
            return []
        related: dict[str, Positions] = {}
        for problem in problems:
            for item in problem.related:
                other = item.location.path
                if other not in related:
                    converted = self.positions(other)
                    if converted is not None:
                        related[other] = converted
        return [diagnostic(p, positions, related, self.uri_of) for p in problems]

    def problems_of(self, path: str) -> list[Problem]:
        """Problems of a file (to be called on the analysis thread). A file that is not open is
        checked against the disk first: clients that do not report file changes would otherwise
        get the results of its previous text until the next sweep of the workspace."""
        self.core.sources.disk_changed(path)
        problems = self.analyzer.problems_for_file(path)
        self._published[path] = problems
        return problems

    def last_problems(self, path: str) -> list[Problem]:
        """The problems last computed for a file (for code actions)."""
        return self._published.get(path, [])

    # -- push diagnostics --------------------------------------------------------------------------
    def schedule(self, uri: str, delay_ms: int | None = None) -> None:
        """Publish diagnostics for `uri` after the debounce, replacing a pending run."""
        if self.pull_diagnostics:
            return
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        delay = self.settings.debounce_ms if delay_ms is None else delay_ms
        self._pending[uri] = asyncio.ensure_future(self._publish_later(uri, delay / 1000))

    async def _publish_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.publish(uri)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("publishing diagnostics for %s failed", uri)
        finally:
            current = self._pending.get(uri)
            if current is asyncio.current_task():
                self._pending.pop(uri, None)

    async def publish(self, uri: str) -> None:
        """Compute and push the diagnostics of one open document, unless it changed meanwhile."""
        path = self.path_of(uri)
        opened = self.open_document(uri)
        if path is None or opened is None:
            return
        version = opened.version
        generation = self.core.sources.generation
        problems = await self.run_analysis(functools.partial(self.problems_of, path))
        document = self.open_document(uri)
        if document is None or document.version != version:
            return  # stale: a newer change has its own run scheduled
        pending = self._pending.get(uri)
        if generation != self.core.sources.generation and pending not in (None, current_task()):
            return  # another file changed meanwhile and a newer run for this one is scheduled
        diagnostics = self.to_diagnostics(path, problems)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )
        self.workspace_diagnostics.published(path, problems)

    def refresh_related(self, changed_path: str | None, delay_ms: int | None = None) -> None:
        """Re-check open documents that may depend on a changed file (same app), or all, and
        the workspace's other files (see `workspace_diagnostics`)."""
        workspace = self.workspace_diagnostics
        workspace.schedule(delay_ms)
        if self.pull_diagnostics:
            if not (workspace.enabled and workspace.workspace_pulled):
                self.request_refresh()  # else the sweep asks, when a result changed
            return
        root = self.core.app_root_for(changed_path) if changed_path else None
        for uri in self.open_uris():
            path = self.path_of(uri)
            if path is None:
                continue
            if root is None or path.startswith(root + os.sep) or path == changed_path:
                self.schedule(uri, delay_ms)

    def refresh_supported(self) -> bool:
        """True when the client lets the server ask it to pull diagnostics again."""
        workspace = self.client_capabilities.workspace
        diagnostics = workspace.diagnostics if workspace else None
        return bool(diagnostics and diagnostics.refresh_support)

    def request_refresh(self) -> None:
        """Ask the client to pull diagnostics again, when it lets the server ask."""
        if self.refresh_supported():
            asyncio.ensure_future(self._request_refresh())

    async def _request_refresh(self) -> None:
        try:
            await self.workspace_diagnostic_refresh_async(None)
        except Exception:
            log.debug("diagnostic refresh request failed", exc_info=True)

    def clear(self, uri: str) -> None:
        """Remove a closed document's diagnostics (a file of the workspace keeps those of its
        disk text, which the next sweep delivers)."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        path = self.path_of(uri)
        kept = False
        if path is not None:
            self._published.pop(path, None)
            self._client_uris.pop(path, None)
            kept = self.workspace_diagnostics.closed(path)
        if not self.pull_diagnostics and not kept:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    # -- initial scan ------------------------------------------------------------------------------
    def workspace_roots(self) -> list[str]:
        """Filesystem paths of the workspace folders (or the root URI)."""
        uris = [folder.uri for folder in self.workspace.folders.values()]
        if not uris and self.workspace.root_uri:
            uris = [self.workspace.root_uri]
        return [path for path in (self.path_of(uri) for uri in uris) if path]

    async def initial_scan(self, slice_seconds: float = 0.001) -> int:
        """Parse every function.json and entry script of the workspace's apps in the background,
        so the first requests find warm caches, and with `diagnostics.scope` = `workspace`
        check every file and deliver its diagnostics (see `workspace_diagnostics`). Reports
        `window/workDoneProgress` with a percentage when the scan takes longer than 200 ms.
        Returns the number of files read.

        The scan runs in slices of a few milliseconds on the analysis thread, so a request or
        an edit arriving meanwhile waits for one slice at most, not for the scan."""
        roots = self.workspace_roots()
        if not roots:
            return 0
        self.workspace_diagnostics.started()
        # The scan builds most of what the server keeps; each time the heap grew by a quarter
        # the collector would stop every thread to go through all of it (three pauses of 100 to
        # 300 ms at 1,000 functions). It is paused during the scan, and what the scan built is
        # then frozen (moved out of the collector's sight) rather than collected: a collection
        # at the end stopped the server 160-270 ms, the slowest completions of the scan in
        # bench/bench.py --only scan. The scan makes next to no cyclic garbage (under 200
        # objects at 1,000 functions), which is all that freezing keeps; objects freed by
        # reference counting, as replaced results are, go as usual.
        collecting = gc.isenabled()
        gc.disable()
        token: str | None = None
        try:
            count, token = await self._scan(roots, slice_seconds)
            await self.workspace_diagnostics.sweep()
        finally:
            if collecting:
                gc.freeze()
                gc.enable()
            if token is not None:
                self.work_done_progress.end(token, types.WorkDoneProgressEnd(message="done"))
        return count

    async def _scan(self, roots: list[str], slice_seconds: float) -> tuple[int, str | None]:
        """Read (or check) every file in slices; (number of files, progress token)."""
        files = await self.run_analysis(functools.partial(self.analyzer.files_to_check, roots))
        loop = asyncio.get_running_loop()
        started = loop.time()
        token: str | None = None
        done = 0
        reported = -1
        while done < len(files):
            done += await self.run_analysis(
                functools.partial(self._warm, files[done:], slice_seconds)
            )
            if token is None and loop.time() - started > 0.2 and done < len(files):
                token = await self._begin_progress("funcls: reading Functions apps")
            percentage = 100 * done // len(files)
            if token is not None and percentage != reported:  # one report per percent at most
                reported = percentage
                self.work_done_progress.report(
                    token,
                    types.WorkDoneProgressReport(
                        message=f"{done}/{len(files)} files", percentage=percentage
                    ),
                )
        log.info("initial scan: %d files in %.2f s", len(files), loop.time() - started)
        return len(files), token

    def _warm(self, paths: list[str], seconds: float) -> int:
        """Parse files (check them, when every file gets diagnostics) until `seconds` have
        passed (at least one); returns how many."""
        deadline = time.monotonic() + seconds
        check = self.workspace_diagnostics.enabled
        for count, path in enumerate(paths, start=1):
            if check:
                self.analyzer.problems_for_file(path)
            elif path.endswith(".py"):
                self.core.script(path)
            else:
                self.core.json(path)
            if time.monotonic() >= deadline:
                return count
        return len(paths)

    async def _begin_progress(self, title: str) -> str | None:
        window = self.client_capabilities.window
        if not (window and window.work_done_progress):
            return None
        token = f"funcls-scan-{id(self)}"
        try:
            await self.work_done_progress.create_async(token)
        except Exception:
            log.debug("progress token refused", exc_info=True)
            return None
        self.work_done_progress.begin(
            token, types.WorkDoneProgressBegin(title=title, percentage=0, cancellable=False)
        )
        return token

    def start_io(self, stdin: Any = None, stdout: Any = None) -> None:
        """Serve over stdio, reading the pipe on the event loop (see `funcls.lsp.stdio`)."""
        # The analysis thread checks in slices, but a thread that wants the GIL waits up to the
        # switch interval for it: at the default 5 ms, reading a completion request and writing
        # its answer during the initial scan of 1,000 functions can each wait that long.
        sys.setswitchinterval(SWITCH_INTERVAL)
        if stdout is not None:
            super().start_io(stdin, stdout)
            return
        from funcls.lsp.stdio import start_io

        start_io(self, stdin)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Errors outside requests are logged, never shown as pop-ups. A client's mistake (an
        unknown method, invalid parameters) is a warning, not a server error."""
        if isinstance(error, JsonRpcException) and not isinstance(error, JsonRpcInternalError):
            log.warning("client request refused: %s", error)
            return
        log.error("server error: %s", error, exc_info=error)


def run_safe(default: Callable[[], Any]) -> Callable[[Handler], Handler]:
    """Wrap an async handler so an exception is logged and answered with `default()`."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapper(ls: FunclsServer, params: Any) -> Any:
            try:
                return await handler(ls, params)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s failed", getattr(handler, "__name__", "handler"))
                return default()

        return wrapper  # type: ignore[return-value]

    return decorate


# URIs repeat on every message, and a `workspace/diagnostic` pull names every file of the
# workspace (2 per function + 4). Without it: 8-13 µs per URI, so 80-130 ms on the event
# loop per pull at 5,000 functions (bench/cache_figures.py, 2026-12); a hit costs 0.1-0.3 µs.
# Sized to hold the 10,004 files of 5,000 functions: a pull cycling through more URIs than the
# size misses on every one.
@functools.lru_cache(maxsize=16384)
def _path_of(uri: str) -> str | None:
    path = to_fs_path(uri)
    return normalize_path(path) if path else None
