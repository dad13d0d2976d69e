"""function.json load-time rules: names, triggers, directions, types, bundles, scripts, retry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from semantics.helpers import (
    GOOD_HOST,
    SCRIPT,
    apply_fix,
    fix_titled,
    function_json,
    make_app,
    only,
    problems,
    text_under,
)

HTTP = {"type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous"}
RETURN = {"type": "http", "direction": "out", "name": "$return"}
QUEUE_OUT = {"type": "queue", "direction": "out", "name": "msg", "queueName": "items"}


def _app(
    tmp_path: Path, *bindings: dict[str, object], host: str = GOOD_HOST, **top: object
) -> Path:
    return make_app(
        tmp_path, {"host.json": host, "Fn/function.json": function_json(*bindings, **top)}
    )


def _host(version: str | None) -> str:
    host: dict[str, object] = {"version": "2.0"}
    if version is not None:
        host["extensionBundle"] = {
            "id": "Microsoft.Azure.Functions.ExtensionBundle",
            "version": version,
        }
    return json.dumps(host, indent=2)


# -- names -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["req", "Req2", "_private", "hello_city", "$return"])
def test_valid_current_host_names(tmp_path: Path, name: str) -> None:
    binding = dict(QUEUE_OUT, name=name)
    _app(tmp_path, HTTP, binding)
    assert problems(tmp_path, "FUNC110") == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("my__name", "double underscore"),
        ("1st", "must start with a letter"),
        ("my-name", "'-'"),
        ("x" * 129, "longer than 128"),
    ],
)
def test_invalid_names(tmp_path: Path, name: str, reason: str) -> None:
    _app(tmp_path, HTTP, dict(QUEUE_OUT, name=name))
    problem = only(problems(tmp_path, "FUNC110"))
    assert reason in problem.message
    assert f"'{name}'" in problem.message
    assert text_under(problem) == json.dumps(name)


def test_return_casing(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, dict(RETURN, name="$Return"))
    problem = only(problems(tmp_path, "FUNC110"))
    apply_fix(fix_titled(problem, "Change to '$return'"))
    assert problems(tmp_path, "FUNC110") == []


def test_underscore_names_warn_for_older_hosts(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, dict(QUEUE_OUT, name="hello_city"))
    problem = only(problems(tmp_path, "FUNC111"))
    assert "4.1038" in problem.message and "'helloCity'" in problem.message
    assert text_under(problem) == '"hello_city"'


def test_duplicate_names_ignore_case_and_point_to_the_first(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, dict(QUEUE_OUT, name="Req"))
    problem = only(problems(tmp_path, "FUNC112"))
    assert text_under(problem) == '"Req"'
    assert "'Req'" in problem.message and "the first is 'req'" in problem.message
    related = problem.related[0].location
    text = Path(related.path).read_text()
    assert text[related.span.start : related.span.end] == '"req"'


# -- triggers and directions -----------------------------------------------------------------------
def test_two_triggers(tmp_path: Path) -> None:
    queue = {"type": "queueTrigger", "direction": "in", "name": "msg", "queueName": "items"}
    _app(tmp_path, HTTP, queue)
    problem = only(problems(tmp_path, "FUNC113"))
    assert text_under(problem) == '"queueTrigger"'
    assert "'httpTrigger' ('req')" in problem.message


def test_no_trigger(tmp_path: Path) -> None:
    _app(tmp_path, QUEUE_OUT)
    problem = only(problems(tmp_path, "FUNC114"))
    assert text_under(problem) == '"bindings"'
    assert "No trigger binding in function 'Fn'" in problem.message


def test_trigger_declared_out_has_a_fix(tmp_path: Path) -> None:
    _app(tmp_path, dict(HTTP, direction="out"), RETURN)
    problem = only(problems(tmp_path, "FUNC114"))
    assert text_under(problem) == '"out"'
    apply_fix(fix_titled(problem, "Change direction to 'in'"))
    assert problems(tmp_path, "FUNC114") == []


def test_return_must_be_out(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, dict(QUEUE_OUT, name="$return", direction="in"))
    problem = only(problems(tmp_path, "FUNC115"))
    assert text_under(problem) == '"in"'
    apply_fix(problem.fixes[0])
    assert problems(tmp_path, "FUNC115") == []


def test_inout_is_not_supported(tmp_path: Path) -> None:
    blob = {"type": "blob", "direction": "inout", "name": "doc", "path": "c/b.txt"}
    _app(tmp_path, HTTP, RETURN, blob)
    problem = only(problems(tmp_path, "FUNC116"))
    assert "'doc'" in problem.message
    assert text_under(problem) == '"inout"'


# -- types and bundles -----------------------------------------------------------------------------
def test_type_casing_is_a_warning_with_a_fix(tmp_path: Path) -> None:
    # the function loads (generic binding); an annotation it then refuses is FUNC217
    _app(tmp_path, dict(HTTP, type="HttpTrigger"), RETURN)
    problem = only(problems(tmp_path, "FUNC118"))
    assert problem.severity.name == "WARNING"
    assert text_under(problem) == '"HttpTrigger"'
    assert "generic binding" in problem.message
    apply_fix(fix_titled(problem, "Change to 'httpTrigger'"))
    assert problems(tmp_path, "FUNC118") == []


def test_converters_are_the_installed_librarys(tmp_path: Path) -> None:
    # azure-functions registers an mcpPromptTrigger converter (a hand-kept list once missed it)
    from funcls.core.knowledge import converters

    assert "mcpPromptTrigger" in converters.known_types()
    prompt = {"type": "McpPromptTrigger", "direction": "in", "name": "context"}
    _app(tmp_path, prompt, host=_host("[4.*, 5.0.0)"))
    problem = only(problems(tmp_path, "FUNC118"))
    assert "the mcpPromptTrigger converter" in problem.message


def test_casing_of_types_without_converter_is_a_hint(tmp_path: Path) -> None:
    table = {"type": "Table", "direction": "in", "name": "row", "tableName": "people"}
    _app(tmp_path, HTTP, RETURN, table)
    assert problems(tmp_path, "FUNC118") == []
    assert only(problems(tmp_path, "FUNC119")).severity.name == "HINT"


def test_accepted_alias_spelling(tmp_path: Path) -> None:
    rabbit = {"type": "RabbitMQTrigger", "direction": "in", "name": "msg", "queueName": "q"}
    _app(tmp_path, rabbit)
    assert problems(tmp_path, "FUNC118") + problems(tmp_path, "FUNC119") == []


def test_typo_suggests_the_type(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, RETURN, dict(QUEUE_OUT, type="queu"))
    problem = only(problems(tmp_path, "FUNC117"))
    assert "Did you mean 'queue'?" in problem.message
    apply_fix(fix_titled(problem, "Change to 'queue'"))
    assert problems(tmp_path, "FUNC117") == []


def test_unknown_type_with_bundle_is_a_warning(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, RETURN, dict(QUEUE_OUT, type="zorbleOutput"))
    assert problems(tmp_path, "FUNC117") == []
    assert "zorbleOutput" in only(problems(tmp_path, "FUNC126")).message


def test_bundle_only_type_without_bundle(tmp_path: Path) -> None:
    _app(tmp_path, HTTP, RETURN, QUEUE_OUT, host=_host(None))
    problem = only(problems(tmp_path, "FUNC120"))
    assert "host.json declares no extensionBundle" in problem.message
    assert "'msg'" in problem.message
    apply_fix(fix_titled(problem, "Add extensionBundle"))
    host = json.loads((tmp_path / "host.json").read_text())
    assert host["extensionBundle"]["version"] == "[4.*, 5.0.0)"
    assert problems(tmp_path, "FUNC120") == []


def test_built_in_types_need_no_bundle(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *"}
    _app(tmp_path, timer, host=_host(None))
    assert problems(tmp_path, "FUNC120") == []


def test_type_needing_a_newer_bundle(tmp_path: Path) -> None:
    sql = {
        "type": "sql",
        "direction": "out",
        "name": "row",
        "commandText": "dbo.T",
        "connectionStringSetting": "SqlConn",
    }
    _app(tmp_path, HTTP, RETURN, sql, host=_host("[3.*, 4.0.0)"))
    problem = only(problems(tmp_path, "FUNC120"))
    assert "needs extension bundle 4.x" in problem.message
    assert problem.related and problem.related[0].location.path.endswith("host.json")
    apply_fix(fix_titled(problem, "Use extension bundle"))
    assert problems(tmp_path, "FUNC120") == []


def test_preview_only_type_with_main_bundle(tmp_path: Path) -> None:
    kusto = {
        "type": "kusto",
        "direction": "in",
        "name": "rows",
        "database": "db",
        "kqlCommand": "T",
        "connection": "KustoConn",
    }
    _app(tmp_path, HTTP, RETURN, kusto)
    assert "ExtensionBundle.Preview" in only(problems(tmp_path, "FUNC120")).message


def _bundle_host(bundle_id: str, version: str) -> str:
    return json.dumps({"version": "2.0", "extensionBundle": {"id": bundle_id, "version": version}})


QUEUE_TRIGGER = {"type": "queueTrigger", "direction": "in", "name": "msg", "queueName": "q"}
TABLE_IN = {"type": "table", "direction": "in", "name": "rows", "tableName": "Items"}
WEB_PUBSUB_OUT = {"type": "webPubSub", "direction": "out", "name": "actions", "hub": "h"}


def test_experimental_bundle_provides_the_main_types(tmp_path: Path) -> None:
    host = _bundle_host("Microsoft.Azure.Functions.ExtensionBundle.Experimental", "[4.*, 5.0.0)")
    _app(tmp_path, QUEUE_TRIGGER, host=host)
    assert problems(tmp_path, "FUNC120") == []


def test_preview_bundle_has_no_table_extension(tmp_path: Path) -> None:
    host = _bundle_host("Microsoft.Azure.Functions.ExtensionBundle.Preview", "[4.*, 5.0.0)")
    _app(tmp_path, QUEUE_TRIGGER, TABLE_IN, host=host)
    problem = only(problems(tmp_path, "FUNC120"))
    assert "'table'" in problem.message


def test_web_pubsub_is_in_bundle_3(tmp_path: Path) -> None:
    _app(tmp_path, QUEUE_TRIGGER, WEB_PUBSUB_OUT, host=_host("[3.*, 4.0.0)"))
    assert problems(tmp_path, "FUNC120") == []


def test_runtime_1_type_gets_a_rename(tmp_path: Path) -> None:
    doc = {
        "type": "documentDB",
        "direction": "in",
        "name": "doc",
        "databaseName": "d",
        "collectionName": "c",
        "connection": "C",
    }
    _app(tmp_path, HTTP, RETURN, doc)
    problem = only(problems(tmp_path, "FUNC120"))
    assert "runtime 1.x" in problem.message.lower()
    assert fix_titled(problem, "Change to 'cosmosDB'")


def test_legacy_durable_client_name(tmp_path: Path) -> None:
    client = {"type": "orchestrationClient", "direction": "in", "name": "starter"}
    _app(tmp_path, HTTP, RETURN, client)
    problem = only(problems(tmp_path, "FUNC121"))
    assert fix_titled(problem, "Change to 'durableClient'")


COSMOS_V3 = {
    "type": "cosmosDBTrigger",
    "direction": "in",
    "name": "docs",
    "connectionStringSetting": "CosmosConn",
    "databaseName": "db",
    "collectionName": "items",
    "leaseCollectionName": "leases",
}
COSMOS_V4 = {
    "type": "cosmosDBTrigger",
    "direction": "in",
    "name": "docs",
    "connection": "CosmosConn",
    "databaseName": "db",
    "containerName": "items",
    "leaseContainerName": "leases",
}


def _renamed(root: Path) -> list[tuple[str, str]]:
    """(code, key under the span) of every rename problem, in text order."""
    found = problems(root, "FUNC122") + problems(root, "FUNC127")
    return sorted(((p.code, text_under(p)) for p in found), key=lambda c: c[1])


def test_cosmos_v3_names_with_bundle_4_are_renamed(tmp_path: Path) -> None:
    _app(tmp_path, COSMOS_V3)
    assert _renamed(tmp_path) == [
        ("FUNC122", '"collectionName"'),
        ("FUNC127", '"connectionStringSetting"'),
        ("FUNC127", '"leaseCollectionName"'),
    ]
    error = only(problems(tmp_path, "FUNC122"))
    assert "reads 'containerName'" in error.message
    assert "Can't figure out which ctor to call" in error.message
    ignored = {text_under(p): p for p in problems(tmp_path, "FUNC127")}
    assert (
        "the default lease container 'leases' applies" in ignored['"leaseCollectionName"'].message
    )
    found = problems(tmp_path, "FUNC122") + problems(tmp_path, "FUNC127")
    for problem in sorted(found, key=lambda p: -p.span.start):  # back to front
        apply_fix(fix_titled(problem, "Rename to"))
    assert _renamed(tmp_path) == []
    data = json.loads((tmp_path / "Fn/function.json").read_text())["bindings"][0]
    assert data == dict(COSMOS_V4)


def test_cosmos_v4_names_with_bundle_3(tmp_path: Path) -> None:
    _app(tmp_path, COSMOS_V4, host=_host("[3.*, 4.0.0)"))
    assert _renamed(tmp_path) == [
        ("FUNC127", '"connection"'),
        ("FUNC122", '"containerName"'),
        ("FUNC127", '"leaseContainerName"'),
    ]
    error = only(problems(tmp_path, "FUNC122"))
    assert "reads 'collectionName'" in error.message
    assert "Cosmos DB extension 3.x" in error.message


def test_cosmos_output_v3_container_name_fails_every_invocation(tmp_path: Path) -> None:
    out = {
        "type": "cosmosDB",
        "direction": "out",
        "name": "doc",
        "databaseName": "db",
        "collectionName": "items",
        "connection": "CosmosConn",
    }
    _app(tmp_path, HTTP, RETURN, out)
    problem = only(problems(tmp_path, "FUNC122"))
    assert "every invocation" in problem.message


def test_twilio_setting_names_are_right_under_every_bundle(tmp_path: Path) -> None:
    sms = {
        "type": "twilioSms",
        "direction": "out",
        "name": "msg",
        "accountSidSetting": "TwilioSid",
        "authTokenSetting": "TwilioToken",
        "from": "+15555550100",
    }
    for version in ("[2.*, 3.0.0)", "[3.*, 4.0.0)", "[4.*, 5.0.0)"):
        root = tmp_path / version[1]
        _app(root, HTTP, RETURN, sms, host=_host(version))
        assert _renamed(root) == [], version


def test_twilio_runtime_1_names_are_ignored_not_errors(tmp_path: Path) -> None:
    sms = {
        "type": "twilioSms",
        "direction": "out",
        "name": "msg",
        "accountSid": "TwilioSid",
        "authToken": "TwilioToken",
    }
    _app(tmp_path, HTTP, RETURN, sms, host=_host("[2.*, 3.0.0)"))
    assert _renamed(tmp_path) == [("FUNC127", '"accountSid"'), ("FUNC127", '"authToken"')]
    first = problems(tmp_path, "FUNC127")[0]
    assert "runtime 1.x name of 'accountSidSetting'" in first.message
    assert "AzureWebJobsTwilioAccountSid" in first.message
    assert "Cosmos" not in first.message


def test_event_hub_path_is_the_runtime_1_name(tmp_path: Path) -> None:
    hub = {
        "type": "eventHubTrigger",
        "direction": "in",
        "name": "event",
        "path": "hub",
        "connection": "HubConn",
    }
    _app(tmp_path, hub)
    problem = only(problems(tmp_path, "FUNC122"))
    assert "runtime 1.x name of 'eventHubName'" in problem.message
    assert "Cosmos" not in problem.message
    other = tmp_path / "v3"
    new = {k: v for k, v in hub.items() if k != "path"} | {"eventHubName": "hub"}
    _app(other, new, host=_host("[3.*, 4.0.0)"))
    assert _renamed(other) == []
    both = tmp_path / "both"
    _app(both, hub | {"eventHubName": "hub"})
    assert _renamed(both) == [("FUNC127", '"path"')]


def test_cosmos_names_matching_the_bundle_pass(tmp_path: Path) -> None:
    _app(tmp_path, COSMOS_V4)
    assert problems(tmp_path, "FUNC122") == []
    other = tmp_path / "other"
    _app(other, COSMOS_V3, host=_host("[3.*, 4.0.0)"))
    assert problems(other, "FUNC122") == []


# -- scripts ---------------------------------------------------------------------------------------
def test_script_file_missing_suggests_existing(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Fn/function.json": function_json(HTTP, RETURN, scriptFile="mian.py"),
            "Fn/main.py": SCRIPT,
        },
    )
    problem = only(problems(tmp_path, "FUNC123"))
    assert text_under(problem) == '"mian.py"'
    apply_fix(fix_titled(problem, "Change to 'main.py'"))
    assert problems(tmp_path, "FUNC123") == []


def test_relative_script_file_outside_the_folder(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Fn/function.json": function_json(HTTP, RETURN, scriptFile="../shared/app.py"),
            "shared/app.py": SCRIPT,
        },
    )
    assert problems(tmp_path, "FUNC123") == []


def test_entry_script_cannot_be_determined(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Fn/function.json": function_json(HTTP, RETURN),
            "Fn/handler.py": SCRIPT,
            "Fn/readme.md": "notes\n",
        },
    )
    problem = only(problems(tmp_path, "FUNC124"))
    assert "'handler.py', 'readme.md'" in problem.message
    apply_fix(fix_titled(problem, 'Set "scriptFile"'))
    assert problems(tmp_path, "FUNC124") == []


@pytest.mark.parametrize("files", [{"Fn/handler.py": SCRIPT}, {"Fn/run.py": SCRIPT, "Fn/x.py": ""}])
def test_host_picks_the_only_file_or_run(tmp_path: Path, files: dict[str, str]) -> None:
    make_app(tmp_path, {"Fn/function.json": function_json(HTTP, RETURN), **files})
    assert problems(tmp_path, "FUNC124") == []


# -- retry -----------------------------------------------------------------------------------------
def test_retry_minimum_above_maximum(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *"}
    retry = {
        "strategy": "exponentialBackoff",
        "maxRetryCount": 3,
        "minimumInterval": "00:10:00",
        "maximumInterval": "00:01:00",
    }
    _app(tmp_path, timer, retry=retry)
    problem = only(problems(tmp_path, "FUNC125"))
    assert text_under(problem) == '"00:10:00"'


def test_good_retry_passes(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *"}
    retry = {"strategy": "fixedDelay", "maxRetryCount": 3, "delayInterval": "00:00:10"}
    _app(tmp_path, timer, retry=retry)
    assert problems(tmp_path, "FUNC125") == []


def test_cosmos_v3_only_properties_are_fine_under_bundle_3(tmp_path: Path) -> None:
    binding = dict(COSMOS_V3, checkpointInterval=5000)
    _app(tmp_path, binding, host=_host("[3.*, 4.0.0)"))
    assert problems(tmp_path, "FUNC015") == []
    other = tmp_path / "other"
    _app(other, dict(COSMOS_V4, checkpointInterval=5000))
    assert text_under(only(problems(other, "FUNC015"))) == '"checkpointInterval"'
