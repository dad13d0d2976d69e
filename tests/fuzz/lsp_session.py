"""Driving `funcls --stdio` for the fuzz, robustness and security tests: the server log in a file,
a copy of the example app, the client's view of every open document, and positions in the
negotiated encoding computed independently of the server's own conversion code."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, default_converter, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "sample-app"
SERVER = [sys.executable, "-m", "funcls", "--stdio"]
INIT_OPTIONS = {"diagnostics": {"debounceMs": 0}}
LINE_BREAK = re.compile(r"\r\n|\r|\n")
TOTALS = {"edits": 0, "requests": 0}  # over the test run, printed at its end


def capabilities(name: str) -> types.ClientCapabilities:
    """Recorded client capabilities; `pull` is VS Code's plus pull diagnostics."""
    if name != "pull":
        return client_capabilities(name)
    caps = client_capabilities("visual-studio-code")
    assert caps.text_document is not None
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
        dynamic_registration=False, related_document_support=True
    )
    return caps


def units(text: str, encoding: str) -> int:
    """Length of `text` in the position encoding's units."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def lines_of(text: str) -> list[str]:
    """The document's lines as LSP defines them (LF, CRLF or CR end a line), without ends."""
    return LINE_BREAK.split(text)


def position_of(text: str, offset: int, encoding: str) -> types.Position:
    """The LSP position of a code-point offset."""
    before = text[:offset]
    starts = [m.end() for m in LINE_BREAK.finditer(before)]
    line_start = starts[-1] if starts else 0
    return types.Position(line=len(starts), character=units(text[line_start:offset], encoding))


def check_range(text: str, rng: types.Range, encoding: str, what: str) -> None:
    """Assert that a range lies inside the document."""
    lines = lines_of(text)
    for pos in (rng.start, rng.end):
        assert 0 <= pos.line < len(lines), f"{what}: line {pos.line} of {len(lines)} lines"
        length = units(lines[pos.line], encoding)
        assert 0 <= pos.character <= length, (
            f"{what}: character {pos.character} beyond line {pos.line} ({length} units)"
        )
    assert (rng.start.line, rng.start.character) <= (rng.end.line, rng.end.character), (
        f"{what}: start after end {rng}"
    )


@dataclass
class Document:
    """The client's copy of an open document and its text at each version."""

    uri: str
    text: str
    version: int = 1
    history: dict[int, str] = field(default_factory=dict)


@dataclass
class FuzzSession:
    """A running server, its log file and the app it works on."""

    client: LanguageClient
    app: Path
    log: Path
    encoding: str
    pull: bool
    log_offset: int = 0
    documents: dict[str, Document] = field(default_factory=dict)
    edits: int = 0
    requests: int = 0

    def new_log_errors(self) -> list[str]:
        """ERROR and Traceback lines the server logged since the last call."""
        if not self.log.exists():
            return []
        with open(self.log, encoding="utf-8", errors="replace") as handle:
            handle.seek(self.log_offset)
            text = handle.read()
            self.log_offset = handle.tell()
        return [
            line
            for line in text.splitlines()
            if " ERROR " in line or " CRITICAL " in line or "Traceback" in line
        ]


def _record_publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    published: list[types.PublishDiagnosticsParams] = getattr(client, "published", [])
    published.append(params)
    client.published = published  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also keeping every publishDiagnostics with its version."""
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_publish
    register_lsp_features(client, features)
    client.published = []  # type: ignore[attr-defined]
    return client


async def start_session(
    name: str,
    tmp_path: Path,
    app: Path | None = None,
    log_name: str | None = None,
    prefix: tuple[str, ...] = (),
) -> FuzzSession:
    """Start `funcls --stdio` with a client of `name` on `app` (default: a copy of the example
    app in `tmp_path`), its log in `tmp_path`; `prefix` goes before the command (a tracer)."""
    if app is None:
        app = tmp_path / "sample-app"
        if not app.exists():
            shutil.copytree(EXAMPLE, app)
    log = tmp_path / (log_name or f"server-{name}.log")
    config = ClientServerConfig(
        server_command=[
            *prefix,
            *SERVER,
            "--log-file",
            str(log),
            "--log-level",
            os.environ.get("FUNCLS_FUZZ_LOG_LEVEL", "info"),
        ],
        client_factory=make_client,
    )
    client = await config.start()
    assert isinstance(client, LanguageClient)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        return None

    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(name),
            initialization_options=INIT_OPTIONS,
            process_id=None,
            root_uri=app.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=app.as_uri(), name=app.name)],
        )
    )
    encoding = str(result.capabilities.position_encoding or types.PositionEncodingKind.Utf16)
    caps = capabilities(name)
    pull = caps.text_document is not None and caps.text_document.diagnostic is not None
    return FuzzSession(client, app, log, encoding, pull=pull)


async def stop_session(session: FuzzSession) -> None:
    """shutdown + exit; the process is killed when it does not end in time."""
    client = session.client
    try:
        await asyncio.wait_for(client.shutdown_session(), timeout=10)
    finally:
        await client.stop()


def dump_server_stacks(session: FuzzSession) -> str:
    """Ask a stuck server for its threads' stacks (SIGUSR1; they go to its stderr, which the
    test client forwards) and say whether it still runs."""
    process = getattr(session.client, "_server", None)
    if process is None:
        return "no server process"
    if process.returncode is not None:
        return f"the server exited with status {process.returncode}"
    try:
        os.kill(process.pid, signal.SIGUSR1)
    except OSError as exc:
        return f"cannot signal the server: {exc}"
    return f"the server (pid {process.pid}) still runs; its thread stacks are on stderr"


def safe_offset(text: str, offset: int) -> int:
    """`offset` moved off the middle of a CRLF pair (LSP has no position inside one)."""
    offset = max(0, min(offset, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        return offset - 1
    return offset


def apply_change(text: str, start: int, end: int, new: str) -> str:
    """`text` with code points [start, end) replaced by `new`."""
    return text[:start] + new + text[end:]
