"""Differential test: funcls's verdict on generated functions against the real Python worker.

Each example is a batch of generated classic functions written as one app. The worker library
(`azure-functions-runtime-v1`, in its own Python >= 3.13 environment) loads every function of the
batch in one subprocess (worker_load.py); funcls analyses the same app in this process without
running any of it. A function the worker refuses must carry an Error of a worker rule (a code
whose runtime rules include a W- id), and a function it loads must carry none. Every
disagreement of a batch fails the test, with both messages and the function's files.

Bounded by default; `FUNCLS_DIFF_EXAMPLES=20000` runs that many functions (random seed), e.g.
`FUNCLS_DIFF_EXAMPLES=20000 .venv/bin/python -m pytest -q -p no:cacheprovider -m differential`.
The worker's interpreter is `.venv-worker/bin/python` (`.ci/run` creates it) or
`FUNCLS_WORKER_PYTHON`; without it the test skips, except under CI=true where it fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from funcls.core.checks.registry import ALL_CODES
from funcls.core.engine import Analyzer
from funcls.core.problems import Problem, Severity
from funcls.core.settings import Settings
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace

from .generator import Function, Param, batches
from .worker_env import worker_python

pytestmark = pytest.mark.differential

ROOT = Path(__file__).resolve().parents[2]
WORKER_PYTHON = os.environ.get("FUNCLS_WORKER_PYTHON") or str(ROOT / ".venv-worker/bin/python")
HARNESS = str(Path(__file__).with_name("worker_load.py"))
TOTAL = int(os.environ.get("FUNCLS_DIFF_EXAMPLES", "300"))
BATCH = 30
LONG = "FUNCLS_DIFF_EXAMPLES" in os.environ
WORKER_CODES = frozenset(c.id for c in ALL_CODES if any(r.startswith("W-") for r in c.rules))
HOST = {
    "version": "2.0",
    "extensionBundle": {
        "id": "Microsoft.Azure.Functions.ExtensionBundle",
        "version": "[4.*, 5.0.0)",
    },
}
LOCAL = {
    "IsEncrypted": False,
    "Values": {
        "FUNCTIONS_WORKER_RUNTIME": "python",
        "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    },
}


def _worker_python() -> str:
    return worker_python(
        WORKER_PYTHON,
        "worker environment",
        "ask the same converters (rebuild .venv-worker as .ci/run does)",
        "~/.pyenv/versions/3.13.0/bin/python -m venv .venv-worker && .venv-worker/bin/pip install "
        "azure-functions-runtime-v1 (see .ci/run)",
    )


def write_app(root: Path, functions: list[Function]) -> None:
    """The batch as one app on disk."""
    (root / "host.json").write_text(json.dumps(HOST, indent=2))
    (root / "local.settings.json").write_text(json.dumps(LOCAL, indent=2))
    (root / "requirements.txt").write_text("azure-functions\n")
    for function in functions:
        for relative, text in function.files().items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def worker_verdicts(python: str, root: Path, functions: list[Function]) -> dict[str, str | None]:
    """What the worker says about each function: None (loads) or its error."""
    request = {"app": str(root), "functions": [f.folder for f in functions]}
    done = subprocess.run(
        [python, "-I", HARNESS],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    verdicts: dict[str, str | None] = json.loads(done.stdout)
    return verdicts


def funcls_verdicts(
    python: str, root: Path, functions: list[Function], off: tuple[str, ...] = ()
) -> dict[str, list[Problem]]:
    """The Errors of worker rules funcls reports on each function (its folder and script);
    the codes in `off` are turned off (to show that a disagreement is caught)."""
    settings = Settings(python_path=python, severity=dict.fromkeys(off))
    analyzer = Analyzer(Workspace(), settings)
    results = analyzer.check_paths([str(root)])
    found: dict[str, list[Problem]] = {f.folder: [] for f in functions}
    for function in functions:
        folder = normalize_path(str(root / function.folder)) + os.sep
        script = normalize_path(str(root / function.script_path))
        for path, problems in results.items():
            if path.startswith(folder) or path == script:
                found[function.folder] += [
                    p for p in problems if p.severity == Severity.ERROR and p.code in WORKER_CODES
                ]
    return found


def describe(function: Function, worker: str | None, problems: list[Problem]) -> str:
    """Both verdicts side by side, with the function's files."""
    ours = "\n".join(f"    {p.code} {os.path.basename(p.path)}: {p.message}" for p in problems)
    files = "\n".join(
        f"  --- {relative}\n" + "".join(f"  | {line}\n" for line in text.splitlines())
        for relative, text in function.files().items()
    )
    return (
        f"{function.folder}:\n"
        f"  worker: {'loads' if worker is None else worker}\n"
        f"  funcls: {'no worker-rule error' if not problems else ''}\n{ours}\n{files}"
    )


def compare(
    python: str, functions: list[Function], off: tuple[str, ...] = ()
) -> tuple[int, list[str]]:
    """Run both sides on one batch: (functions the worker refused, disagreements)."""
    with tempfile.TemporaryDirectory(prefix="funcls-diff-") as tmp:
        root = Path(normalize_path(tmp)) / "app"
        root.mkdir()
        write_app(root, functions)
        worker = worker_verdicts(python, root, functions)
        ours = funcls_verdicts(python, root, functions, off)
    refused = sum(1 for f in functions if worker[f.folder] is not None)
    disagreements = [
        describe(f, worker[f.folder], ours[f.folder])
        for f in functions
        if (worker[f.folder] is None) != (not ours[f.folder])
    ]
    return refused, disagreements


STATS = {"functions": 0, "refused": 0}


@settings(
    max_examples=max(1, -(-TOTAL // BATCH)),
    deadline=None,
    phases=(Phase.generate,),
    derandomize=not LONG,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(batch=batches(BATCH))
def test_funcls_agrees_with_the_worker(batch: list[Function]) -> None:
    """Every generated function: the worker loads it exactly when funcls reports no worker error."""
    python = _worker_python()
    refused, disagreements = compare(python, batch)
    STATS["functions"] += len(batch)
    STATS["refused"] += refused
    if LONG:
        print(f"{STATS['functions']} functions, {STATS['refused']} refused", file=sys.stderr)
    assert not disagreements, (
        f"{len(disagreements)} of {len(batch)} functions disagree:\n\n" + "\n".join(disagreements)
    )


def test_a_disagreement_fails_with_both_messages() -> None:
    """The comparison can fail: with the name rules turned off, funcls misses what the worker
    refuses."""
    python = _worker_python()
    wrong = Function(
        folder="Fn000",
        doc={"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req"}]},
        params=[Param("request", "func.HttpRequest")],
        returns=None,
        entry_kind="def",
        entry_point="main",
        script_path="Fn000/__init__.py",
        header="import azure.functions as func\n\n\n",
    )
    refused, disagreements = compare(python, [wrong], off=("FUNC210", "FUNC211"))
    assert refused == 1 and len(disagreements) == 1
    assert "declared in Python but not in function.json: {'request'}" in disagreements[0]
    assert "funcls: no worker-rule error" in disagreements[0]
    assert compare(python, [wrong]) == (1, [])
