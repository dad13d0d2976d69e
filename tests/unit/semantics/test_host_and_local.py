"""host.json (H-40..H-47) and local.settings.json (C-01..C-06, L-01..L-05)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funcls.core.engine import Analyzer
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace
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


@pytest.mark.parametrize("version", ["[1.*, 2.0.0)", "[1.0.0, 2.0.0)", "[2.0.0, 2.6.0]"])
def test_bundle_below_the_host_minimum_is_one_error(tmp_path: Path, version: str) -> None:
    bundle = dict(BUNDLE, version=version)
    queue = {"type": "queueTrigger", "direction": "in", "name": "msg", "queueName": "q"}
    cosmos = {
        "type": "cosmosDB",
        "direction": "out",
        "name": "doc",
        "databaseName": "db",
        "containerName": "items",
        "connection": "CosmosConn",
    }
    make_app(
        tmp_path,
        {
            "host.json": json.dumps({"version": "2.0", "extensionBundle": bundle}),
            "Q/function.json": json.dumps({"bindings": [queue, cosmos]}),
            "Q/__init__.py": "def main(msg: str, doc) -> None: ...\n",
        },
    )
    problem = only(problems(tmp_path, "FUNC403"))
    assert problem.severity.name == "ERROR"
    assert "minimum version of 2.6.1" in problem.message
    assert text_under(problem) == json.dumps(version)
    # The host does not start: no per-binding "needs 2.x" or Cosmos DB name noise, no FUNC405.
    assert problems(tmp_path, "FUNC120") == []
    assert problems(tmp_path, "FUNC122") + problems(tmp_path, "FUNC127") == []
    assert problems(tmp_path, "FUNC405") == []
    apply_fix(problem.fixes[0])
    assert problems(tmp_path, "FUNC403") == []
    assert "[4.*, 5.0.0)" in (tmp_path / "host.json").read_text()


@pytest.mark.parametrize(
    "bundle",
    [
        {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[2.*, 3.0.0)"},
        {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[1.*, 3.0.0)"},
        {"id": "Microsoft.Azure.Functions.ExtensionBundle.Preview", "version": "[4.*, 5.0.0)"},
    ],
)
def test_bundle_reaching_the_host_minimum_is_no_error(tmp_path: Path, bundle: dict) -> None:
    _app(tmp_path, host=json.dumps({"version": "2.0", "extensionBundle": bundle}))
    assert problems(tmp_path, "FUNC403") == []


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


# -- proxies.json (C-14) ---------------------------------------------------------------------------
PROXIES = '{\n  "$schema": "http://json.schemastore.org/proxies",\n  "proxies": {}\n}\n'


PROXY = json.dumps(
    {"proxies": {"legacy": {"matchCondition": {"route": "/old"}, "backendUri": "https://x/y"}}}
)


def test_empty_proxies_json_is_called_a_leftover(tmp_path: Path) -> None:
    # the v2/v3 templates wrote this file: no route is lost, Core Tools still warns about it
    make_app(tmp_path, {"Hello/function.json": HTTP_FUNCTION, "proxies.json": PROXIES})
    problem = only(problems(tmp_path, "FUNC409"))
    assert problem.severity.name == "WARNING"
    assert "declares no proxy" in problem.message and "Delete proxies.json" in problem.message
    assert "routes are not served" not in problem.message


def test_proxies_json_is_reported_on_host_json_version(tmp_path: Path) -> None:
    make_app(tmp_path, {"Hello/function.json": HTTP_FUNCTION, "proxies.json": PROXY})
    problem = only(problems(tmp_path, "FUNC409"))
    assert problem.severity.name == "WARNING"
    assert problem.path == str(tmp_path / "host.json") and text_under(problem) == '"version"'
    assert "runtime v4" in problem.message and "API Management" in problem.message
    assert [r.location.path for r in problem.related] == [str(tmp_path / "proxies.json")]


def test_proxies_json_without_host_version(tmp_path: Path) -> None:
    host = json.dumps({"extensionBundle": BUNDLE}, indent=2)
    make_app(
        tmp_path, {"Hello/function.json": HTTP_FUNCTION, "proxies.json": "", "host.json": host}
    )
    problem = only(problems(tmp_path, "FUNC409"))
    assert text_under(problem) == "{"


def test_no_proxies_json_or_not_at_the_root(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {"Hello/function.json": HTTP_FUNCTION, "Hello/proxies.json": PROXIES, "proxies.txt": ""},
    )
    assert problems(tmp_path, "FUNC409") == []


# -- the Python version Core Tools accepts (C-07) --------------------------------------------------
def _venv(root: Path, cfg: str | None, layout: str = "bin/python") -> Path:
    """A `.venv` whose interpreter would leave a marker if anything ran it."""
    marker = root.parent / f"{root.name}-ran"
    python = root / ".venv" / layout
    python.parent.mkdir(parents=True, exist_ok=True)
    python.write_text(f"#!/bin/sh\necho ran > {marker}\n")
    python.chmod(0o755)
    if cfg is not None:
        (root / ".venv" / "pyvenv.cfg").write_text(cfg)
    return marker


@pytest.mark.parametrize(
    ("cfg", "shown"),
    [
        ("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.9.18\n", "3.9"),
        ("home = /opt/py\nimplementation = CPython\nversion_info = 3.15.0.final.0\n", "3.15"),
        ("version = 2.7.18\n", "2.7"),
    ],
)
def test_unsupported_venv_python(tmp_path: Path, cfg: str, shown: str) -> None:
    app = tmp_path / "app"
    _app(app)
    marker = _venv(app, cfg)
    problem = only(problems(app, "FUNC517"))
    assert problem.severity.name == "WARNING"
    assert problem.path == str(app / "local.settings.json") and text_under(problem) == '"python"'
    assert f"Python {shown}" in problem.message and ".venv" in problem.message
    assert "pyvenv.cfg" in problem.message and "3.10 to 3.14" in problem.message
    assert "FUNCTIONS_WORKER_RUNTIME" in problem.message
    assert [r.location.path for r in problem.related] == [str(app / ".venv" / "pyvenv.cfg")]
    assert not marker.exists(), "the workspace interpreter was run"


def test_unsupported_windows_venv_without_worker_runtime(tmp_path: Path) -> None:
    app = tmp_path / "app"
    make_app(app, {"local.settings.json": None, "Hello/function.json": HTTP_FUNCTION})
    _venv(app, "version = 3.8.10\n", "Scripts/python.exe")
    problem = only(problems(app, "FUNC517"))
    assert problem.path == str(app / "host.json") and text_under(problem) == "{"
    assert "Python 3.8" in problem.message and "host.json" in problem.message


@pytest.mark.parametrize(
    "cfg",
    [
        "version = 3.10.0\n",
        "version_info = 3.14.2.final.0\n",
        "home = /usr/bin\n",  # no version: unknown, nothing is run to find out
        "version = three\n",
        None,
    ],
)
def test_supported_or_unknown_venv_python(tmp_path: Path, cfg: str | None) -> None:
    app = tmp_path / "app"
    _app(app)
    marker = _venv(app, cfg)
    assert problems(app, "FUNC517") == []
    assert not marker.exists()


def test_no_venv_means_the_servers_python_and_no_report(tmp_path: Path) -> None:
    _app(tmp_path)
    assert problems(tmp_path, "FUNC517") == []


def _configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: tuple[int, int]) -> str:
    """A configured interpreter reporting `version` (its environment is stubbed, not run)."""
    from funcls.core.python import environment as env_module

    python = str(tmp_path / "py39" / "bin" / "python")
    stub = env_module.PythonEnvironment(python, version, (), is_server=False)
    monkeypatch.setattr(env_module, "environment", lambda *args: stub)
    return python


def test_unsupported_configured_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "app"
    _app(app)
    _venv(app, "version = 3.12.1\n")  # the configured interpreter wins over the app's .venv
    python = _configured(tmp_path, monkeypatch, (3, 9))
    analyzer = Analyzer(Workspace(), Settings(python_path=python))
    found = [p for ps in analyzer.check_paths([str(app)]).values() for p in ps]
    problem = only([p for p in found if p.code == "FUNC517"])
    assert f"configured interpreter '{python}' is Python 3.9" in problem.message
    assert problem.related == ()


def test_configured_interpreter_supported_or_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "app"
    _app(app)
    _venv(app, "version = 3.9.1\n")
    python = _configured(tmp_path, monkeypatch, (3, 12))
    analyzer = Analyzer(Workspace(), Settings(python_path=python))
    assert [
        p for ps in analyzer.check_paths([str(app)]).values() for p in ps if p.code == "FUNC517"
    ] == []
    monkeypatch.undo()
    missing = Settings(python_path=str(tmp_path / "missing-python"))  # falls back: version unknown
    analyzer = Analyzer(Workspace(), missing)
    assert [
        p for ps in analyzer.check_paths([str(app)]).values() for p in ps if p.code == "FUNC517"
    ] == []
