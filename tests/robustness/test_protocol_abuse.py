"""Malformed JSON-RPC, invalid parameters and a client that vanishes: the server answers what it
can, refuses what it cannot with a protocol error, and never dies or hangs while its client lives;
when the client goes away, the server exits and leaves no process behind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from robustness.raw_client import RawServer, frame, running

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-app"

pytestmark = pytest.mark.e2e


@pytest.fixture
def app(tmp_path: Path) -> Path:
    target = tmp_path / "sample-app"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def server(tmp_path: Path, app: Path) -> Iterator[RawServer]:
    started = RawServer(tmp_path / "server.log")
    try:
        started.initialize(app)
        started.alive_and_answering(timeout=30)  # warm: later answers are timed at 2 s
        yield started
    finally:
        started.close()


def _no_errors_logged(server: RawServer) -> None:
    assert server.log_lines(" ERROR ", " CRITICAL ", "Traceback") == []


BROKEN_MESSAGES = {
    "Content-Length is not a number": b"Content-Length: many\r\n\r\n{}",
    "no Content-Length at all": b"Content-Type: application/json\r\n\r\n",
    "a header line that is garbage": b"\x00\xff garbage without a colon\r\n",
    "Content-Length too small": b'Content-Length: 5\r\n\r\n{"jsonrpc": "2.0", "id": 99, "method": "x"}',
    "body is not JSON": frame(b"{this is not json"),
    "body is JSON but not an object": frame(b"[1, 2, 3]"),
    "body is invalid UTF-8": frame(b'{"jsonrpc": "2.0", "method": "\xff\xfe"}'),
    "an object without jsonrpc fields": frame(b'{"hello": "world"}'),
}


@pytest.mark.parametrize("name", list(BROKEN_MESSAGES))
def test_malformed_message_then_a_valid_request_is_answered(server: RawServer, name: str) -> None:
    server.write(BROKEN_MESSAGES[name])
    server.alive_and_answering()
    server.alive_and_answering()
    assert server.process.poll() is None


def test_invalid_json_request_gets_a_parse_error(server: RawServer) -> None:
    server.write(frame(b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": '))
    answer = server.response(None)
    assert answer["error"]["code"] == -32700
    server.alive_and_answering()


def test_unknown_method_request_gets_method_not_found(server: RawServer) -> None:
    answer = server.request("funcls/noSuchMethod", {})
    assert answer["error"]["code"] == -32601
    server.notify("funcls/noSuchNotification", {})
    server.notify("$/noSuchNotification", {})
    server.alive_and_answering()
    _no_errors_logged(server)


@pytest.mark.parametrize(
    "position",
    [{"line": -1, "character": 0}, {"line": 0, "character": -5}, {"line": "x", "character": 0}],
)
def test_invalid_position_gets_an_error_response(
    server: RawServer, app: Path, position: dict[str, object]
) -> None:
    uri = (app / "HttpHello" / "function.json").as_uri()
    text = (app / "HttpHello" / "function.json").read_text(encoding="utf-8")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}},
    )
    for method in ("textDocument/completion", "textDocument/hover", "textDocument/definition"):
        answer = server.request(method, {"textDocument": {"uri": uri}, "position": position})
        assert "error" in answer, f"{method} accepted {position}: {answer}"
        assert answer["error"]["code"] == -32602, answer
    server.alive_and_answering()


def test_huge_positions_are_clamped(server: RawServer, app: Path) -> None:
    for name in ("HttpHello/function.json", "HttpHello/__init__.py", "host.json"):
        path = app / name
        uri = path.as_uri()
        server.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "python" if name.endswith(".py") else "json",
                    "version": 1,
                    "text": path.read_text(encoding="utf-8"),
                }
            },
        )
        far = {"line": 10**6, "character": 10**6}
        for method in (
            "textDocument/completion",
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/references",
        ):
            params: dict[str, object] = {"textDocument": {"uri": uri}, "position": far}
            if method == "textDocument/references":
                params["context"] = {"includeDeclaration": True}
            answer = server.request(method, params)
            assert "error" not in answer, f"{method} at {far} of {name}: {answer}"
        answer = server.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": far, "end": {"line": 2 * 10**6, "character": 0}},
                "context": {"diagnostics": []},
            },
        )
        assert "error" not in answer, answer
    _no_errors_logged(server)


def test_did_change_for_an_unknown_document(server: RawServer, app: Path) -> None:
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": (app / "Nope" / "function.json").as_uri(), "version": 3},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": 4, "character": 2},
                        "end": {"line": 9, "character": 0},
                    },
                    "text": "{",
                }
            ],
        },
    )
    server.notify(
        "textDocument/didClose", {"textDocument": {"uri": (app / "Nope" / "x.json").as_uri()}}
    )
    server.alive_and_answering()
    _no_errors_logged(server)


def test_the_server_exits_when_its_client_dies_mid_request(server: RawServer, app: Path) -> None:
    """The client sends requests (one needs jedi) and vanishes without shutdown or exit: the
    server sees the end of its input, exits, and leaves no process behind."""
    script = app / "HttpHello" / "__init__.py"
    server.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": script.as_uri(),
                "languageId": "python",
                "version": 1,
                "text": script.read_text(encoding="utf-8"),
            }
        },
    )
    for line in range(3, 9):
        server.send_request(
            "textDocument/definition",
            {"textDocument": {"uri": script.as_uri()}, "position": {"line": line, "character": 12}},
        )
    children = server.children()
    pid = server.process.pid
    assert server.process.stdin is not None and server.process.stdout is not None
    server.process.stdin.close()
    server.process.stdout.close()
    # wait() (not /proc): the process has ended only once the parent can reap it, that is when
    # every thread has exited, not when its main thread has (see `raw_client.running`).
    try:
        server.process.wait(timeout=30)  # generous for a busy machine
    except subprocess.TimeoutExpired:
        pytest.fail(f"the server (pid {pid}) still runs 30 s after its client went away")
    time.sleep(0.5)
    left = [child for child in children if running(child)]
    assert left == [], f"processes left behind: {left}"


def test_exit_without_shutdown_ends_the_process(server: RawServer) -> None:
    server.notify("exit", None)
    assert server.process.wait(timeout=5) == 1


def test_shutdown_then_exit_ends_with_status_zero(server: RawServer) -> None:
    answer = server.request("shutdown", None)
    assert answer.get("result") is None and "error" not in answer
    server.notify("exit", None)
    assert server.process.wait(timeout=5) == 0


def test_requests_after_shutdown_are_refused(server: RawServer) -> None:
    server.request("shutdown", None)
    answer = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": "file:///x/host.json"}, "position": {"line": 0, "character": 0}},
    )
    assert "error" in answer, json.dumps(answer)
    server.notify("exit", None)
    assert server.process.wait(timeout=5) == 0


def test_the_server_exits_when_the_client_process_dies(tmp_path: Path, app: Path) -> None:
    """initialize's processId names the client; when that process is gone the server exits,
    even while its pipes stay open (they may be held by another process)."""
    client = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    server = RawServer(tmp_path / "server.log")
    try:
        answer = server.request(
            "initialize",
            {"processId": client.pid, "rootUri": app.as_uri(), "capabilities": {}},
            timeout=30,
        )
        assert "result" in answer
        server.notify("initialized", {})
        client.wait()
        assert server.process.wait(timeout=15) == 1
        assert server.log_lines("is gone")
    finally:
        server.close()


def test_a_session_read_from_a_regular_file(tmp_path: Path, app: Path) -> None:
    """stdin redirected from a file (a recorded session) is served by pygls' own reader."""
    messages = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": app.as_uri(), "capabilities": {}},
        },
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    recorded = tmp_path / "session.bin"
    recorded.write_bytes(b"".join(frame(json.dumps(m).encode()) for m in messages))
    with recorded.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "funcls", "--stdio"],
            stdin=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert b'"id": 1' in done.stdout and b'"capabilities"' in done.stdout
    assert b'"id": 2' in done.stdout


def test_cancelled_requests_are_answered_and_their_work_dropped(
    server: RawServer, app: Path
) -> None:
    """`$/cancelRequest` for requests still queued: each gets exactly one answer (its result or
    RequestCancelled, -32800), the cancelled work is not done, and the server goes on."""
    script = app / "QueueWorker" / "__init__.py"
    uri = script.as_uri()
    text = script.read_text(encoding="utf-8")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("def main")))
    params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": 9}}
    first = 1000
    ids = list(range(first, first + 40))
    burst = b"".join(
        frame(json.dumps(m).encode())
        for m in [
            *(
                {"jsonrpc": "2.0", "id": i, "method": "textDocument/completion", "params": params}
                for i in ids
            ),
            *({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": i}} for i in ids),
        ]
    )
    server.write(burst)  # one write: the server reads every cancel before any request runs
    answers = [server.response(i, timeout=60) for i in ids]
    cancelled = [a for a in answers if a.get("error", {}).get("code") == -32800]
    assert all("result" in a or a in cancelled for a in answers), answers
    assert len(cancelled) >= len(ids) // 2, f"only {len(cancelled)} of {len(ids)} cancelled"
    # Cancelling what is already answered, or was never asked, changes nothing.
    server.notify("$/cancelRequest", {"id": ids[0]})
    server.notify("$/cancelRequest", {"id": 987654})
    server.alive_and_answering()
    _no_errors_logged(server)


def test_work_scheduled_before_shutdown_ends_quietly(server: RawServer, app: Path) -> None:
    """An edit schedules the sweep of the app's other files; `shutdown` comes first. The sweep
    finds the analysis thread stopped and ends without an error in the log."""
    script = app / "HttpHello" / "__init__.py"
    uri = script.as_uri()
    text = script.read_text(encoding="utf-8")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    server.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text + "\n"}]},
    )
    answer = server.request("shutdown", None)
    assert "error" not in answer
    time.sleep(1.0)  # past the sweep's delay after an edit
    _no_errors_logged(server)
