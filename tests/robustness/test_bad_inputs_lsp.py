"""The catalogue of bad inputs, through the LSP client and the CLI: each gets a clear diagnostic
(or none) within 2 s, the server keeps answering, and nothing is logged as an error. Files over
the size limit, on disk or as editor buffers, are reported and not analysed."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types

from fuzz.lsp_session import (
    EXAMPLE,
    FuzzSession,
    check_range,
    position_of,
    start_session,
    stop_session,
)

# A bound that tells a hang from an answer, not a speed goal: the machine running the tests may
# be busy (a 50 MB message alone takes seconds to cross the pipe there). Speed goals
# belong to bench/bench.py, which prints figures.
LIMIT = 30.0
MB = 1024 * 1024

pytestmark = pytest.mark.e2e


@pytest.fixture
def app(tmp_path: Path) -> Path:
    target = tmp_path / "workspace" / "sample-app"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest_asyncio.fixture
async def session(tmp_path: Path, app: Path) -> AsyncIterator[FuzzSession]:
    """VS Code's capabilities with pull diagnostics; warmed up by one pull."""
    started = await start_session("pull", tmp_path, app=app)
    await pull(started, app / "HttpHello" / "function.json", limit=60)
    yield started
    try:
        assert started.new_log_errors() == [], "the server logged errors"
    finally:
        await stop_session(started)


async def pull(
    session: FuzzSession, path: Path, limit: float = LIMIT, text: str | None = None
) -> list[types.Diagnostic]:
    """Pull the diagnostics of `path` (open or not) within `limit` seconds; with `text`, check
    that every range lies inside it."""
    started = time.monotonic()
    report = await asyncio.wait_for(
        session.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri())
            )
        ),
        timeout=limit * 2,
    )
    elapsed = time.monotonic() - started
    assert elapsed < limit, f"diagnostics of {path.name} took {elapsed:.2f} s"
    items = list(getattr(report, "items", []))
    if text is not None:
        for item in items:
            check_range(text, item.range, session.encoding, f"{path.name}: {item.code}")
    return items


def open_text(session: FuzzSession, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    session.client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="python" if path.suffix == ".py" else "json",
                version=version,
                text=text,
            )
        )
    )
    return uri


async def answered(session: FuzzSession, path: Path, text: str, offset: int) -> None:
    """Completion, hover, symbols, definition and code actions at `offset` are answered in
    time and without an error response."""
    ident = types.TextDocumentIdentifier(uri=path.as_uri())
    position = position_of(text, offset, session.encoding)
    client = session.client
    calls = [
        client.text_document_completion_async(
            types.CompletionParams(text_document=ident, position=position)
        ),
        client.text_document_hover_async(types.HoverParams(text_document=ident, position=position)),
        client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=ident)),
        client.text_document_definition_async(
            types.DefinitionParams(text_document=ident, position=position)
        ),
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=ident,
                range=types.Range(start=position, end=position),
                context=types.CodeActionContext(diagnostics=[]),
            )
        ),
    ]
    for call in calls:
        started = time.monotonic()
        await asyncio.wait_for(call, timeout=LIMIT * 2)
        assert time.monotonic() - started < LIMIT


def codes(items: list[types.Diagnostic]) -> set[str]:
    return {str(item.code) for item in items}


def messages(items: list[types.Diagnostic]) -> str:
    return "\n".join(item.message for item in items)


# -- files funcls cannot read ---------------------------------------------------------------------
async def test_invalid_utf8_function_json(session: FuzzSession, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    data = b'{\n  "bindings": [\xff\xfe\xc3\x28 ]\n}\n'
    path.write_bytes(data)
    items = await pull(session, path, text="")
    assert "FUNC003" in codes(items) and "not valid UTF-8" in messages(items)
    # An editor shows the bytes it cannot decode as U+FFFD and sends that text.
    text = data.decode("utf-8", errors="replace")
    open_text(session, path, text)
    items = await pull(session, path, text=text)
    assert "FUNC003" not in codes(items)
    assert "FUNC001" in codes(items)  # the text is not JSON
    await answered(session, path, text, text.index("\ufffd"))


async def test_binary_file_named_function_json(session: FuzzSession, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    path.write_bytes(bytes(range(256)) * 64)
    items = await pull(session, path, text="")
    assert "FUNC003" in codes(items) and "binary" in messages(items)
    text = (bytes(range(256)) * 4).decode("latin-1")  # what a client may make of it
    open_text(session, path, text)
    items = await pull(session, path, text=text)
    await answered(session, path, text, len(text) // 2)


# -- files over the size limit --------------------------------------------------------------------
def _big_json(size: int) -> str:
    item = '{"type": "httpTrigger", "direction": "in", "name": "req"},\n'
    return '{"bindings": [\n' + item * (size // len(item)) + "{}]}\n"


@pytest.mark.parametrize("name", ["HttpHello/function.json", "HttpHello/__init__.py", "host.json"])
async def test_50_mb_file_on_disk_is_reported_not_analysed(
    session: FuzzSession, app: Path, name: str
) -> None:
    path = app / name
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(("# " + "x" * 1022 + "\n") * 50 * 1024)
    assert path.stat().st_size > 50 * MB
    items = await pull(session, path, text="")
    assert "FUNC003" in codes(items), items
    assert "not analysed" in messages(items)


async def test_5_mb_function_json_on_disk_and_in_the_editor(
    session: FuzzSession, app: Path
) -> None:
    path = app / "QueueWorker" / "function.json"
    text = _big_json(5 * MB)
    path.write_text(text, encoding="utf-8")
    items = await pull(session, path, text="")
    assert "FUNC003" in codes(items) and "5.0 MB" in messages(items)
    open_text(session, path, text)
    items = await pull(session, path, text=text)
    assert "FUNC003" in codes(items) and "not analysed" in messages(items)
    await answered(session, path, text, len(text) // 2)


async def test_50_mb_editor_buffer_is_reported_not_analysed(
    session: FuzzSession, app: Path
) -> None:
    path = app / "HttpHello" / "function.json"
    text = _big_json(50 * MB)
    started = time.monotonic()
    open_text(session, path, text)
    items = await pull(session, path, text=text, limit=LIMIT)
    assert time.monotonic() - started < LIMIT
    assert "FUNC003" in codes(items) and "not analysed" in messages(items)
    await answered(session, path, text, len(text) - 3)
    # An edit of the big buffer is applied and still not analysed.
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=3, character=0),
                        end=types.Position(line=3, character=0),
                    ),
                    text="{},",
                )
            ],
        )
    )
    items = await pull(session, path, limit=LIMIT)
    assert "FUNC003" in codes(items)


# -- structures that break recursive code ---------------------------------------------------------
async def test_10000_deep_nested_json(session: FuzzSession, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    for text in (
        '{"bindings": ' + "[" * 10_000 + "]" * 10_000 + "}",
        '{"bindings": [' + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "]}",
        '{"bindings": ' + "[" * 10_000,  # and never closed
    ):
        open_text(session, path, text)
        items = await pull(session, path, text=text)
        assert "FUNC001" in codes(items)
        await answered(session, path, text, len(text) // 2)
        session.client.text_document_did_close(
            types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri())
            )
        )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n", id="100000-deep-parens"),
        pytest.param("x = " + "+".join(["1"] * 100_000) + "\n", id="100000-term-sum"),
        pytest.param("x = " + "[" * 1_000 + "]" * 1_000 + "\n", id="1000-deep-lists"),
        pytest.param(
            "def f():\n" + "".join("    " * i + "if x:\n" for i in range(1, 120)), id="deep-blocks"
        ),
    ],
)
async def test_python_entry_script_with_deep_expressions(
    session: FuzzSession, app: Path, source: str
) -> None:
    path = app / "HttpHello" / "__init__.py"
    original = path.read_text(encoding="utf-8")
    text = source + "\n" + original
    for on_disk in (True, False):
        if on_disk:
            path.write_text(text, encoding="utf-8")
        else:
            open_text(session, path, text)
        items = await pull(session, path, text=text if not on_disk else None)
        if source.startswith("x = ("):
            assert "FUNC204" in codes(items), messages(items)
        await pull(session, app / "HttpHello" / "function.json")
    await answered(session, path, text, len(text) - 10)
    await answered(session, path, text, 7)


async def test_python_entry_script_with_null_bytes(session: FuzzSession, app: Path) -> None:
    path = app / "HttpHello" / "__init__.py"
    data = path.read_bytes().replace(b"import logging", b"import \x00logging\x00")
    path.write_bytes(data)
    items = await pull(session, path, text="")
    assert "FUNC003" in codes(items) and "binary" in messages(items)
    text = data.decode("utf-8")
    open_text(session, path, text)
    items = await pull(session, path, text=text)
    assert items, "a buffer with NUL characters gets a diagnostic"
    await answered(session, path, text, text.index("\x00"))
    await pull(session, app / "HttpHello" / "function.json")


# -- the file system ------------------------------------------------------------------------------
async def test_symlink_loops_in_the_workspace(tmp_path: Path, app: Path) -> None:
    (app / "loop").symlink_to(app, target_is_directory=True)
    (app / "HttpHello" / "again").symlink_to(app / "HttpHello", target_is_directory=True)
    (app / "Cycle").mkdir()
    (app / "Cycle" / "a").symlink_to(app / "Cycle" / "b")
    (app / "Cycle" / "b").symlink_to(app / "Cycle" / "a")
    (app / "Cycle" / "function.json").symlink_to(app / "Cycle" / "function.json.missing")
    workspace = app.parent
    session = await start_session("pull", tmp_path, app=workspace)
    try:
        session.app = app
        path = app / "HttpHello" / "function.json"
        await pull(session, path, limit=60)
        items = await pull(session, path)
        assert isinstance(items, list)
        await answered(session, path, path.read_text(encoding="utf-8"), 40)
        await pull(session, app / "host.json")
        assert session.new_log_errors() == []
    finally:
        await stop_session(session)
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", str(workspace)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr


async def test_script_file_outside_the_app_is_reported(session: FuzzSession, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["scriptFile"] = "../../../../../../../../etc/passwd"
    text = json.dumps(document, indent=2)
    open_text(session, path, text)
    items = await pull(session, path, text=text)
    at_script = [item for item in items if text[: item_offset(text, item)].rstrip().endswith(":")]
    assert any("scriptFile" in item.message or "outside" in item.message for item in items), (
        messages(items)
    )
    assert at_script, "the problem is reported on the scriptFile value"
    await answered(session, path, text, text.index("passwd"))


def item_offset(text: str, item: types.Diagnostic) -> int:
    lines = text.split("\n")
    return (
        sum(len(line) + 1 for line in lines[: item.range.start.line]) + item.range.start.character
    )


async def test_file_deleted_while_open(session: FuzzSession, app: Path) -> None:
    folder = app / "QueueWorker"
    path = folder / "function.json"
    text = path.read_text(encoding="utf-8")
    uri = open_text(session, path, text)
    await pull(session, path, text=text)
    shutil.rmtree(folder)
    session.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=uri, type=types.FileChangeType.Deleted),
                types.FileEvent(
                    uri=(folder / "__init__.py").as_uri(), type=types.FileChangeType.Deleted
                ),
                types.FileEvent(uri=folder.as_uri(), type=types.FileChangeType.Deleted),
            ]
        )
    )
    await pull(session, path, text=text)  # the buffer still counts while it is open
    await answered(session, path, text, text.index("queueName"))
    session.client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await pull(session, path) == []
    await answered(session, path, "", 0)
    await pull(session, app / "host.json")


async def test_paths_that_need_escaping_in_uris(tmp_path: Path) -> None:
    """A workspace path with spaces, `%` and non-ASCII letters: its URIs carry escapes, and
    edits, diagnostics and requests still reach the right document."""
    app = tmp_path / "my apps 100%" / "Grüße app"
    shutil.copytree(EXAMPLE, app)
    session = await start_session("visual-studio-code", tmp_path, app=app)
    try:
        path = app / "HttpHello" / "function.json"
        text = path.read_text(encoding="utf-8")
        uri = open_text(session, path, text)
        assert "%20" in uri and "%25" in uri
        broken = text.replace('"type": "httpTrigger"', '"type": "httpTriger"')
        session.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=broken)],
            )
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        published = session.client.published  # type: ignore[attr-defined]
        while not any(p.uri == uri and p.version == 2 for p in published):
            assert loop.time() < deadline, "no diagnostics for the edited document"
            await asyncio.sleep(0.02)
        latest = [p for p in published if p.uri == uri and p.version == 2][-1]
        assert any("httpTriger" in d.message for d in latest.diagnostics), latest
        await answered(session, path, broken, broken.index("httpTriger"))
        assert session.new_log_errors() == []
    finally:
        await stop_session(session)


# -- the command line -----------------------------------------------------------------------------
def test_cli_survives_the_whole_catalogue(tmp_path: Path) -> None:
    app = tmp_path / "bad-app"
    shutil.copytree(EXAMPLE, app)

    def function(name: str, json_bytes: bytes, script: bytes | None = None) -> None:
        folder = app / name
        folder.mkdir()
        (folder / "function.json").write_bytes(json_bytes)
        (folder / "__init__.py").write_bytes(
            script if script is not None else b"def main(req):\n    return None\n"
        )

    ok = b'{"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req"}]}'
    function("Utf8", b'{"bindings": [\xff\xfe]}')
    function("Binary", bytes(range(256)) * 16)
    function("Huge", _big_json(5 * MB).encode())
    function("Deep", b'{"bindings": ' + b"[" * 10_000 + b"]" * 10_000 + b"}")
    function("NulScript", ok, b"import os\x00\ndef main(req):\n    pass\n")
    function("Parens", ok, b"x = " + b"(" * 100_000 + b"1" + b")" * 100_000 + b"\n")
    function("Sum", ok, b"x = " + b"+".join([b"1"] * 100_000) + b"\n")
    function("Outside", b'{"scriptFile": "../../../../../../etc/passwd", "bindings": []}')
    (app / "Loop").symlink_to(app, target_is_directory=True)
    with open(app / "BigData.py", "wb") as handle:
        handle.truncate(50 * MB)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", str(app), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert time.monotonic() - started < 60
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1  # errors found, reported, not crashed
    found = {(Path(p["path"]).parent.name, p["code"]) for p in json.loads(done.stdout)}
    for expected in [
        ("Utf8", "FUNC003"),
        ("Binary", "FUNC003"),
        ("Huge", "FUNC003"),
        ("Deep", "FUNC001"),
        ("NulScript", "FUNC003"),
        ("Parens", "FUNC204"),
        ("Sum", "FUNC204"),
    ]:
        assert expected in found, f"{expected} not in {sorted(found)}"
    assert any(name == "Outside" for name, _ in found)
