"""The client dies in the middle of the work (a jedi request, a completion, the initial scan):
every time, the server and every process it started are gone soon after.

Each run marks the server's environment with a unique tag, so its children are found after the
server has exited and they were re-parented. Every other run analyses with another interpreter
(`pythonPath`), so jedi works through a child process of its own. The CI runs a few per kind;
`FUNCLS_ORPHAN_RUNS=200` runs that many in all (as the acceptance asks)."""

from __future__ import annotations

import os
import random
import shutil
import sys
import time
import uuid
from pathlib import Path

import pytest

from robustness.raw_client import RawServer, running

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-app"
KINDS = ("jedi", "completion", "scan")
RUNS = int(os.environ.get("FUNCLS_ORPHAN_RUNS", "9"))
EXIT_SECONDS = 30  # generous for a busy machine; a server that is still there is an orphan
OTHER_PYTHON = os.path.join(sys.base_prefix, "bin", "python3")  # not the server's: jedi's child

pytestmark = pytest.mark.e2e


def tagged(tag: str) -> list[int]:
    """Live processes whose environment holds FUNCLS_ORPHAN_TAG=`tag`."""
    needle = f"FUNCLS_ORPHAN_TAG={tag}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
        except OSError:
            continue
        if needle in environ.split(b"\0") and running(int(entry)):
            found.append(int(entry))
    return found


def _initialize(server: RawServer, app: Path, python: str | None) -> None:
    options: dict[str, object] = {"diagnostics": {"debounceMs": 0}}
    if python:
        options["pythonPath"] = python
    answer = server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": app.as_uri(),
            "capabilities": {},
            "initializationOptions": options,
        },
        timeout=30,
    )
    assert "result" in answer, answer
    server.notify("initialized", {})


def _open(server: RawServer, path: Path, language: str) -> str:
    uri = path.as_uri()
    server.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri,
                "languageId": language,
                "version": 1,
                "text": path.read_text(encoding="utf-8"),
            }
        },
    )
    return uri


def _start_work(server: RawServer, app: Path, kind: str) -> None:
    """Send what keeps the server busy when the client vanishes (answers are not awaited)."""
    script = app / "HttpHello" / "__init__.py"
    if kind == "jedi":
        uri = _open(server, script, "python")
        for line in range(3, 9):
            server.send_request(
                "textDocument/definition",
                {"textDocument": {"uri": uri}, "position": {"line": line, "character": 12}},
            )
    elif kind == "completion":
        json_uri = _open(server, app / "HttpHello" / "function.json", "json")
        uri = _open(server, script, "python")
        for _ in range(5):
            for target, (line, character) in ((json_uri, (4, 15)), (uri, (5, 13))):
                server.send_request(
                    "textDocument/completion",
                    {
                        "textDocument": {"uri": target},
                        "position": {"line": line, "character": character},
                    },
                )
    # "scan": nothing more; initialized has just started the initial scan


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to find the processes")
@pytest.mark.parametrize("run", range(RUNS))
def test_no_process_outlives_a_vanished_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: int
) -> None:
    kind = KINDS[run % len(KINDS)]
    app = tmp_path / "sample-app"
    shutil.copytree(EXAMPLE, app)
    tag = uuid.uuid4().hex
    monkeypatch.setenv("FUNCLS_ORPHAN_TAG", tag)
    server = RawServer(tmp_path / "server.log")
    try:
        other = run % 2 == 1 and os.path.exists(OTHER_PYTHON)
        _initialize(server, app, OTHER_PYTHON if other else None)
        _start_work(server, app, kind)
        time.sleep(random.Random(run).uniform(0, 0.6))  # anywhere in the work
        assert server.process.stdin is not None and server.process.stdout is not None
        server.process.stdin.close()
        server.process.stdout.close()
        deadline = time.monotonic() + EXIT_SECONDS
        while tagged(tag) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = tagged(tag)
        assert left == [], f"{kind}: processes left {EXIT_SECONDS} s after the client went away"
    finally:
        for pid in tagged(tag):
            os.kill(pid, 9)
        server.close()
