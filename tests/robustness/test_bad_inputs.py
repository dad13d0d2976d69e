"""The bad-input catalogue: each gets a clear diagnostic or a protocol error, never a crash or hang.

These tests talk raw JSON-RPC over pipes, so they can also send what no well-behaved client sends.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "sample-app"
SERVER = [sys.executable, "-m", "funcls", "--stdio"]


class RawClient:
    """A minimal LSP client over the server's pipes."""

    def __init__(self, log: Path) -> None:
        self.process = subprocess.Popen(
            [*SERVER, "--log-file", str(log)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.messages.put(json.loads(stream.read(length)))

    def raw(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, method: str, params: Any = None, *, request: bool = True) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        return ident

    def response(self, ident: int, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            if message.get("id") == ident and "method" not in message:
                return message
        raise AssertionError(f"no response to request {ident} within {timeout} s")

    def diagnostics(self, uri: str, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            ):
                return list(message["params"]["diagnostics"])
        raise AssertionError(f"no diagnostics for {uri}")

    def initialize(self) -> None:
        ident = self.send(
            "initialize",
            {
                "processId": None,
                "rootUri": None,
                "capabilities": {},
                "initializationOptions": {"diagnostics": {"debounceMs": 0}},
            },
        )
        assert ident is not None
        self.response(ident)
        self.send("initialized", {}, request=False)

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        uri = path.as_uri()
        self.send(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "json",
                    "version": version,
                    "text": path.read_text() if text is None else text,
                }
            },
            request=False,
        )
        return uri

    def alive(self) -> bool:
        ident = self.send(
            "textDocument/hover",
            {
                "textDocument": {"uri": "file:///nowhere.json"},
                "position": {"line": 0, "character": 0},
            },
        )
        assert ident is not None
        return "result" in self.response(ident) or "error" in self.response(ident)

    def close(self) -> int:
        try:
            ident = self.send("shutdown")
            if ident is not None:
                self.response(ident)
            self.send("exit", request=False)
        except (BrokenPipeError, AssertionError):
            pass
        try:
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture
def app(tmp_path: Path) -> Path:
    target = tmp_path / "app"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    log = tmp_path / "server.log"
    raw = RawClient(log)
    raw.initialize()
    yield raw
    assert raw.close() == 0
    text = log.read_text() if log.exists() else ""
    assert "Traceback" not in text, text[-3000:]


def test_binary_and_invalid_utf8_function_json_on_disk(client: RawClient, app: Path) -> None:
    (app / "HttpHello" / "function.json").write_bytes(b"\x00\x01binary\xff")
    (app / "QueueWorker" / "function.json").write_bytes(b'{"bindings": "\xff\xfe"}')
    for folder in ("HttpHello", "QueueWorker"):
        uri = client.open(app / folder / "__init__.py")
        client.diagnostics(uri)
    assert client.alive()
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", str(app), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    codes = {(Path(i["path"]).parent.name, i["code"]) for i in json.loads(done.stdout)}
    assert ("HttpHello", "FUNC003") in codes and ("QueueWorker", "FUNC003") in codes


def test_huge_buffers_are_reported_not_analysed(client: RawClient, app: Path) -> None:
    big = '{"bindings": [' + ", ".join(['{"a": 1}'] * 700_000) + "]}"  # about 6 MB
    started = time.monotonic()
    uri = client.open(app / "HttpHello" / "function.json", big)
    found = client.diagnostics(uri, timeout=20)
    assert [d["code"] for d in found] == ["FUNC003"]
    fifty = "x" * (50 * 1024 * 1024)
    uri = client.open(app / "HttpHello" / "__init__.py", fifty)
    assert [d["code"] for d in client.diagnostics(uri, timeout=30)] == ["FUNC003"]
    assert time.monotonic() - started < 30
    assert client.alive()


def test_deeply_nested_json_and_python(client: RawClient, app: Path) -> None:
    uri = client.open(app / "HttpHello" / "function.json", "[" * 10_000)
    assert client.diagnostics(uri)
    deep = "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n"
    uri = client.open(app / "HttpHello" / "__init__.py", deep)
    assert any(d["code"] == "FUNC204" for d in client.diagnostics(uri))
    long = "x = " + "+".join(["1"] * 100_000) + "\n"
    uri = client.open(app / "NightlyCleanup" / "__init__.py", long)
    client.diagnostics(uri, timeout=20)
    assert client.alive()


def test_symlink_loop_and_script_outside_the_app(client: RawClient, app: Path) -> None:
    os.symlink(app, app / "loop")
    os.symlink(app / "HttpHello", app / "HttpHello" / "self")
    path = app / "HttpHello" / "function.json"
    text = path.read_text().replace(
        '"scriptFile": "__init__.py"', '"scriptFile": "../../../../../../etc/hostname"'
    )
    uri = client.open(path, text)
    found = client.diagnostics(uri)
    assert any(d["code"] == "FUNC201" for d in found)
    assert client.alive()


def test_document_deleted_while_open_and_unknown_documents(client: RawClient, app: Path) -> None:
    path = app / "QueueWorker" / "__init__.py"
    uri = client.open(path)
    client.diagnostics(uri)
    path.unlink()
    shutil.rmtree(app / "QueueWorker")
    client.send(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 3}]}, request=False
    )
    client.send("textDocument/didClose", {"textDocument": {"uri": uri}}, request=False)
    client.send(
        "textDocument/didChange",
        {
            "textDocument": {"uri": (app / "Nope" / "function.json").as_uri(), "version": 2},
            "contentChanges": [{"text": "{}"}],
        },
        request=False,
    )
    ident = client.send(
        "textDocument/completion",
        {
            "textDocument": {"uri": (app / "Nope" / "function.json").as_uri()},
            "position": {"line": 0, "character": 1},
        },
    )
    assert ident is not None and "error" not in client.response(ident)
    assert client.alive()


def test_positions_out_of_range(client: RawClient, app: Path) -> None:
    uri = client.open(app / "HttpHello" / "function.json")
    for line, character in ((1_000_000, 0), (3, 1_000_000), (0, 0)):
        for method in (
            "textDocument/completion",
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/documentSymbol",
        ):
            params: dict[str, Any] = {"textDocument": {"uri": uri}}
            if method != "textDocument/documentSymbol":
                params["position"] = {"line": line, "character": character}
            ident = client.send(method, params)
            assert ident is not None
            assert "error" not in client.response(ident)
    assert client.alive()


def test_malformed_json_rpc_leaves_the_server_answering(client: RawClient) -> None:
    client.raw(b"Content-Length: 12\r\n\r\n{not json!!}")
    client.raw(b'Content-Length: 40\r\n\r\n{"jsonrpc": "2.0", "id": 99, "method": 1}')
    ident = client.send("no/suchMethod", {})
    assert ident is not None
    assert "error" in client.response(ident)
    assert client.alive()


def test_a_client_that_dies_mid_request_ends_the_server(tmp_path: Path, app: Path) -> None:
    raw = RawClient(tmp_path / "dying.log")
    raw.initialize()
    raw.open(app / "HttpHello" / "function.json")
    raw.send(
        "textDocument/completion",
        {
            "textDocument": {"uri": (app / "HttpHello" / "function.json").as_uri()},
            "position": {"line": 4, "character": 20},
        },
    )
    assert raw.process.stdin is not None
    raw.process.stdin.close()  # the editor is gone
    assert raw.process.wait(timeout=15) is not None
    children = subprocess.run(["pgrep", "-P", str(raw.process.pid)], capture_output=True, text=True)
    assert children.stdout.strip() == ""
