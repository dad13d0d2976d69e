"""Completion in the `|`-cursor style: apply a proposal's edit and compare the text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import split_cursor
from funcls.core import schemas
from funcls.core.features.completion import Proposal
from funcls.core.features.service import default_service
from funcls.core.workspace import Workspace

FEATURES = default_service()


def _complete(text: str, folder: Path | None = None, name: str = "function.json"):
    text, offset = split_cursor(text)
    workspace = Workspace()
    base = folder or Path("/nonexistent/app/Fn")
    path = os.path.join(str(base), name)
    workspace.sources.set_open(path, 1, text)
    return text, FEATURES.complete(workspace, path, offset)


def _apply(text: str, proposal: Proposal) -> str:
    span = proposal.replace
    return text[: span.start] + proposal.insert_text + text[span.end :]


def _labels(proposals: list[Proposal]) -> list[str]:
    return [p.label for p in sorted(proposals, key=lambda p: p.sort_text or p.label)]


def test_binding_type_values_cover_every_type_with_docs() -> None:
    text, proposals = _complete('{"bindings": [{"type": "|"}]}')
    labels = {p.label for p in proposals}
    assert labels == set(schemas.binding_types())
    assert len(labels) >= 66
    assert all(p.documentation for p in proposals)
    http = next(p for p in proposals if p.label == "httpTrigger")
    assert _apply(text, http) == '{"bindings": [{"type": "httpTrigger"}]}'


def test_triggers_come_first_only_while_the_function_has_none() -> None:
    _, proposals = _complete('{"bindings": [{"type": "|"}]}')
    first = _labels(proposals)[0]
    assert first.lower().endswith("trigger")
    _, proposals = _complete(
        '{"bindings": [{"type": "queueTrigger", "direction": "in", "name": "m"}, {"type": "|"}]}'
    )
    assert not _labels(proposals)[0].lower().endswith("trigger")


def test_keys_follow_the_binding_type_and_skip_present_ones() -> None:
    text, proposals = _complete(
        '{"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req", |}]}'
    )
    labels = _labels(proposals)
    assert {"route", "methods", "authLevel"} <= set(labels)
    assert "schedule" not in labels and "type" not in labels and "name" not in labels
    route = next(p for p in proposals if p.label == "route")
    assert _apply(text, route) == (
        '{"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req", "route": ""}]}'
    )


def test_required_keys_first() -> None:
    _, proposals = _complete('{"bindings": [{"type": "queueTrigger", "direction": "in", |}]}')
    labels = _labels(proposals)
    assert labels[:2] == ["name", "queueName"]


def test_key_inside_quotes_replaces_the_key_only_when_colon_exists() -> None:
    text, proposals = _complete('{"bindings": [{"type": "timerTrigger", "sch|": ""}]}')
    schedule = next(p for p in proposals if p.label == "schedule")
    assert _apply(text, schedule) == '{"bindings": [{"type": "timerTrigger", "schedule": ""}]}'


def test_direction_values_follow_the_type() -> None:
    text, proposals = _complete('{"bindings": [{"type": "httpTrigger", "direction": "|"}]}')
    assert _labels(proposals) == ["in"]
    _, proposals = _complete('{"bindings": [{"type": "blob", "direction": |}]}')
    assert set(_labels(proposals)) == {"in", "out"}


def test_enum_values_and_half_typed_value() -> None:
    text, proposals = _complete(
        '{"bindings": [{"type": "httpTrigger", "direction": "in", "authLevel": "an|'
    )
    anonymous = next(p for p in proposals if p.label == "anonymous")
    assert _apply(text, anonymous).endswith('"authLevel": "anonymous"')


def test_methods_items() -> None:
    _, proposals = _complete('{"bindings": [{"type": "httpTrigger", "methods": ["get", |]}]}')
    assert {"post", "put"} <= set(_labels(proposals))
    assert "GET" not in _labels(proposals)


def test_binding_snippets_inside_bindings() -> None:
    text, proposals = _complete('{\n  "bindings": [\n    |\n  ]\n}')
    labels = _labels(proposals)
    assert any("HTTP trigger" in label for label in labels)
    http = next(p for p in proposals if p.label.startswith("HTTP trigger"))
    assert http.snippet and "${1:" in http.snippet
    assert '"type": "httpTrigger"' in _apply(text, http)


def test_top_level_keys() -> None:
    _, proposals = _complete("{|}")
    labels = _labels(proposals)
    assert labels[0] == "bindings"
    assert {"scriptFile", "entryPoint"} <= set(labels)


def test_script_file_entry_point_and_names_come_from_the_app(tmp_path: Path) -> None:
    folder = tmp_path / "app" / "Fn"
    folder.mkdir(parents=True)
    (tmp_path / "app" / "host.json").write_text('{"version": "2.0"}')
    (tmp_path / "app" / "local.settings.json").write_text(
        '{"Values": {"MyQueueConn": "secret-value-never-shown"}}'
    )
    (folder / "handler.py").write_text("def run(req, msg):\n    pass\n\ndef helper():\n    pass\n")
    _, proposals = _complete('{"scriptFile": "|"}', folder)
    assert _labels(proposals) == ["handler.py"]
    _, proposals = _complete(
        '{"scriptFile": "handler.py", "entryPoint": "|", "bindings": []}', folder
    )
    assert set(_labels(proposals)) == {"run", "helper"}
    _, proposals = _complete(
        '{"scriptFile": "handler.py", "entryPoint": "run", "bindings": ['
        '{"type": "httpTrigger", "direction": "in", "name": "req"},'
        '{"type": "queue", "direction": "out", "name": "|"}]}',
        folder,
    )
    assert _labels(proposals) == ["msg", "$return"]
    _, proposals = _complete(
        '{"bindings": [{"type": "queue", "direction": "out", "connection": "|"}]}', folder
    )
    assert _labels(proposals) == ["MyQueueConn"]
    assert all("secret" not in (p.documentation or "") + (p.detail or "") for p in proposals)


def test_entry_point_offers_callables_only(tmp_path: Path) -> None:
    folder = tmp_path / "app" / "Fn"
    folder.mkdir(parents=True)
    (tmp_path / "app" / "host.json").write_text('{"version": "2.0"}')
    (folder / "__init__.py").write_text(
        "import logging\n"
        "import azure.durable_functions as df\n"
        "from .impl import imported\n\n"
        "MAX_ITEMS = 10\nNAME = 'orders'\nURL = 'https://' + NAME\nFLAGS = {'a': 1}\n"
        "SIZES = [n * 2 for n in range(3)]\nALIAS_OF_CONST = MAX_ITEMS\nCOUNT = int('3')\n\n"
        "def run(req):\n    pass\n\n"
        "async def run_async(req):\n    pass\n\n"
        "class Handler:\n    def __call__(self, req):\n        pass\n\n"
        "class Plain:\n    pass\n\n"
        "class Child(Handler):\n    pass\n\n"
        "handler = Handler()\nchild = Child()\nplain = Plain()\n"
        "alias = run\nlam = lambda req: None\n"
        "main = df.Orchestrator.create(run)\n"
    )
    _, proposals = _complete('{"entryPoint": "|", "bindings": []}', folder)
    labels = _labels(proposals)
    decided = {"run", "run_async", "Handler", "Plain", "Child", "handler", "child", "alias", "lam"}
    assert set(labels) == decided | {"main"}
    # callables decided from the code come before those only running it could tell
    assert labels[-1] == "main"


def _app_folder(tmp_path: Path, bundle: str | None) -> Path:
    folder = tmp_path / "app" / "Fn"
    folder.mkdir(parents=True)
    host = {"version": "2.0"}
    if bundle is not None:
        host["extensionBundle"] = {  # type: ignore[assignment]
            "id": "Microsoft.Azure.Functions.ExtensionBundle",
            "version": bundle,
        }
    (tmp_path / "app" / "host.json").write_text(json.dumps(host))
    return folder


COSMOS_KEYS = '{"bindings": [{"type": "cosmosDBTrigger", "direction": "in", "name": "d", |}]}'


@pytest.mark.parametrize("bundle", ["[4.*, 5.0.0)", None])
def test_cosmos_keys_under_bundle_4_are_the_4x_names(tmp_path: Path, bundle: str | None) -> None:
    _, proposals = _complete(COSMOS_KEYS, _app_folder(tmp_path, bundle))
    labels = set(_labels(proposals))
    assert {"connection", "containerName", "leaseContainerName"} <= labels
    old = {"connectionStringSetting", "collectionName", "leaseCollectionName", "checkpointInterval"}
    assert not labels & old


def test_cosmos_keys_under_bundle_3_are_the_3x_names(tmp_path: Path) -> None:
    _, proposals = _complete(COSMOS_KEYS, _app_folder(tmp_path, "[3.*, 4.0.0)"))
    labels = set(_labels(proposals))
    assert {"connectionStringSetting", "collectionName", "checkpointInterval"} <= labels
    assert not labels & {"connection", "containerName", "leaseContainerName"}


@pytest.mark.parametrize("bundle", ["[2.*, 3.0.0)", "[4.*, 5.0.0)"])
def test_runtime_1_names_are_never_offered(tmp_path: Path, bundle: str) -> None:
    folder = _app_folder(tmp_path, bundle)
    _, proposals = _complete('{"bindings": [{"type": "twilioSms", |}]}', folder)
    labels = set(_labels(proposals))
    assert {"accountSidSetting", "authTokenSetting", "from", "to"} <= labels
    assert not labels & {"accountSid", "authToken"}
    _, proposals = _complete('{"bindings": [{"type": "eventHubTrigger", |}]}', folder)
    assert "path" not in set(_labels(proposals))


@pytest.mark.parametrize("kind", ["host.json", "local.settings.json"])
def test_other_files_complete_their_keys(kind: str) -> None:
    _, proposals = _complete("{|}", name=kind)
    labels = set(_labels(proposals))
    expected = {"version", "extensionBundle"} if kind == "host.json" else {"IsEncrypted", "Values"}
    assert expected <= labels


def test_host_json_bundle_and_worker_runtime_values() -> None:
    _, proposals = _complete('{"extensionBundle": {"id": "|"}}', name="host.json")
    assert "Microsoft.Azure.Functions.ExtensionBundle" in _labels(proposals)
    _, proposals = _complete(
        '{"Values": {"FUNCTIONS_WORKER_RUNTIME": "|"}}', name="local.settings.json"
    )
    assert "python" in _labels(proposals)


def test_every_prefix_of_a_real_file_completes_without_error() -> None:
    text = (
        '{\n  "scriptFile": "__init__.py",\n  "bindings": [\n    {\n      "authLevel": "function",\n'
        '      "type": "httpTrigger",\n      "direction": "in",\n      "name": "req",\n'
        '      "methods": ["get", "post"]\n    },\n    {"type": "http", "direction": "out", '
        '"name": "$return"}\n  ]\n}'
    )
    for end in range(len(text) + 1):
        prefix = text[:end] + "|"
        _complete(prefix)


def _names_for(tmp_path: Path, script: str) -> list[str]:
    folder = tmp_path / "app" / "Fn"
    folder.mkdir(parents=True)
    (tmp_path / "app" / "host.json").write_text('{"version": "2.0"}')
    (folder / "__init__.py").write_text(script)
    _, proposals = _complete(
        '{"scriptFile": "__init__.py", "bindings": ['
        '{"type": "queue", "direction": "out", "name": "|"}]}',
        folder,
    )
    return _labels(proposals)


def test_binding_names_of_a_class_entry_point_leave_out_self(tmp_path: Path) -> None:
    # the worker calls the class: it sees `__init__` without `self`
    script = "class main:\n    def __init__(self, req, msg):\n        pass\n"
    assert _names_for(tmp_path, script) == ["msg", "req", "$return"]


def test_binding_names_of_a_def_the_worker_does_not_see_through(tmp_path: Path) -> None:
    # an imported decorator: the signature the worker sees is unknown, no parameter is offered
    script = "from helpers import traced\n\n\n@traced\ndef main(req, msg):\n    pass\n"
    assert _names_for(tmp_path, script) == ["$return"]


def test_binding_names_follow_a_local_decorator_to_its_inner_def(tmp_path: Path) -> None:
    script = (
        "def logged(f):\n    def inner(req, msg):\n        return f(req)\n    return inner\n\n\n"
        "@logged\ndef main(req):\n    pass\n"
    )
    assert _names_for(tmp_path, script) == ["msg", "req", "$return"]


def test_binding_names_of_a_script_that_does_not_parse_are_not_guessed(tmp_path: Path) -> None:
    # no parse, no parameters: `$return` alone, and no error
    script = "def main(req, msg):\n    return (\n"
    assert _names_for(tmp_path, script) == ["$return"]
