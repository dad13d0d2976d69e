"""The analysis thread: jobs run in order on one thread, cancelled jobs do not run, and neither the
process's exit nor the event loop ever waits for a job in progress (a server whose client is gone
must not live on until a long jedi inference ends)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from typing import Any

import pytest

from funcls.core.settings import Settings
from funcls.lsp.analysis_thread import AnalysisThread
from funcls.lsp.server import FunclsServer


def test_jobs_run_in_order_on_one_thread() -> None:
    worker = AnalysisThread()
    seen: list[tuple[int, str]] = []
    futures = [
        worker.submit(lambda i=i: seen.append((i, threading.current_thread().name)))
        for i in range(20)
    ]
    for future in futures:
        future.result(timeout=10)
    assert [i for i, _ in seen] == list(range(20))
    assert {name for _, name in seen} == {"funcls-analysis"}
    worker.shutdown()


def test_an_exception_reaches_the_caller() -> None:
    worker = AnalysisThread()
    with pytest.raises(ZeroDivisionError):
        worker.submit(lambda: 1 / 0).result(timeout=10)
    assert worker.submit(lambda: 42).result(timeout=10) == 42
    worker.shutdown()


def test_shutdown_cancels_queued_jobs_and_refuses_new_ones() -> None:
    worker = AnalysisThread()
    started, release = threading.Event(), threading.Event()
    running = worker.submit(lambda: started.set() or release.wait())
    assert started.wait(10)
    queued = worker.submit(lambda: "ran")
    worker.shutdown(wait=False, cancel_futures=True)
    assert queued.cancelled()
    with pytest.raises(RuntimeError):
        worker.submit(lambda: None)
    release.set()
    assert running.result(timeout=10) is True


def test_the_process_exits_without_waiting_for_a_job_in_progress() -> None:
    """With a ThreadPoolExecutor the interpreter would join the worker: 60 s here."""
    program = (
        "import time\n"
        "from funcls.lsp.analysis_thread import AnalysisThread\n"
        "worker = AnalysisThread()\n"
        "worker.submit(time.sleep, 60)\n"
        "time.sleep(0.2)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", program], timeout=50, check=False)
    assert done.returncode == 0
    assert time.monotonic() - started < 45


class _Analyzer:
    def __init__(self) -> None:
        self.configured_on: list[str] = []

    def configure(self, settings: Settings) -> None:
        self.configured_on.append(threading.current_thread().name)


def test_applying_settings_does_not_wait_for_the_analysis() -> None:
    """The loop applies new settings while a long job runs: the analyzer is reconfigured on the
    analysis thread after that job, and the loop goes on at once."""
    server = FunclsServer()
    analyzer: Any = _Analyzer()
    server._analyzer = analyzer
    release = threading.Event()
    busy = server.executor.submit(release.wait, 30)
    server.client_settings = {"diagnostics": {"debounceMs": 7}}
    server.apply_settings()  # returns although the analysis thread is busy
    assert server.settings.debounce_ms == 7
    assert analyzer.configured_on == []
    release.set()
    busy.result(timeout=10)
    server.executor.submit(lambda: None).result(timeout=10)
    assert analyzer.configured_on == ["funcls-analysis"]
    server.executor.shutdown()
