"""A bare JSON-RPC client over pipes, for tests that must send what no LSP library would: broken
headers, invalid JSON, negative positions, or a client that vanishes mid-request."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "funcls", "--stdio"]


def frame(body: bytes) -> bytes:
    """A correctly framed message."""
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    """`funcls --stdio` with its pipes in the test's hands."""

    def __init__(self, log: Path, *extra: str) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [*SERVER, "--log-file", str(log), "--log-level", "info", *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            self._read_messages()
        except (OSError, ValueError):  # the test closed the pipe
            self.messages.put(None)

    def _read_messages(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = stream.read(65536)
                if not chunk:
                    self.messages.put(None)
                    return
                buffer += chunk
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            length = int(
                next(
                    line.split(b":", 1)[1]
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
            )
            while len(buffer) < length:
                chunk = stream.read(65536)
                if not chunk:
                    self.messages.put(None)
                    return
                buffer += chunk
            body, buffer = buffer[:length], buffer[length:]
            message = json.loads(body)
            if "method" in message and "id" in message:
                self._answer(message)
            else:
                self.messages.put(message)

    def _answer(self, request: dict[str, Any]) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [None for _ in request["params"]["items"]]
        self.send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    # -- sending -------------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        """Raw bytes on the server's stdin."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        """A well-formed message."""
        self.write(frame(json.dumps(message).encode("utf-8")))

    def send_request(self, method: str, params: Any) -> int:
        """Send a request; returns its id."""
        self._next_id += 1
        self.send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return self._next_id

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    # -- receiving -----------------------------------------------------------------------------
    def response(self, message_id: int | None, timeout: float = 2.0) -> dict[str, Any]:
        """The response to `message_id` (None: the next response with a null id)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no response to request {message_id} in {timeout} s")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise AssertionError(f"the server closed stdout before answering {message_id}")
            if "method" not in message and message.get("id") == message_id:
                return message

    def request(self, method: str, params: Any, timeout: float = 2.0) -> dict[str, Any]:
        """Send a request and return its response message (result or error)."""
        return self.response(self.send_request(method, params), timeout)

    def initialize(self, root: Path) -> None:
        """initialize + initialized with push diagnostics and no dynamic registration."""
        answer = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {},
                "initializationOptions": {"diagnostics": {"debounceMs": 0}},
            },
            timeout=30,
        )
        assert "result" in answer, answer
        self.notify("initialized", {})

    def alive_and_answering(self, timeout: float = 2.0) -> None:
        """The server still answers a valid request (hover on a document it does not know)."""
        answer = self.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": "file:///nowhere/function.json"},
                "position": {"line": 0, "character": 0},
            },
            timeout,
        )
        assert "error" not in answer, answer

    def children(self) -> list[int]:
        """Pids of the server's child processes."""
        return children_of(self.process.pid)

    def close(self) -> None:
        """Make sure the process is gone."""
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)

    def log_lines(self, *needles: str) -> list[str]:
        """Lines of the server log holding any of `needles`."""
        if not self.log.exists():
            return []
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if any(n in line for n in needles)]


def children_of(pid: int) -> list[int]:
    """Pids whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """True while any thread of process `pid` has not finished exiting.

    The main thread's state alone is not enough: when a process exits, its main thread turns
    zombie at once, while the kernel still tears down its other threads (a busy analysis thread
    waits for a CPU first, tens of milliseconds on a loaded machine). Until the last one is gone
    the parent cannot reap the process (`Popen.poll()` stays None), so a process whose main
    thread is a zombie still counts as running here."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat", encoding="utf-8") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except OSError:  # this thread is gone meanwhile
            continue
        if state not in ("Z", "X"):
            return True
    return False
