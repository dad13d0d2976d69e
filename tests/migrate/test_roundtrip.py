"""Every classic app of the corpora, migrated to the v2 model, declares the same bindings and is
indexed by the v2 worker library.

Each app folder of tests/corpus and tests/realworld (any folder holding host.json) is copied to a
temporary folder and migrated there (`plan_migration` + `apply_changes`, function.json removed),
flat and with blueprints. The migrated app is then loaded in a subprocess by the v2 worker library
(`azure-functions-runtime`, Python >= 3.13, `.venv-worker-v2` made by .ci/run), which indexes it
the way the worker does at start-up (see v2_index.py), and the bindings of every function its
`get_functions()` gives are compared with the original function.json: names, types, directions
and every property.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from funcls.core.migrate import apply_changes, plan_migration
from funcls.core.migrate.compare import differences
from funcls.core.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
CORPORA = [
    REPO / "tests" / "corpus",
    REPO / "tests" / "realworld",
    Path(__file__).with_name("apps"),  # shapes the corpora lack: `__app__` imports, retry, ...
]
WORKER_PYTHON = Path(
    os.environ.get("FUNCLS_WORKER_V2_PYTHON", REPO / ".venv-worker-v2" / "bin" / "python")
)
INDEXER = Path(__file__).with_name("v2_index.py")
# The host's defaults for what an httpTrigger leaves out, which the library writes out when it
# builds the function: the route is the function name, the level `function`
# (HttpTriggerAttribute in Azure/azure-webjobs-sdk-extensions; FunctionBuilder.build in
# azure-functions, with the FunctionApp's http_auth_level FUNCTION the migration writes).
HTTP_DEFAULTS = {"authLevel": "function"}


def _apps() -> list[Path]:
    apps: list[Path] = []
    for corpus in CORPORA:
        if corpus.is_dir():
            apps.extend(sorted(p.parent for p in corpus.glob("**/host.json")))
    return apps


def _worker() -> Path:
    if not WORKER_PYTHON.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no v2 worker environment at {WORKER_PYTHON}: run .ci/run")
        pytest.skip(f"no v2 worker environment at {WORKER_PYTHON}")
    return WORKER_PYTHON


def _originals(app: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(app.glob("*/function.json")):
        try:
            found[path.parent.name] = json.loads(path.read_text(encoding="utf-8-sig"))
        except ValueError:
            continue
    return found


def _index(app: Path) -> dict[str, Any]:
    done = subprocess.run(
        [str(_worker()), str(INDEXER), str(app)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _expected(name: str, binding: dict[str, Any]) -> dict[str, Any]:
    expected = dict(binding)
    if binding.get("type") == "httpTrigger":
        expected.setdefault("route", name)
        for key, value in HTTP_DEFAULTS.items():
            expected.setdefault(key, value)
    return expected


def _compare(originals: dict[str, dict[str, Any]], converted: list[str], result: dict) -> list[str]:
    problems = []
    functions = result["functions"]
    for name in converted:
        if name not in functions:
            problems.append(f"{name}: missing from get_functions()")
            continue
        produced = {b["name"]: b for b in functions[name]}
        original = originals[name]
        wanted = {b.get("name"): b for b in original.get("bindings", [])}
        if set(produced) != set(wanted):
            problems.append(f"{name}: bindings {sorted(produced)} != {sorted(wanted)}")
            continue
        for bname, binding in wanted.items():
            got = dict(produced[bname])
            enum_keys = frozenset(got.pop("__enum_keys__"))
            for diff in differences(_expected(name, binding), got, enum_keys):
                problems.append(f"{name}.{bname}: {diff}")
        retry = original.get("retry")
        if retry is not None:
            got_retry = result["retry"].get(name) or {}
            for key, value in retry.items():
                snake = "".join("_" + c.lower() if c.isupper() else c for c in key)
                have = got_retry.get(snake)
                if key == "strategy":
                    ok = str(have).replace("_", "") == str(value).lower()
                else:
                    ok = str(have) == str(value)
                if not ok:
                    problems.append(f"{name}: retry {key} {value!r} became {have!r}")
    return problems


@pytest.mark.parametrize("blueprints", [False, True], ids=["flat", "blueprints"])
@pytest.mark.parametrize("app", _apps(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_migrated_app_declares_the_same_bindings_and_indexes(
    app: Path, blueprints: bool, tmp_path: Path
) -> None:
    _worker()
    target = tmp_path / app.name
    shutil.copytree(app, target)
    plan = plan_migration(Workspace(), str(target), blueprints=blueprints)
    if not plan.converted and all("is not a Python file" in n for n in plan.notes):
        pytest.skip("not a Python app")
    assert plan.converted, plan.notes
    assert not apply_changes(plan.changes)
    assert not list(target.glob("*/function.json")) or len(plan.converted) < len(_originals(app))
    result = _index(target)
    assert result["error"] is None, (result["error"], result["stubbed"])
    originals = _originals(app)
    assert sorted(plan.converted) == sorted(originals), plan.notes
    assert _compare(originals, plan.converted, result) == []
    refused = {n: e for n, e in result["refused"].items() if n not in _refused_classic(app)}
    assert refused == {}, result["stubbed"]
    assert _disabled(target) == {n for n, f in originals.items() if f.get("disabled") is True}


def _disabled(app: Path) -> set[str]:
    """Functions disabled by the app setting the v2 model reads, AzureWebJobs.<name>.Disabled."""
    path = app / "local.settings.json"
    if not path.exists():
        return set()
    values = json.loads(path.read_text(encoding="utf-8-sig")).get("Values", {})
    return {
        k.split(".")[1]
        for k, v in values.items()
        if k.startswith("AzureWebJobs.") and k.endswith(".Disabled") and v == "true"
    }


def _refused_classic(app: Path) -> set[str]:
    """Functions the classic worker refuses as well: those with a reviewed error in the
    real-world corpus's expected.json (a faithful migration keeps the refusal)."""
    path = app / "expected.json"
    if not path.exists():
        return set()
    entries = json.loads(path.read_text(encoding="utf-8")).get("expected", [])
    return {str(e.get("file", "")).split("/")[0] for e in entries if e.get("severity") == "error"}


def test_a_changed_property_is_caught(tmp_path: Path) -> None:
    """The comparison can fail: a migrated queue name that differs from function.json is seen."""
    _worker()
    app = REPO / "tests" / "corpus" / "storage-pipeline"
    target = tmp_path / "app"
    shutil.copytree(app, target)
    plan = plan_migration(Workspace(), str(target))
    assert not apply_changes(plan.changes)
    script = target / "function_app.py"
    script.write_text(script.read_text().replace('"work-items"', '"other-items"', 1))
    result = _index(target)
    assert result["error"] is None
    assert _compare(_originals(app), plan.converted, result) != []


def test_a_function_the_worker_refuses_is_seen(tmp_path: Path) -> None:
    """The indexing can fail: a parameter annotated with a type its binding refuses."""
    _worker()
    target = tmp_path / "app"
    shutil.copytree(Path(__file__).with_name("apps") / "edge-shapes", target)
    plan = plan_migration(Workspace(), str(target))
    assert not apply_changes(plan.changes)
    script = target / "Retried" / "__init__.py"
    script.write_text(script.read_text().replace("typing.List[func.ServiceBusMessage]", "int"))
    result = _index(target)
    assert result["error"] is None
    assert list(result["refused"]) == ["Retried"]
