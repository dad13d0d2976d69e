"""host.json (H-40..H-47) and local.settings.json (C-01..C-06, L-01..L-05)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from semantics.helpers import (
    HTTP_FUNCTION,
    apply_fix,
    make_app,
    only,
    problems,
    text_under,
)

BUNDLE = {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)"}


def _app(tmp_path: Path, host: str | None = None, local: str | None = None) -> Path:
    files: dict[str, str | None] = {"Hello/function.json": HTTP_FUNCTION}
    if host is not None:
        files["host.json"] = host
    if local is not None:
        files["local.settings.json"] = local
    return make_app(tmp_path, files)


def _host_codes(tmp_path: Path) -> list[str]:
    return sorted(p.code for p in problems(tmp_path, file="host.json"))


# -- host.json -------------------------------------------------------------------------------------
def test_missing_version_with_fix(tmp_path: Path) -> None:
    _app(tmp_path, host=json.dumps({"extensionBundle": BUNDLE}, indent=2))
    problem = only(problems(tmp_path, "FUNC400"))
    assert "FUNC012" not in _host_codes(tmp_path)
    apply_fix(problem.fixes[0])
    assert json.loads((tmp_path / "host.json").read_text())["version"] == "2.0"
    assert _host_codes(tmp_path) == []


@pytest.mark.parametrize(
    ("value", "hint"), [("3.0", True), ("4.0", True), ("1.0", False), (2.0, False)]
)
def test_wrong_version(tmp_path: Path, value: object, hint: bool) -> None:
    _app(tmp_path, host=json.dumps({"version": value, "extensionBundle": BUNDLE}, indent=2))
    problem = only(problems(tmp_path, "FUNC401"))
    assert ("schema version, not the Functions runtime version" in problem.message) is hint
    assert _host_codes(tmp_path) == ["FUNC401"]  # not also FUNC010
    apply_fix(problem.fixes[0])
    assert _host_codes(tmp_path) == []


def test_host_json_with_comments_and_bom(tmp_path: Path) -> None:
    text = '\ufeff{\n  // runtime 4\n  "version": "2.0",\n  "extensionBundle": {\n    "id": "Microsoft.Azure.Functions.ExtensionBundle",\n    "version": "[4.*, 5.0.0)" /* main */\n  }\n}\n'
    _app(tmp_path, host=text)
    assert [c for c in _host_codes(tmp_path) if c != "FUNC002"] == []


def test_no_bundle_is_information_with_fix(tmp_path: Path) -> None:
    _app(tmp_path, host='{\n  "version": "2.0"\n}\n')
    problem = only(problems(tmp_path, "FUNC404"))
    assert problem.severity.name == "INFORMATION"
    apply_fix(problem.fixes[0])
    text = (tmp_path / "host.json").read_text()
    assert json.loads(text)["extensionBundle"] == BUNDLE
    assert '  "extensionBundle": {\n    "id": "Microsoft.Azure.Functions.ExtensionBundle",' in text
    assert _host_codes(tmp_path) == []


def test_invalid_bundle_range(tmp_path: Path) -> None:
    bundle = dict(BUNDLE, version="[4.*, 5.0.0")
    _app(tmp_path, host=json.dumps({"version": "2.0", "extensionBundle": bundle}))
    problem = only(problems(tmp_path, "FUNC402"))
    assert "NuGet version range" in problem.message
    apply_fix(problem.fixes[0])
    assert _host_codes(tmp_path) == []


def test_outdated_bundle_range(tmp_path: Path) -> None:
    bundle = dict(BUNDLE, version="[2.*, 3.0.0)")
    _app(tmp_path, host=json.dumps({"version": "2.0", "extensionBundle": bundle}))
    problem = only(problems(tmp_path, "FUNC405"))
    assert "2.x" in problem.message and text_under(problem) == '"[2.*, 3.0.0)"'
    apply_fix(problem.fixes[0])
    assert _host_codes(tmp_path) == []


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("00:00:00", "FUNC406"),
        ("10 minutes", "FUNC406"),
        ("01:00:00", "FUNC407"),
        ("-1", "FUNC407"),
    ],
)
def test_function_timeout(tmp_path: Path, value: str, code: str) -> None:
    _app(
        tmp_path,
        host=json.dumps({"version": "2.0", "extensionBundle": BUNDLE, "functionTimeout": value}),
    )
    assert _host_codes(tmp_path) == [code]


def test_valid_function_timeout(tmp_path: Path) -> None:
    _app(
        tmp_path,
        host=json.dumps(
            {"version": "2.0", "extensionBundle": BUNDLE, "functionTimeout": "00:05:00"}
        ),
    )
    assert _host_codes(tmp_path) == []


def test_v1_keys_move_under_extensions(tmp_path: Path) -> None:
    host = {
        "version": "2.0",
        "extensionBundle": BUNDLE,
        "queues": {"batchSize": 8},
        "extensions": {"http": {"routePrefix": "v1"}},
    }
    _app(tmp_path, host=json.dumps(host, indent=2))
    problem = only(problems(tmp_path, "FUNC408"))
    assert text_under(problem) == '"queues"'
    assert _host_codes(tmp_path) == ["FUNC408"]  # not also FUNC013
    apply_fix(problem.fixes[0])
    moved = json.loads((tmp_path / "host.json").read_text())
    assert moved["extensions"] == {"http": {"routePrefix": "v1"}, "queues": {"batchSize": 8}}
    assert "queues" not in moved
    assert _host_codes(tmp_path) == []


def test_v1_key_without_extensions_section(tmp_path: Path) -> None:
    host = {"version": "2.0", "eventHub": {"maxBatchSize": 64}, "extensionBundle": BUNDLE}
    _app(tmp_path, host=json.dumps(host, indent=2))
    problem = only(problems(tmp_path, "FUNC408"))
    assert "'eventHubs'" in problem.message
    apply_fix(problem.fixes[0])
    moved = json.loads((tmp_path / "host.json").read_text())
    assert moved["extensions"] == {"eventHubs": {"maxBatchSize": 64}}
    assert _host_codes(tmp_path) == []


# -- local.settings.json ---------------------------------------------------------------------------
def _local_codes(tmp_path: Path) -> list[str]:
    return sorted(p.code for p in problems(tmp_path, file="local.settings.json"))


def test_missing_local_settings_is_information_on_host_json(tmp_path: Path) -> None:
    make_app(tmp_path, {"local.settings.json": None, "Hello/function.json": HTTP_FUNCTION})
    problem = only(problems(tmp_path, "FUNC500"))
    assert problem.path.endswith("host.json")


def test_is_encrypted_missing(tmp_path: Path) -> None:
    local = '{\n  "Values": {\n    "FUNCTIONS_WORKER_RUNTIME": "python"\n  }\n}\n'
    _app(tmp_path, local=local)
    problem = only(problems(tmp_path, "FUNC501"))
    apply_fix(problem.fixes[0])
    text = (tmp_path / "local.settings.json").read_text()
    assert text.startswith('{\n  "IsEncrypted": false,\n  "Values"')
    assert _local_codes(tmp_path) == []


def test_is_encrypted_true_with_plain_values(tmp_path: Path) -> None:
    local = json.dumps(
        {"IsEncrypted": True, "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "Secret": "hunter2"}}
    )
    _app(tmp_path, local=local)
    problem = only(problems(tmp_path, "FUNC502"))
    assert "hunter2" not in problem.message
    apply_fix(problem.fixes[0])
    assert _local_codes(tmp_path) == []


@pytest.mark.parametrize("value", [{"a": "b"}, ["x"]])
def test_values_must_be_strings(tmp_path: Path, value: object) -> None:
    local = json.dumps(
        {"IsEncrypted": False, "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "Bad": value}}
    )
    _app(tmp_path, local=local)
    problem = only(problems(tmp_path, "FUNC503"))
    assert "drops ALL values" in problem.message
    assert _local_codes(tmp_path) == ["FUNC503"]  # not also FUNC011


def test_null_value_and_empty_key(tmp_path: Path) -> None:
    local = '{"IsEncrypted": false, "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "A": null, "": "x"}}'
    _app(tmp_path, local=local)
    assert len(problems(tmp_path, "FUNC509")) == 2


def test_setting_outside_values_moves_in(tmp_path: Path) -> None:
    local = '{\n  "IsEncrypted": false,\n  "Values": {\n    "FUNCTIONS_WORKER_RUNTIME": "python"\n  },\n  "QueueName": "items"\n}\n'
    _app(tmp_path, local=local)
    problem = only(problems(tmp_path, "FUNC504"))
    assert text_under(problem) == '"QueueName"'
    assert _local_codes(tmp_path) == ["FUNC504"]  # not also FUNC013
    apply_fix(problem.fixes[0])
    data = json.loads((tmp_path / "local.settings.json").read_text())
    assert data == {
        "IsEncrypted": False,
        "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "QueueName": "items"},
    }
    assert _local_codes(tmp_path) == []


def test_known_top_level_keys_in_any_case(tmp_path: Path) -> None:
    local = json.dumps(
        {
            "IsEncrypted": False,
            "values": {"FUNCTIONS_WORKER_RUNTIME": "python"},
            "Host": {"LocalHttpPort": 7072},
            "ConnectionStrings": {},
        }
    )
    _app(tmp_path, local=local)
    assert problems(tmp_path, "FUNC504") == []


def test_worker_runtime_missing_and_wrong(tmp_path: Path) -> None:
    _app(tmp_path, local=json.dumps({"IsEncrypted": False, "Values": {}}, indent=2))
    problem = only(problems(tmp_path, "FUNC505"))
    apply_fix(problem.fixes[0])
    assert _local_codes(tmp_path) == []
    other = tmp_path / "other"
    _app(
        other,
        local=json.dumps({"IsEncrypted": False, "Values": {"FUNCTIONS_WORKER_RUNTIME": "node"}}),
    )
    problem = only(problems(other, "FUNC506"))
    assert "node" not in problem.message
    apply_fix(problem.fixes[0])
    assert _local_codes(other) == []


def test_placeholder_and_container_name(tmp_path: Path) -> None:
    local = json.dumps(
        {
            "IsEncrypted": False,
            "Values": {
                "FUNCTIONS_WORKER_RUNTIME": "python",
                "AzureWebJobsStorage": "{AzureWebJobsStorage}",
                "CONTAINER_NAME": "x",
                "Json": '{"a": 1}',
            },
        }
    )
    _app(tmp_path, local=local)
    assert text_under(only(problems(tmp_path, "FUNC507"))) == '"{AzureWebJobsStorage}"'
    assert text_under(only(problems(tmp_path, "FUNC508"))) == '"CONTAINER_NAME"'


def test_identity_keys_with_double_underscore_pass(tmp_path: Path) -> None:
    local = json.dumps(
        {
            "IsEncrypted": False,
            "Values": {
                "FUNCTIONS_WORKER_RUNTIME": "python",
                "AzureWebJobsStorage__accountName": "acct",
                "Bus__fullyQualifiedNamespace": "ns.servicebus.windows.net",
            },
        }
    )
    _app(tmp_path, local=local)
    assert _local_codes(tmp_path) == []
