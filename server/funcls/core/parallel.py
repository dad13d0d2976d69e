"""The per-file and per-function checks of `funcls check`, run in several processes.

The parent builds the app models and lists the files first; forked children inherit them and run
the file and function checks of their share of the files; the parent runs its own share meanwhile,
then stores the children's results in its caches as if it had computed them. App-wide checks and
the assembling of each file's problems then run once, in the parent, exactly as in a
single-process run, so the output does not depend on the number of processes.

Only `fork` shares the built models; where it is not available the check stays in one process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from funcls.core.checks.base import file_kind
from funcls.core.problems import Problem

if TYPE_CHECKING:
    from funcls.core.engine import Analyzer

log = logging.getLogger(__name__)

# Below this many files a second process does not pay for its start: two processes took as long
# as one at 103 and 203 files (50 and 100 generated functions: 0.28 / 0.29 s, 0.37 / 0.35 s wall)
# and less at 403 (0.63 / 0.90 s), at a load of 4.5 on 2 cores.
MIN_FILES = 200
# Files per share handed out in turn, so every process gets a like mix of the app's files.
_BLOCK = 50

# (reads, problems) of a file's checks; (function key, reads, problems) of its functions' checks
FileOutcome = tuple[frozenset[str], list[Problem]]
FunctionOutcome = tuple[str, frozenset[str], list[Problem]]
Share = dict[str, tuple[FileOutcome | None, list[FunctionOutcome]]]

_analyzer: Analyzer | None = None  # the parent's, inherited by the forked children


def default_processes() -> int:
    """As many processes as the machine has cores."""
    return os.cpu_count() or 1


def can_fork() -> bool:
    """True where child processes can start as copies of this one."""
    return "fork" in multiprocessing.get_all_start_methods()


def prefill(analyzer: Analyzer, files: Sequence[str], processes: int) -> None:
    """Run the file and function checks of `files` in up to `processes` processes (the parent
    being one of them), leaving their results in `analyzer`'s caches."""
    global _analyzer
    # more processes than cores only share the same cores, each holding its own copy of what
    # it builds
    processes = min(processes, default_processes(), len(files) // _BLOCK + 1)
    if processes < 2 or len(files) < MIN_FILES or not can_fork():
        return
    _analyzer = analyzer
    # The first files are checked before forking, so what the checks load on first use
    # (schemas, the azure-functions library's converters: 0.8 s of CPU) is loaded once and
    # shared, not loaded again by every child.
    _run_share(list(files[:_BLOCK]), keep=True)
    blocks = [files[i : i + _BLOCK] for i in range(_BLOCK, len(files), _BLOCK)]
    shares = [[path for block in blocks[k::processes] for path in block] for k in range(processes)]
    # the children only read what the parent built: kept out of the collector's sight, those
    # objects are not touched (and so not copied into each child) by its collections
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=processes - 1, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            futures = [pool.submit(_run_share, share) for share in shares[1:]]
            _run_share(shares[0], keep=True)
            outcomes = [future.result() for future in futures]
    except Exception:  # a child that died: its share is checked here instead
        log.exception("checking in several processes failed; checking in one")
        return
    finally:
        _analyzer = None
        gc.unfreeze()
    for outcome in outcomes:
        _store(analyzer, outcome)


def _run_share(paths: list[str], keep: bool = False) -> Share:
    """Check `paths` (file checks, and the checks of the functions they hold) with the
    inherited analyzer; return the results unless `keep` (the parent's own share is already
    in its caches)."""
    analyzer = _analyzer
    assert analyzer is not None
    share: Share = {}
    for path in paths:
        kind = file_kind(path)
        if kind is None:
            continue
        app = analyzer.app_for(path)
        ctx = analyzer.context(app)
        analyzer._file_problems(ctx, path, kind)
        functions = app.functions_of_file(path) if app is not None else ()
        for fn in functions:
            analyzer._function_problems(ctx, fn)
        if not keep:
            file_result = analyzer._file_results.get(path)
            share[path] = (
                (file_result.reads, file_result.problems) if file_result is not None else None,
                [
                    (fn.key, result.reads, result.problems)
                    for fn in functions
                    if (result := analyzer._function_results.get(fn.key)) is not None
                ],
            )
    return share


def _store(analyzer: Analyzer, share: Share) -> None:
    """Put a child's results into the parent's caches, attached to the parent's own models."""
    for path, (file_outcome, function_outcomes) in share.items():
        if file_outcome is not None and path not in analyzer._file_results:
            analyzer._store(0, path, None, *file_outcome)
        if not function_outcomes:
            continue
        app = analyzer.app_for(path)
        if app is None:
            continue
        by_key = {fn.key: fn for fn in app.functions_of_file(path)}
        for key, reads, problems in function_outcomes:
            fn = by_key.get(key)
            cached = analyzer._function_results.get(key)
            if fn is not None and (cached is None or cached.subject is not fn):
                analyzer._store(1, key, fn, reads, problems)
