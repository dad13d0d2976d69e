"""AzureWebJobsFeatureFlags as the host splits it (FUNC519), and the worker-indexing flag a v2 app
needs on hosts before 4.28 (FUNC520, a hint)."""

from __future__ import annotations

import json
from pathlib import Path

from unit.semantics.helpers import apply_fix, only, problems
from unit.v2model.helpers import HEAD, v2_app

HTTP = "@app.route(route='hi')\ndef hi(req: func.HttpRequest) -> func.HttpResponse: ...\n"


def _settings(root: Path, values: dict[str, str]) -> Path:
    path = root / "local.settings.json"
    base = {
        "FUNCTIONS_WORKER_RUNTIME": "python",
        "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    }
    path.write_text(json.dumps({"IsEncrypted": False, "Values": {**base, **values}}, indent=2))
    return path


def _flags(root: Path) -> str:
    values = json.loads((root / "local.settings.json").read_text())["Values"]
    return str(values["AzureWebJobsFeatureFlags"])


def test_a_v2_app_without_the_flag_gets_a_hint_and_its_fix(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP)
    _settings(tmp_path, {})
    problem = only(problems(tmp_path, "FUNC520"))
    assert problem.severity.name == "HINT"
    assert problem.path.endswith("local.settings.json")
    assert "before 4.28" in problem.message
    apply_fix(problem.fixes[0])
    assert _flags(tmp_path) == "EnableWorkerIndexing"
    assert problems(tmp_path) == []


def test_the_flag_is_added_to_other_flags(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP)
    _settings(tmp_path, {"AzureWebJobsFeatureFlags": "EnableProxies"})
    apply_fix(only(problems(tmp_path, "FUNC520")).fixes[0])
    assert _flags(tmp_path) == "EnableProxies,EnableWorkerIndexing"
    assert problems(tmp_path, "FUNC520") == []


def test_the_flag_is_compared_ignoring_case(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP)
    _settings(tmp_path, {"AzureWebJobsFeatureFlags": "EnableProxies,enableworkerindexing"})
    assert problems(tmp_path) == []


def test_a_classic_app_gets_no_hint(tmp_path: Path) -> None:
    from unit.semantics.helpers import HTTP_FUNCTION, make_app

    make_app(tmp_path, {"Hello/function.json": HTTP_FUNCTION})
    assert problems(tmp_path, "FUNC520") == []


def test_a_flag_after_a_space_is_never_enabled(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP)
    _settings(tmp_path, {"AzureWebJobsFeatureFlags": "EnableProxies, EnableWorkerIndexing"})
    found = problems(tmp_path)
    ignored = only([p for p in found if p.code == "FUNC519"])
    text = (tmp_path / "local.settings.json").read_text()
    assert text[ignored.span.start : ignored.span.end] == " EnableWorkerIndexing"
    assert ignored.fixes[0].safe
    # the flag with a space does not count: older hosts would not index the app
    assert [p.code for p in found if p.code == "FUNC520"] == ["FUNC520"]
    apply_fix(ignored.fixes[0])
    assert _flags(tmp_path) == "EnableProxies,EnableWorkerIndexing"
    assert problems(tmp_path) == []


def test_a_misspelt_flag(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP)
    _settings(tmp_path, {"AzureWebJobsFeatureFlags": "EnableWorkerIndexng"})
    ignored = only(problems(tmp_path, "FUNC519"))
    assert "Did you mean 'EnableWorkerIndexing'?" in ignored.message
    apply_fix(ignored.fixes[0])
    assert problems(tmp_path) == []


def test_an_unknown_flag_far_from_any_is_not_judged(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP)
    _settings(tmp_path, {"AzureWebJobsFeatureFlags": "EnableWorkerIndexing,SomeFutureFeature"})
    assert problems(tmp_path) == []
