"""The engine's incremental caches: after any sequence of edits, the problems of every file equal
those of a fresh analysis; an edit re-runs only the checks that read what it changed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funcls.core.app_model import FunctionInfo
from funcls.core.checks import registry
from funcls.core.checks.base import CheckContext
from funcls.core.engine import Analyzer
from funcls.core.problems import Problem
from funcls.core.sources import Sources
from funcls.core.workspace import Workspace
from unit.semantics.helpers import GOOD_HOST, SCRIPT


def _http(route: str, setting: str | None = None, script: str = "__init__.py") -> str:
    bindings: list[dict[str, object]] = [
        {
            "authLevel": "function",
            "type": "httpTrigger",
            "direction": "in",
            "name": "req",
            "route": route,
            "methods": ["get"],
        },
        {"type": "http", "direction": "out", "name": "$return"},
    ]
    if setting is not None:
        bindings.append(
            {
                "type": "queue",
                "direction": "out",
                "name": "msg",
                "queueName": "q",
                "connection": setting,
            }
        )
    return json.dumps({"scriptFile": script, "bindings": bindings}, indent=2)


QUEUE_SCRIPT = (
    "import azure.functions as func\n\n\n"
    "def main(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:\n"
    "    return func.HttpResponse('ok')\n"
)


def _local(*names: str) -> str:
    values = {"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsStorage": ""}
    values.update({name: "Endpoint=sb://x/" for name in names})
    return json.dumps({"IsEncrypted": False, "Values": values}, indent=2)


# Each file and the texts an edit may give it: conflicting routes, a setting that exists or not,
# a script that matches its function.json or not, JSON cut short, JavaScript entry points (a
# non-Python function is only reported while some other function is Python).
VARIANTS: dict[str, list[str]] = {
    "Alpha/function.json": [
        _http("items"),
        _http("other"),
        _http("items", "QueueConn"),
        "{",
        _http("alpha", script="index.js"),
    ],
    "Beta/function.json": [
        _http("beta"),
        _http("ITEMS"),
        _http("beta", "Missing"),
        _http("beta", script="index.js"),
    ],
    "Gamma/function.json": [
        _http("gamma", script="index.js"),
        _http("items"),
        '{"bindings": []}',
    ],
    "Alpha/__init__.py": [SCRIPT, QUEUE_SCRIPT, "def main(:\n", "from . import helper\n" + SCRIPT],
    # a module the entry script may import: its failures show in the script too
    "Alpha/helper.py": ["X = 1\n", "import surely_not_a_module_xyz\n", "def f(:\n"],
    "Beta/__init__.py": [SCRIPT, QUEUE_SCRIPT],
    "local.settings.json": [_local(), _local("QueueConn"), _local("QueueConn", "Missing"), "{,"],
    "host.json": [GOOD_HOST, json.dumps({"version": "2.0"}), json.dumps({"version": "1.0"})],
}


def _write_app(root: Path) -> None:
    for name, texts in VARIANTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[0], encoding="utf-8")
    for name in ("Alpha", "Beta", "Gamma"):
        (root / name / "index.js").write_text("module.exports = async () => {};\n")
    (root / "Gamma" / "__init__.py").write_text(SCRIPT, encoding="utf-8")


def _key(problem: Problem) -> tuple[object, ...]:
    return (problem.code, problem.severity, problem.path, problem.span, problem.message)


def _all_problems(analyzer: Analyzer, root: Path) -> dict[str, list[tuple[object, ...]]]:
    files = [str(root / name) for name in VARIANTS] + [str(root / "Gamma" / "__init__.py")]
    return {path: [_key(p) for p in analyzer.problems_for_file(path)] for path in files}


def _fresh_analysis(sources: Sources, root: Path) -> dict[str, list[tuple[object, ...]]]:
    """A brand-new analysis of the same buffers."""
    copy = Sources()
    for path in sources.open_paths():
        source = sources.read(path)
        assert source is not None and source.text is not None
        copy.set_open(path, 1, source.text)
    return _all_problems(Analyzer(Workspace(copy)), root)


EDITS = st.lists(
    st.sampled_from(sorted(VARIANTS)).flatmap(
        lambda name: st.tuples(st.just(name), st.integers(0, len(VARIANTS[name]) - 1))
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS, pull_all_each_time=st.booleans())
def test_incremental_results_equal_a_fresh_analysis(
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, int]],
    pull_all_each_time: bool,
) -> None:
    root = tmp_path_factory.mktemp("app")
    _write_app(root)
    workspace = Workspace()
    for name, texts in VARIANTS.items():
        workspace.sources.set_open(str(root / name), 1, texts[0])
    analyzer = Analyzer(workspace)
    _all_problems(analyzer, root)  # warm every cache
    for version, (name, variant) in enumerate(edits, start=2):
        workspace.sources.set_open(str(root / name), version, VARIANTS[name][variant])
        if pull_all_each_time:
            assert _all_problems(analyzer, root) == _fresh_analysis(workspace.sources, root)
        else:  # only the edited file, as a pull client does after a keystroke
            path = str(root / name)
            expected = _fresh_analysis(workspace.sources, root)[path]
            assert [_key(p) for p in analyzer.problems_for_file(path)] == expected
    assert _all_problems(analyzer, root) == _fresh_analysis(workspace.sources, root)


def test_editing_one_function_does_not_rerun_the_checks_of_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []

    def counting_check(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
        runs.append(fn.name)
        return []

    monkeypatch.setattr(registry, "FUNCTION_CHECKS", (*registry.FUNCTION_CHECKS, counting_check))
    _write_app(tmp_path)
    workspace = Workspace()
    for name, texts in VARIANTS.items():
        workspace.sources.set_open(str(tmp_path / name), 1, texts[0])
    analyzer = Analyzer(workspace)
    alpha = str(tmp_path / "Alpha" / "function.json")
    beta = str(tmp_path / "Beta" / "function.json")
    analyzer.problems_for_file(alpha)
    analyzer.problems_for_file(beta)
    assert sorted(runs) == ["Alpha", "Beta"]

    runs.clear()
    workspace.sources.set_open(beta, 2, VARIANTS["Beta/function.json"][2])
    analyzer.problems_for_file(alpha)
    assert runs == []  # Alpha's results survive an edit of Beta's function.json
    analyzer.problems_for_file(beta)
    assert runs == ["Beta"]


def test_a_route_conflict_follows_an_edit_of_the_other_function(tmp_path: Path) -> None:
    _write_app(tmp_path)
    workspace = Workspace()
    alpha = str(tmp_path / "Alpha" / "function.json")
    beta = str(tmp_path / "Beta" / "function.json")
    workspace.sources.set_open(alpha, 1, VARIANTS["Alpha/function.json"][0])
    workspace.sources.set_open(beta, 1, VARIANTS["Beta/function.json"][0])
    analyzer = Analyzer(workspace)

    def conflicts() -> list[str]:
        return [p.code for p in analyzer.problems_for_file(alpha) if "conflicts" in p.message]

    assert conflicts() == []
    workspace.sources.set_open(beta, 2, VARIANTS["Beta/function.json"][1])  # route "ITEMS"
    assert len(conflicts()) == 1
    workspace.sources.set_open(beta, 3, VARIANTS["Beta/function.json"][0])
    assert conflicts() == []


def test_a_folder_listing_includes_unsaved_buffers(tmp_path: Path) -> None:
    sources = Sources()
    (tmp_path / "on_disk.py").write_text("")
    unsaved = str(tmp_path / "new.py")
    sources.set_open(unsaved, 1, "")
    assert sources.list_dir(str(tmp_path)) == ["new.py", "on_disk.py"]
    sources.set_open(unsaved, 2, "x = 1")
    assert sources.list_dir(str(tmp_path)) == ["new.py", "on_disk.py"]
    sources.close(unsaved)
    assert sources.list_dir(str(tmp_path)) == ["on_disk.py"]
