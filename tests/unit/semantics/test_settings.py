"""App settings and connections: the host's lookup, %Setting%, secrets, C-08, fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funcls.core.setting_resolution import settings_index
from funcls.core.workspace import Workspace
from semantics.helpers import (
    GOOD_HOST,
    analyse,
    apply_fix,
    fix_titled,
    function_json,
    make_app,
    only,
    problems,
    text_under,
)

HTTP = {"type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"]}
RETURN = {"type": "http", "direction": "out", "name": "$return"}


def _local(values: dict[str, object], **top: object) -> str:
    return json.dumps({"IsEncrypted": False, "Values": values, **top}, indent=2)


BASE = {"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsStorage": "UseDevelopmentStorage=true"}


def _queue(**extra: object) -> dict[str, object]:
    return {"type": "queue", "direction": "out", "name": "msg", "queueName": "items", **extra}


# -- the lookup ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("values", "connection"),
    [
        ({"MyStorage": "UseDevelopmentStorage=true"}, "MyStorage"),
        ({"AzureWebJobsMyStorage": "UseDevelopmentStorage=true"}, "MyStorage"),
        ({"MyStorage__queueServiceUri": "https://x.queue.core.windows.net"}, "MyStorage"),
        ({"AzureWebJobsMyStorage__accountName": "x"}, "MyStorage"),
        ({"mystorage": "UseDevelopmentStorage=true"}, "MyStorage"),
        ({}, ""),  # empty: AzureWebJobsStorage
    ],
)
def test_connection_variants_resolve(
    tmp_path: Path, values: dict[str, str], connection: str
) -> None:
    queue = _queue(connection=connection)
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({**BASE, **values}),
            "Fn/function.json": function_json(HTTP, RETURN, queue),
        },
    )
    assert [p.code for p in problems(tmp_path) if p.code.startswith("FUNC5")] == []


def test_connection_omitted_uses_azure_web_jobs_storage(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({"FUNCTIONS_WORKER_RUNTIME": "python"}),
            "Fn/function.json": function_json(HTTP, RETURN, _queue()),
        },
    )
    problem = only(problems(tmp_path, "FUNC511"))
    assert "'AzureWebJobsStorage'" in problem.message
    assert "AzureWebJobsAzureWebJobs" not in problem.message
    assert text_under(problem) == '"queue"'


def test_missing_connection_warns_with_a_fix(tmp_path: Path) -> None:
    make_app(
        tmp_path, {"Fn/function.json": function_json(HTTP, RETURN, _queue(connection="Orders"))}
    )
    problem = only(problems(tmp_path, "FUNC511"))
    assert problem.severity.name == "WARNING"
    assert text_under(problem) == "Orders"
    assert (
        "'AzureWebJobsOrders', 'Orders'" in problem.message and "'Orders__...'" in problem.message
    )
    apply_fix(fix_titled(problem, "Add 'Orders'"))
    values = json.loads((tmp_path / "local.settings.json").read_text())["Values"]
    assert values["Orders"] == ""
    # the added setting is empty: now the empty-value warning says to fill it in
    problem = only(problems(tmp_path, "FUNC512"))
    assert "empty value" in problem.message
    assert problem.related[0].location.path.endswith("local.settings.json")


def test_add_setting_fix_creates_values(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": '{\n  "IsEncrypted": false\n}\n',
            "Fn/function.json": function_json(HTTP, RETURN, _queue(connection="Orders")),
        },
    )
    problem = only(problems(tmp_path, "FUNC511"))
    apply_fix(fix_titled(problem, "Add 'Orders'"))
    text = (tmp_path / "local.settings.json").read_text()
    assert json.loads(text) == {"IsEncrypted": False, "Values": {"Orders": ""}}
    assert '\n  "Values": {\n    "Orders": ""\n  }\n}' in text


def test_connection_strings_section(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local(BASE, ConnectionStrings={"Orders": "x"}),
            "Fn/function.json": function_json(HTTP, RETURN, _queue(connection="Orders")),
        },
    )
    assert problems(tmp_path, "FUNC511") == []
    problem = only(problems(tmp_path, "FUNC515"))
    assert problem.severity.name == "INFORMATION"


def test_no_local_settings_no_setting_problems(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": None,
            "Fn/function.json": function_json(HTTP, RETURN, _queue(connection="X")),
        },
    )
    found = analyse(tmp_path)
    assert [p.code for items in found.values() for p in items if p.code.startswith("FUNC51")] == []
    assert [p.code for p in found["host.json"] if p.code == "FUNC500"] == ["FUNC500"]


# -- %Setting% -------------------------------------------------------------------------------------
def test_percent_setting_missing_is_an_error(tmp_path: Path) -> None:
    make_app(
        tmp_path, {"Fn/function.json": function_json(HTTP, RETURN, _queue(queueName="%QueueName%"))}
    )
    problem = only(problems(tmp_path, "FUNC510"))
    assert problem.severity.name == "ERROR"
    assert text_under(problem) == "QueueName"
    apply_fix(fix_titled(problem, "Add 'QueueName'"))
    problem = only(problems(tmp_path, "FUNC510"))
    assert "empty value" in problem.message and "Fill it in" in problem.message


def test_percent_setting_defined_passes(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({**BASE, "QueueName": "items"}),
            "Fn/function.json": function_json(HTTP, RETURN, _queue(queueName="%QueueName%")),
        },
    )
    assert [p.code for p in problems(tmp_path) if p.code.startswith("FUNC5")] == []


def test_percent_in_name_property(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({**BASE, "Orders": "x"}),
            "Fn/function.json": function_json(HTTP, RETURN, _queue(connection="%Orders%")),
        },
    )
    problem = only(problems(tmp_path, "FUNC514"))
    apply_fix(fix_titled(problem, "Change to 'Orders'"))
    assert [p.code for p in problems(tmp_path) if p.code.startswith("FUNC5")] == []


# -- secrets ---------------------------------------------------------------------------------------
SECRET = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"


def test_secret_in_connection_is_reported_without_echo(tmp_path: Path) -> None:
    make_app(tmp_path, {"Fn/function.json": function_json(HTTP, RETURN, _queue(connection=SECRET))})
    problem = only(problems(tmp_path, "FUNC513"))
    assert "c2VjcmV0" not in problem.message and "acct" not in problem.message
    assert "connection string" in problem.message
    apply_fix(fix_titled(problem, "Move the value to local.settings.json as 'StorageConnection'"))
    fn = json.loads((tmp_path / "Fn/function.json").read_text())
    assert fn["bindings"][2]["connection"] == "StorageConnection"
    values = json.loads((tmp_path / "local.settings.json").read_text())["Values"]
    assert values["StorageConnection"] == SECRET
    assert [p.code for p in problems(tmp_path) if p.code.startswith("FUNC5")] == []


def test_endpoint_url_in_connection(tmp_path: Path) -> None:
    url = "https://acct.queue.core.windows.net"
    make_app(tmp_path, {"Fn/function.json": function_json(HTTP, RETURN, _queue(connection=url))})
    problem = only(problems(tmp_path, "FUNC513"))
    assert "endpoint URL" in problem.message and "__serviceUri" in problem.message
    assert url not in problem.message


# -- AzureWebJobsStorage (C-08) --------------------------------------------------------------------
def test_storage_required_for_queue_trigger(tmp_path: Path) -> None:
    trigger = {
        "type": "queueTrigger",
        "direction": "in",
        "name": "msg",
        "queueName": "q",
        "connection": "Q",
    }
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({"FUNCTIONS_WORKER_RUNTIME": "python", "Q": "x"}),
            "Fn/function.json": function_json(trigger),
        },
    )
    problem = only(problems(tmp_path, "FUNC516"))
    assert text_under(problem) == '"Values"'
    assert "queueTrigger of function 'Fn'" in problem.message
    apply_fix(problem.fixes[0])
    assert problems(tmp_path, "FUNC516") == []


def test_empty_storage_value(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *"}
    make_app(
        tmp_path,
        {
            "local.settings.json": _local(
                {"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsStorage": ""}
            ),
            "Fn/function.json": function_json(timer),
        },
    )
    problem = only(problems(tmp_path, "FUNC516"))
    assert text_under(problem) == '"AzureWebJobsStorage"'
    apply_fix(problem.fixes[0])
    values = json.loads((tmp_path / "local.settings.json").read_text())["Values"]
    assert values["AzureWebJobsStorage"] == "UseDevelopmentStorage=true"


@pytest.mark.parametrize(
    "trigger",
    [
        {"type": "httpTrigger", "direction": "in", "name": "req"},
        {"type": "orchestrationTrigger", "direction": "in", "name": "context"},
    ],
)
def test_storage_not_required_for_http_and_durable(tmp_path: Path, trigger: dict[str, str]) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({"FUNCTIONS_WORKER_RUNTIME": "python"}),
            "Fn/function.json": function_json(trigger),
        },
    )
    assert problems(tmp_path, "FUNC516") == []


ORCHESTRATOR = {"type": "orchestrationTrigger", "direction": "in", "name": "context"}
STARTER = [
    {"type": "httpTrigger", "direction": "in", "name": "req"},
    {"type": "http", "direction": "out", "name": "$return"},
    {"type": "durableClient", "direction": "in", "name": "starter"},
]


@pytest.mark.parametrize("storage", [None, ""])
def test_durable_functions_without_storage_is_an_error(tmp_path: Path, storage: str | None) -> None:
    values = {"FUNCTIONS_WORKER_RUNTIME": "python"}
    if storage is not None:
        values["AzureWebJobsStorage"] = storage
    make_app(
        tmp_path,
        {
            "local.settings.json": _local(values),
            "Orch/function.json": function_json(ORCHESTRATOR),
            "Start/function.json": function_json(*STARTER),
        },
    )
    problem = only(problems(tmp_path, "FUNC518"))
    assert problem.severity.name == "ERROR"
    assert "Unable to resolve the Azure Storage connection named 'Storage'" in problem.message
    assert "empty" in problem.message if storage == "" else "not defined" in problem.message
    assert problems(tmp_path, "FUNC516") == []
    apply_fix(problem.fixes[0])
    assert problems(tmp_path, "FUNC518") == []
    values = json.loads((tmp_path / "local.settings.json").read_text())["Values"]
    assert values["AzureWebJobsStorage"] == "UseDevelopmentStorage=true"


@pytest.mark.parametrize(
    "provider",
    [
        {"type": "mssql", "connectionStringName": "SQLDB_Connection"},
        {"type": "netherite"},
        {"type": "azureManaged", "connectionStringName": "DTS"},
        {"connectionName": "OtherStorage"},
    ],
)
def test_durable_with_another_storage_provider_passes(tmp_path: Path, provider: dict) -> None:
    host = json.loads(GOOD_HOST)
    host["extensions"] = {"durableTask": {"storageProvider": provider}}
    make_app(
        tmp_path,
        {
            "host.json": json.dumps(host),
            "local.settings.json": _local({"FUNCTIONS_WORKER_RUNTIME": "python"}),
            "Orch/function.json": function_json(ORCHESTRATOR),
        },
    )
    assert problems(tmp_path, "FUNC518") == []


def test_durable_with_storage_defined_passes(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local(
                {"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsStorage__accountName": "a"}
            ),
            "Orch/function.json": function_json(ORCHESTRATOR),
        },
    )
    assert problems(tmp_path, "FUNC518") == []


def test_identity_storage_satisfies_c08(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *"}
    make_app(
        tmp_path,
        {
            "local.settings.json": _local(
                {"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsStorage__accountName": "acct"}
            ),
            "Fn/function.json": function_json(timer),
        },
    )
    assert problems(tmp_path, "FUNC516") == []


# -- %Setting% in properties the extensions resolve (their attributes) ------------------------------
@pytest.mark.parametrize(
    ("binding", "key"),
    [
        (
            {"type": "twilioSms", "direction": "out", "name": "sms", "from": "%TwilioFrom%"},
            "TwilioFrom",
        ),
        (
            {"type": "durableClient", "direction": "in", "name": "client", "taskHub": "%Hub%"},
            "Hub",
        ),
        (
            {"type": "sql", "direction": "in", "name": "rows", "commandText": "%Query%"},
            "Query",
        ),
    ],
)
def test_percent_setting_in_auto_resolved_properties(
    tmp_path: Path, binding: dict[str, str], key: str
) -> None:
    make_app(
        tmp_path,
        {
            "local.settings.json": _local(BASE),
            "Fn/function.json": function_json(HTTP, RETURN, binding),
        },
    )
    problem = only(problems(tmp_path, "FUNC510"))
    assert text_under(problem) == key


def test_setting_only_properties_resolve_settings_but_not_tokens(tmp_path: Path) -> None:
    trigger = {
        "type": "cosmosDBTrigger",
        "direction": "in",
        "name": "docs",
        "connection": "Cosmos",
        "databaseName": "db",
        "containerName": "items",
        "leaseContainerName": "%Leases%",
        "leaseContainerPrefix": "{not-a-token",
    }
    make_app(
        tmp_path,
        {
            "local.settings.json": _local({**BASE, "Cosmos": "AccountEndpoint=x"}),
            "Fn/function.json": function_json(trigger),
        },
    )
    assert [text_under(p) for p in problems(tmp_path, "FUNC510")] == ["Leases"]
    assert problems(tmp_path, "FUNC139") == []  # braces are literal there


# -- the index never holds values ------------------------------------------------------------------
def test_settings_index_exposes_no_values(tmp_path: Path) -> None:
    make_app(tmp_path, {"local.settings.json": _local({**BASE, "Secret": "hunter2"})})
    index = settings_index(Workspace(), str(tmp_path))
    resolution = index.resolve_setting("secret")
    assert resolution.resolved and resolution.definition is not None
    assert resolution.definition.key == "Secret"
    assert "hunter2" not in repr(index.entries()) and "hunter2" not in repr(resolution)


@pytest.mark.parametrize(
    ("broker", "codes"),
    [
        ("localhost:9092", []),
        ("b1.example.net:9093,b2.example.net:9093", []),
        ("%Brokers%", ["FUNC510"]),
        ("Brokers", ["FUNC511"]),
    ],
)
def test_kafka_broker_list_literal_or_setting(
    tmp_path: Path, broker: str, codes: list[str]
) -> None:
    trigger = {
        "type": "kafkaTrigger",
        "direction": "in",
        "name": "event",
        "topic": "t",
        "brokerList": broker,
        "consumerGroup": "g",
    }
    make_app(tmp_path, {"Fn/function.json": function_json(trigger)})
    assert sorted(p.code for p in problems(tmp_path) if p.code.startswith("FUNC51")) == codes


def test_missing_setting_follows_edits_of_local_settings(tmp_path: Path) -> None:
    from funcls.core.engine import Analyzer

    make_app(
        tmp_path, {"Fn/function.json": function_json(HTTP, RETURN, _queue(connection="Orders"))}
    )
    workspace = Workspace()
    analyzer = Analyzer(workspace)
    fn_path = str(tmp_path / "Fn" / "function.json")
    local_path = str(tmp_path / "local.settings.json")

    def codes() -> list[str]:
        return [p.code for p in analyzer.problems_for_file(fn_path) if p.code.startswith("FUNC51")]

    assert codes() == ["FUNC511"]
    workspace.sources.set_open(local_path, 1, _local({**BASE, "Orders": "x"}))
    assert codes() == []
    workspace.sources.set_open(local_path, 2, _local({**BASE, "Orders": ""}))
    assert codes() == ["FUNC512"]
    workspace.sources.close(local_path)
    assert codes() == ["FUNC511"]
