"""Protocol behaviour: capabilities, encodings, clean stdout, shutdown and exit."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from lsp_helpers import SERVER


def _frame(payload: dict) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body


def _messages(stdout: bytes) -> list[dict]:
    messages = []
    rest = stdout
    while rest:
        header, sep, rest = rest.partition(b"\r\n\r\n")
        assert sep, f"unframed output on stdout: {header[:200]!r}"
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        messages.append(json.loads(rest[:length]))
        rest = rest[length:]
    return messages


def _initialize(encodings: list[str] | None = None) -> dict:
    capabilities: dict = {}
    if encodings:
        capabilities["general"] = {"positionEncodings": encodings}
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": capabilities},
    }


def _run(messages: list[dict], timeout: float = 20) -> tuple[list[dict], int]:
    stdin = b"".join(_frame(m) for m in messages)
    done = subprocess.run(SERVER, input=stdin, capture_output=True, timeout=timeout)
    return _messages(done.stdout), done.returncode


def test_stdout_carries_only_protocol_and_exit_ends_the_process() -> None:
    replies, code = _run(
        [
            _initialize(),
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        ]
    )
    assert code == 0
    init = next(m for m in replies if m.get("id") == 1)
    caps = init["result"]["capabilities"]
    assert caps["positionEncoding"] == "utf-16"
    assert caps["completionProvider"]["triggerCharacters"]
    assert caps["hoverProvider"]
    assert caps["diagnosticProvider"]["interFileDependencies"] is True
    assert caps["textDocumentSync"]["change"] == 2  # incremental
    assert any(m.get("id") == 2 and m.get("result") is None for m in replies)


def test_utf8_is_chosen_when_offered() -> None:
    replies, _ = _run([_initialize(["utf-8", "utf-16"]), {"jsonrpc": "2.0", "method": "exit"}])
    init = next(m for m in replies if m.get("id") == 1)
    assert init["result"]["capabilities"]["positionEncoding"] == "utf-8"


def test_process_ends_on_stdin_eof() -> None:
    process = subprocess.Popen(
        SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert process.stdin is not None
    process.stdin.write(_frame(_initialize()))
    process.stdin.flush()
    time.sleep(0.5)
    process.stdin.close()
    try:
        assert process.wait(timeout=10) is not None
    finally:
        if process.poll() is None:
            process.kill()


def test_version_flag() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "--version"], capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 0
    assert done.stdout.startswith("funcls ")
