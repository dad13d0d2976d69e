"""The one thread that runs the analysis (checks, jedi), as an `Executor` for `run_in_executor`.

Why not `ThreadPoolExecutor(max_workers=1)`: the interpreter joins the threads of every
`ThreadPoolExecutor` when it exits, so a server whose client had gone lived on until the job in
progress ended (the analyzer's first build, a first jedi inference: seconds, more on a busy
machine). Together with the loop waiting for that thread (settings applied under the analysis
lock, the analyzer built on the loop), this is why servers outlived their clients. This thread
is a daemon: when the input ends, the process leaves at once and the abandoned job dies with it
(it only reads files and writes nothing that must survive).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

T = TypeVar("T")

_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class AnalysisThread(Executor):
    """A single daemon worker thread running submitted calls in order."""

    def __init__(self, name: str = "funcls-analysis") -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Queue `fn(*args, **kwargs)`; its future resolves on the analysis thread."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the analysis thread is shut down")
            self._jobs.put((future, fn, args, kwargs))
        return future

    @property
    def closed(self) -> bool:
        """True once `shutdown` was called: no more work is accepted."""
        return self._closed

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Accept no more work; with `cancel_futures`, drop the jobs not yet started."""
        with self._lock:
            self._closed = True
            if cancel_futures:
                while True:
                    try:
                        job = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if job is not None:
                        job[0].cancel()
            self._jobs.put(None)
        if wait and threading.current_thread() is not self._thread:
            self._thread.join()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, fn, args, kwargs = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to the waiting request, as the pool does
                future.set_exception(exc)
            else:
                future.set_result(result)
