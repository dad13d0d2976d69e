"""Differential test: funcls's verdict on generated v2 apps against the v2 Python worker.

Each example is a batch of generated v2 apps (v2_generator.py), each in its own folder with a
host.json (bundle [4.*, 5.0.0)) and a local.settings.json defining every setting the bindings
name. The v2 worker library (`azure-functions-runtime`, in its own Python >= 3.13 environment)
indexes every app of the batch in one subprocess, one forked child per app
(tests/migrate/v2_index.py: `index_function_app`, then `process_indexed_function` per function,
as the worker does at start-up); funcls checks the same folder with `funcls check --format json`
without running any of it. An app the worker refuses (the indexing raises, or a function is
refused) must carry an Error of a worker rule (a code whose runtime rules include a W- id, or a
v2 decorator rule FUNC7xx), and an app it indexes must carry none. Every disagreement of a batch
fails the test with both messages and the app's files, except the known disagreement classes of
KNOWN below. Each class names a minimal app of EXAMPLES that must still disagree; the examples
are compared on every run, so a class cannot leave KNOWN while its example disagrees, and a
fixed class's example stays as a regression test.

Bounded by default; `FUNCLS_DIFF_V2_EXAMPLES=10000` runs that many apps (random seed), e.g.
`FUNCLS_DIFF_V2_EXAMPLES=10000 .venv/bin/python -m pytest -q -s -p no:cacheprovider -m differential
tests/differential/test_v2_worker_agreement.py`. The worker's interpreter is
`.venv-worker-v2/bin/python` (`.ci/worker-v2-env` creates it) or `FUNCLS_WORKER_V2_PYTHON`;
without it the test skips, except under CI=true where it fails. `FUNCLS_DIFF_FUNCLS_PYTHON` names
the interpreter whose funcls is compared (default: this one), e.g. another checkout's.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from funcls.core.checks.registry import ALL_CODES

from .v2_generator import SETTINGS, V2App, v2_apps
from .worker_env import worker_python

pytestmark = pytest.mark.differential

ROOT = Path(__file__).resolve().parents[2]
WORKER_PYTHON = os.environ.get("FUNCLS_WORKER_V2_PYTHON") or str(
    ROOT / ".venv-worker-v2/bin/python"
)
INDEXER = str(ROOT / "tests" / "migrate" / "v2_index.py")
FUNCLS_PYTHON = os.environ.get("FUNCLS_DIFF_FUNCLS_PYTHON") or sys.executable
TOTAL = int(os.environ.get("FUNCLS_DIFF_V2_EXAMPLES", "200"))
BATCH = 20
LONG = "FUNCLS_DIFF_V2_EXAMPLES" in os.environ
# What the worker's indexing judges: the worker rules (W- ids) and the v2 decorator rules.
WORKER_CODES = frozenset(
    c.id
    for c in ALL_CODES
    if any(r.startswith("W-") for r in c.rules) or re.fullmatch(r"FUNC7\d\d", c.id)
)
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
        "AzureWebJobsFeatureFlags": "EnableWorkerIndexing",
        **dict.fromkeys(SETTINGS, "UseDevelopmentStorage=true"),
        "ServiceBusConnection": "Endpoint=sb://example.servicebus.windows.net/;"
        "SharedAccessKeyName=k;SharedAccessKey=placeholder",
        "EventHubConnection": "Endpoint=sb://example.servicebus.windows.net/;"
        "SharedAccessKeyName=k;SharedAccessKey=placeholder",
        "CosmosConnection": "AccountEndpoint=https://example.documents.azure.com:443/;"
        "AccountKey=placeholder;",
        "SqlConnection": "Server=example;Database=db;",
        "EventGridConnection__topicEndpointUri": "https://example.eventgrid.azure.net/api/events",
    },
}


def _worker_python() -> str:
    return worker_python(
        WORKER_PYTHON,
        "v2 worker environment",
        "read the same decorators (rebuild it with .ci/worker-v2-env)",
        ".ci/worker-v2-env",
    )


def write_app(folder: Path, files: dict[str, str]) -> None:
    """One generated app on disk, with its host.json and local.settings.json."""
    folder.mkdir(parents=True)
    (folder / "host.json").write_text(json.dumps(HOST, indent=2))
    (folder / "local.settings.json").write_text(json.dumps(LOCAL, indent=2))
    (folder / "requirements.txt").write_text("azure-functions\n")
    for relative, text in files.items():
        (folder / relative).write_text(text, encoding="utf-8")


def worker_verdicts(python: str, folders: list[Path]) -> dict[Path, tuple[str, ...]]:
    """Why the v2 worker refuses each app: the indexing's error, then each refused function's
    (`name: error`); nothing when it indexes the app."""
    done = subprocess.run(
        [python, "-I", INDEXER, "--batch"],
        input=json.dumps([str(f) for f in folders]),
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout)
    verdicts: dict[Path, tuple[str, ...]] = {}
    for folder in folders:
        answer = answers[str(folder)]
        reasons = [answer["error"]] if answer.get("error") else []
        reasons += [f"{name}: {text}" for name, text in answer.get("refused", {}).items()]
        verdicts[folder] = tuple(reasons)
    return verdicts


def funcls_verdicts(python: str, root: Path, folders: list[Path]) -> dict[Path, list[dict]]:
    """Every problem `funcls check --format json` reports on each app of `root`."""
    done = subprocess.run(
        [FUNCLS_PYTHON, "-m", "funcls", "check", "--format", "json", "--severity", "hint"]
        + ["--python", python, str(root)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    found: dict[Path, list[dict]] = {f: [] for f in folders}
    for problem in json.loads(done.stdout or "[]"):
        for folder in folders:
            if problem["path"].startswith(str(folder) + os.sep):
                found[folder].append(problem)
    return found


def refusing(problems: list[dict]) -> list[dict]:
    """The problems that say the worker refuses the app: Errors of worker rules."""
    return [p for p in problems if p["severity"] == "error" and p["code"] in WORKER_CODES]


@dataclass(frozen=True)
class Disagreement:
    """One app on which the worker and funcls differ."""

    files: dict[str, str]
    reasons: tuple[str, ...]  # why the worker refuses the app (nothing: it indexes it)
    funcls: list[dict]  # every problem funcls reports

    @property
    def worker(self) -> str | None:
        """The worker's reasons as one text, or None when it indexes the app."""
        return "; ".join(self.reasons) or None

    def describe(self) -> str:
        """Both messages side by side, then the app's Python files."""
        ours = refusing(self.funcls)
        said = "; ".join(f"{p['code']} {p['message']}" for p in ours) or "no worker-rule error"
        others = [p for p in self.funcls if p not in ours and p["severity"] == "error"]
        text = f"worker: {self.worker or 'indexes the app'}\nfuncls: {said}\n"
        if others:
            text += "funcls (other errors): " + "; ".join(
                f"{p['code']} {p['message']}" for p in others
            )
            text += "\n"
        for path, source in self.files.items():
            text += f"--- {path}\n{source}"
        return text


@dataclass(frozen=True)
class Known:
    """A class of disagreement the v2 analysis does not handle yet, with a minimal example."""

    name: str
    matches: Callable[[Disagreement], bool]
    example: str  # a key of EXAMPLES


def _source(d: Disagreement) -> str:
    return "\n".join(d.files.values())


def _missed(worker_says: str, source: str = "") -> Callable[[Disagreement], bool]:
    """The worker refuses with a message matching `worker_says`, funcls reports no worker-rule
    error, and the app's Python matches `source`."""
    return lambda d: bool(
        d.worker
        and re.search(worker_says, d.worker)
        and not refusing(d.funcls)
        and re.search(source, _source(d), re.MULTILINE | re.DOTALL)
    )


HEAD = "import azure.functions as func\n\napp = func.FunctionApp()\n\n\n"
QUEUE = '@{0}.queue_trigger(arg_name="msg", queue_name="items", connection="StorageConnection")\n'
DEF = "def main(msg: func.QueueMessage) -> None:\n    pass\n"
# Minimal apps on which funcls and the worker once disagreed (or still do: see KNOWN). They stay
# here when their class is fixed: test_the_examples_agree compares each of them every time.
EXAMPLES: dict[str, dict[str, str]] = {
    "return-annotation-at-import": {
        "function_app.py": HEAD + QUEUE.format("app") + DEF.replace("None:", "undefined_name:")
    },
    "undecorated-def-at-import": {
        "function_app.py": HEAD + "def helper(value: undefined) -> None:\n    pass\n"
    },
    "two-defs-same-name": {
        "function_app.py": HEAD + QUEUE.format("app") + DEF + "\n\n" + QUEUE.format("app") + DEF
    },
    "unregistered-blueprint-at-import": {
        "function_app.py": HEAD
        + "bp = func.Blueprint()\n\n\n"
        + '@bp.schedule(arg_name="timer", schedule="0 */5 * * * *")\n'
        + QUEUE.format("bp")
        + DEF.replace("msg: func.QueueMessage", "msg: func.QueueMessage, timer: func.TimerRequest")
    },
    "decorated-def-parameters": {
        "function_app.py": HEAD + QUEUE.format("app") + DEF.replace("msg:", "message:")
    },
    "defined-after-register": {
        "function_app.py": HEAD + "bp = func.Blueprint()\napp.register_functions(bp)\n\n\n"
        '@bp.queue_output(arg_name="msg", queue_name="items", connection="StorageConnection")'
        "\ndef main(msg: func.Out[str]) -> None:\n    pass\n"
    },
    "event-grid-output": {
        "function_app.py": HEAD
        + "@app.event_grid_output(arg_name='event')\n"
        + QUEUE.format("app")
        + DEF.replace("msg: func.QueueMessage", "msg: func.QueueMessage, event: func.Out[str]")
    },
    "event-grid-output-connection-and-topic": {
        "function_app.py": HEAD
        + "@app.event_grid_output(arg_name='event', connection='EventGridConnection', "
        + "topic_key_setting='EventGridKey')\n"
        + QUEUE.format("app")
        + DEF.replace("msg: func.QueueMessage", "msg: func.QueueMessage, event: func.Out[str]")
    },
    "event-grid-output-topic-settings": {
        "function_app.py": HEAD
        + "@app.event_grid_output(arg_name='event', topic_endpoint_uri='EventGridTopicUri', "
        + "topic_key_setting='EventGridKey')\n"
        + QUEUE.format("app")
        + DEF.replace("msg: func.QueueMessage", "msg: func.QueueMessage, event: func.Out[str]")
    },
    "unregistered-blueprint-two-triggers": {
        "function_app.py": HEAD
        + "bp = func.Blueprint()\n\n\n"
        + '@bp.schedule(arg_name="timer", schedule="0 */5 * * * *")\n'
        + QUEUE.format("bp")
        + DEF.replace("msg: func.QueueMessage", "msg: func.QueueMessage, timer: func.TimerRequest")
    },
    "method-and-variable-annotations": {
        "function_app.py": HEAD
        + "class Helper:\n    T = int\n\n    def run(self, x: T) -> None:\n        pass\n\n"
        + "    limit: undefined_type = 3\n\n\n"
        + QUEUE.format("app")
        + DEF
    },
    "shadowed-def-same-function-name": {
        "function_app.py": HEAD
        + "\n\n".join(
            f'@app.function_name(name="main")\n{QUEUE.format("app")}{DEF}' for _ in range(2)
        )
    },
    # A class of its own on the v2-analysis branch (its exemption of one annotated parameter
    # without a binding on Service Bus functions takes any annotation, while the worker
    # (azure-functions-runtime 1.3.0 bindings/meta.py validate_settlement_param) takes only a
    # settlement client type from the deferred-binding registry); hidden here by
    # "parameters and annotations of decorated defs are not checked".
    "service-bus-settlement": {
        "function_app.py": HEAD + '@app.service_bus_queue_trigger(arg_name="msg", connection='
        '"ServiceBusConnection", queue_name="items")\n'
        "def main(msg: func.ServiceBusMessage, extra: str) -> None:\n    pass\n"
    },
    # azure-functions-runtime 1.3.0 gives an exponential backoff without an interval a default
    # (loader.py build_variable_interval_retry); funcls once called it an Error.
    "retry-backoff-without-interval": {
        "function_app.py": HEAD
        + "@app.retry(strategy='exponential_backoff', max_retry_count='3', "
        + "minimum_interval='00:00:01')\n"
        + QUEUE.format("app")
        + DEF
    },
    # The worker reads the @retry policy of the functions it indexes only; funcls once called
    # the policy of a def below the blueprint's registration an Error.
    "retry-policy-not-indexed": {
        "function_app.py": HEAD
        + "bp = func.Blueprint()\napp.register_functions(bp)\n\n\n"
        + "@bp.retry(strategy='fixed_delay', max_retry_count='3', delay_interval='10s')\n"
        + QUEUE.format("bp")
        + DEF
    },
}
# The disagreement classes known today, each an entry for the v2 analysis to fix, with the name
# of its example in EXAMPLES: the example must still disagree and be in the class
# (test_known_disagreements_still_disagree). Once fixed, delete the entry; the example stays.
# None today: every class the long runs found is fixed (`_missed` matches a miss of a new one).
KNOWN: list[Known] = []


def compare(
    python: str, apps: list[dict[str, str]], off: tuple[str, ...] = ()
) -> tuple[int, list[Disagreement]]:
    """The number of apps the worker refuses, and every disagreement; funcls's problems of the
    codes in `off` are left out (to show that a disagreement is caught)."""
    with tempfile.TemporaryDirectory(prefix="funcls-diff-v2-") as tmp:
        root = Path(tmp)
        folders = [root / f"app{index:03d}" for index in range(len(apps))]
        for folder, files in zip(folders, apps, strict=True):
            write_app(folder, files)
        worker = worker_verdicts(python, folders)
        ours = funcls_verdicts(python, root, folders)
        ours = {f: [p for p in found if p["code"] not in off] for f, found in ours.items()}
    refused = sum(1 for f in folders if worker[f])
    disagreements = [
        Disagreement(files, worker[folder], ours[folder])
        for folder, files in zip(folders, apps, strict=True)
        if bool(worker[folder]) != bool(refusing(ours[folder]))
    ]
    return refused, disagreements


def known_class(disagreement: Disagreement) -> str | None:
    """The name of the known class the disagreement belongs to, if any."""
    return next((k.name for k in KNOWN if k.matches(disagreement)), None)


STATS = {"apps": 0, "refused": 0, "known": 0}


@settings(
    max_examples=max(1, -(-TOTAL // BATCH)),
    deadline=None,
    phases=(Phase.generate,),
    derandomize=not LONG,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(batch=st.lists(v2_apps(), min_size=BATCH, max_size=BATCH))
def test_funcls_agrees_with_the_v2_worker(batch: list[V2App]) -> None:
    """Every generated v2 app: the worker indexes it exactly when funcls reports no worker-rule
    error (known disagreement classes aside)."""
    python = _worker_python()
    refused, disagreements = compare(python, [app.files() for app in batch])
    unknown = [d for d in disagreements if known_class(d) is None]
    STATS["apps"] += len(batch)
    STATS["refused"] += refused
    STATS["known"] += len(disagreements) - len(unknown)
    if LONG:
        print(
            f"{STATS['apps']} apps, {STATS['refused']} refused, {STATS['known']} known "
            "disagreements",
            file=sys.stderr,
        )
    assert not unknown, f"{len(unknown)} of {len(batch)} apps disagree:\n\n" + "\n".join(
        d.describe() for d in unknown
    )


@pytest.fixture(scope="module")
def example_results() -> dict[str, Disagreement | None]:
    """Each example's disagreement (None when funcls agrees), all examples in one batch."""
    python = _worker_python()
    names = list(EXAMPLES)
    _, found = compare(python, [EXAMPLES[name] for name in names])
    results: dict[str, Disagreement | None] = dict.fromkeys(names)
    for disagreement in found:
        results[next(n for n in names if EXAMPLES[n] == disagreement.files)] = disagreement
    return results


def test_the_examples_agree(example_results: dict[str, Disagreement | None]) -> None:
    """Every example app agrees with the worker, unless a known class takes its disagreement."""
    unknown = [
        f"{name}:\n{d.describe()}"
        for name, d in example_results.items()
        if d is not None and known_class(d) is None
    ]
    assert not unknown, "\n".join(unknown)


@pytest.mark.parametrize("known", KNOWN, ids=[k.example for k in KNOWN])
def test_known_disagreements_still_disagree(
    known: Known, example_results: dict[str, Disagreement | None]
) -> None:
    """Each known class's example still disagrees, and is in that class: once funcls agrees on
    it, the class leaves KNOWN."""
    found = example_results[known.example]
    assert found is not None, f"{known.name}: funcls now agrees with the worker; remove it"
    assert known.matches(found), found.describe()


TWINS = {
    "function_app.py": HEAD
    + "\n\n".join(
        f'@app.function_name(name="same")\n{QUEUE.format("app")}def {name}(msg: func.QueueMessage)'
        " -> None:\n    pass\n"
        for name in ("first", "second")
    )
}


def test_a_disagreement_fails_with_both_messages() -> None:
    """The comparison can fail: with the duplicate-name rule left out, funcls misses what the
    worker refuses, and the failure shows both sides."""
    python = _worker_python()
    assert compare(python, [TWINS]) == (1, [])
    refused, disagreements = compare(python, [TWINS], off=("FUNC704",))
    assert refused == 1 and len(disagreements) == 1
    text = disagreements[0].describe()
    assert "worker: ValueError: Function same does not have a unique function name" in text
    assert "funcls: no worker-rule error" in text and "def second(msg" in text
