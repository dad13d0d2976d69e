"""Checks of the JSON Schemas in schemas/: well-formedness, the conventions the
server relies on (x- keywords, docs on every key, one definition per binding
type), and their behaviour on realistic valid and invalid documents."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

FUNCTION = "function.json.schema.json"
HOST = "host.json.schema.json"
LOCAL = "local.settings.json.schema.json"

# Every binding type of the binding catalog, in canonical spelling.
# fmt: off
BINDING_TYPES = (
    "httpTrigger", "http", "timerTrigger",
    "blobTrigger", "blob", "queueTrigger", "queue", "table",
    "serviceBusTrigger", "serviceBus", "eventHubTrigger", "eventHub",
    "eventGridTrigger", "eventGrid",
    "cosmosDBTrigger", "cosmosDB", "documentDB",
    "orchestrationTrigger", "activityTrigger", "entityTrigger",
    "durableClient", "orchestrationClient",
    "signalRConnectionInfo", "signalR", "signalRTrigger",
    "webPubSubTrigger", "webPubSub", "webPubSubConnection", "webPubSubContext",
    "sendGrid", "twilioSms", "notificationHub", "mobileTable", "manualTrigger",
    "kafkaTrigger", "kafka", "rabbitMQTrigger", "rabbitMQ",
    "sql", "sqlTrigger", "mysql", "mysqlTrigger", "kusto",
    "daprServiceInvocationTrigger", "daprBindingTrigger", "daprTopicTrigger", "daprState",
    "daprSecret", "daprInvoke", "daprPublish", "daprBinding",
    "redisPubSubTrigger", "redisListTrigger", "redisStreamTrigger", "redis",
    "textCompletion", "assistantCreate", "assistantQuery", "assistantPost",
    "embeddings", "embeddingsStore", "semanticSearch", "assistantSkillTrigger",
    "mcpToolTrigger", "warmupTrigger", "authenticationEventsTrigger",
)
# fmt: on

BUILT_IN = {"httpTrigger", "http", "timerTrigger", "warmupTrigger"}
LEGACY_TYPES = {"documentDB", "notificationHub", "mobileTable", "manualTrigger"}
HTTP_TRIGGER = {"type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "function"}


def load(name: str) -> dict[str, Any]:
    with open(SCHEMA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def fschema() -> dict[str, Any]:
    return load(FUNCTION)


@pytest.fixture(scope="module")
def fvalidator(fschema: dict[str, Any]) -> Draft7Validator:
    return Draft7Validator(fschema)


@pytest.fixture(scope="module")
def hvalidator() -> Draft7Validator:
    return Draft7Validator(load(HOST))


@pytest.fixture(scope="module")
def lvalidator() -> Draft7Validator:
    return Draft7Validator(load(LOCAL))


def errors(validator: Draft7Validator, doc: Any) -> set[tuple[tuple[Any, ...], str]]:
    return {(tuple(e.absolute_path), e.validator) for e in validator.iter_errors(doc)}


def iter_property_maps(node: Any, where: str = "#"):
    """Yield (pointer, name, subschema) for every entry of every `properties` map
    (the `properties` of `if` conditions are tests, not documented keys)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    yield f"{where}/properties/{name}", name, sub
                    yield from iter_property_maps(sub, f"{where}/properties/{name}")
            elif key not in ("if", "x-snippets", "examples", "default", "enum", "const"):
                yield from iter_property_maps(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from iter_property_maps(value, f"{where}/{i}")


# ---------------------------------------------------------------- all three schemas


@pytest.mark.parametrize("name", [FUNCTION, HOST, LOCAL])
def test_valid_under_declared_metaschema(name: str) -> None:
    schema = load(name)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    cls = validator_for(schema)
    assert cls is Draft7Validator
    cls.check_schema(schema)


@pytest.mark.parametrize(
    ("name", "urn"),
    [
        (FUNCTION, "urn:funcls:schema:function.json"),
        (HOST, "urn:funcls:schema:host.json"),
        (LOCAL, "urn:funcls:schema:local.settings.json"),
    ],
)
def test_ids_and_top_level(name: str, urn: str) -> None:
    schema = load(name)
    assert schema["$id"] == urn
    assert schema["title"] and schema["description"] and schema["markdownDescription"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("name", [FUNCTION, HOST, LOCAL])
def test_every_property_is_documented(name: str) -> None:
    missing = [
        pointer
        for pointer, _, sub in iter_property_maps(load(name))
        if not (isinstance(sub, dict) and sub.get("description") and sub.get("markdownDescription"))
    ]
    assert missing == []


@pytest.mark.parametrize("name", [FUNCTION, HOST, LOCAL])
def test_required_properties_are_declared(name: str) -> None:
    problems: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "required" in node and "properties" in node:
                problems.extend(
                    f"{where}: {req}" for req in node["required"] if req not in node["properties"]
                )
            for key, value in node.items():
                if key not in ("x-snippets", "examples", "default"):
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(load(name), "#")
    assert problems == []


@pytest.mark.parametrize("name", [FUNCTION, HOST, LOCAL])
def test_defaults_and_examples_match_their_schema(name: str) -> None:
    for pointer, _, sub in iter_property_maps(load(name)):
        if "$ref" in sub:
            continue
        check = {k: v for k, v in sub.items() if k not in ("default", "examples")}
        v = Draft7Validator(check)
        if "default" in sub:
            assert not list(v.iter_errors(sub["default"])), pointer
        for example in sub.get("examples", []):
            assert not list(v.iter_errors(example)), f"{pointer}: {example!r}"


# ---------------------------------------------------------------- function.json: structure


def test_top_level_function_properties(fschema: dict[str, Any]) -> None:
    props = fschema["properties"]
    assert fschema["required"] == ["bindings"]
    assert set(props) == {
        "$schema",
        "bindings",
        "scriptFile",
        "entryPoint",
        "disabled",
        "excluded",
        "configurationSource",
        "retry",
    }
    assert props["bindings"]["minItems"] == 1
    assert props["bindings"]["items"] == {"$ref": "#/definitions/binding"}
    assert props["configurationSource"]["enum"] == ["attributes", "config"]
    for legacy in ("disabled", "excluded"):
        assert props[legacy]["x-legacy"]
    retry = props["retry"]
    assert retry["properties"]["strategy"]["enum"] == ["exponentialBackoff", "fixedDelay"]
    assert retry["properties"]["maxRetryCount"]["minimum"] == -1
    assert "maxRetryCount" in retry["required"]


def test_binding_definition(fschema: dict[str, Any]) -> None:
    binding = fschema["definitions"]["binding"]
    assert binding["required"] == ["type", "direction", "name"]
    assert binding["properties"]["direction"]["enum"] == ["in", "out", "inout"]
    assert set(binding["properties"]["type"]["examples"]) == set(BINDING_TYPES)
    assert "additionalProperties" not in binding


def test_every_definition_is_documented(fschema: dict[str, Any]) -> None:
    for name, definition in fschema["definitions"].items():
        assert definition.get("description") and definition.get("markdownDescription"), name


@pytest.mark.parametrize(
    ("btype", "old", "new"),
    [
        ("eventHubTrigger", "path", "eventHubName"),
        ("eventHub", "path", "eventHubName"),
        ("twilioSms", "accountSid", "accountSidSetting"),
        ("twilioSms", "authToken", "authTokenSetting"),
    ],
)
def test_runtime_1x_property_names(fschema: dict[str, Any], btype: str, old: str, new: str) -> None:
    props = fschema["definitions"][btype]["properties"]
    assert props[old]["x-legacy"] and props[old]["x-renamedTo"] == new


def test_catalog_types_are_all_defined(fschema: dict[str, Any]) -> None:
    definitions = fschema["definitions"]
    assert len(BINDING_TYPES) == 66
    assert set(definitions) == set(BINDING_TYPES) | {"binding"}


def test_every_type_has_one_dispatch_entry(fschema: dict[str, Any]) -> None:
    dispatch: dict[str, str] = {}
    for entry in fschema["definitions"]["binding"]["allOf"]:
        assert entry["if"]["required"] == ["type"]
        const = entry["if"]["properties"]["type"]["const"]
        assert const not in dispatch
        dispatch[const] = entry["then"]["$ref"]
    assert dispatch == {t: f"#/definitions/{t}" for t in BINDING_TYPES}


@pytest.mark.parametrize("btype", BINDING_TYPES)
def test_type_definition_conventions(fschema: dict[str, Any], btype: str) -> None:
    d = fschema["definitions"][btype]
    props = d["properties"]
    assert d["type"] == "object"
    assert d["additionalProperties"] is False
    assert d["title"] and d["description"] and d["markdownDescription"]
    assert props["type"] == {**props["type"], "const": btype}
    directions = props["direction"]["enum"]
    assert directions and set(directions) <= {"in", "out"}
    assert {"type", "direction", "name", "dataType"} <= set(props)
    assert {"type", "direction", "name"} <= set(d["required"])
    assert d["x-trigger"] is btype.lower().endswith("trigger")
    if d["x-trigger"]:
        assert directions == ["in"]
    assert d["x-family"] and d["x-extension"]
    if btype in BUILT_IN:
        assert d["x-builtIn"] is True and "x-bundle" not in d
    else:
        assert "x-builtIn" not in d
        assert isinstance(d["x-bundle"]["ids"], list)
    if btype in LEGACY_TYPES:
        assert d["x-legacy"]
        assert d["x-bundle"]["ids"] == []
    for name, sub in props.items():
        if "x-appSetting" in sub:
            assert sub["x-appSetting"] in ("name", "name-or-expression"), name
        if "x-bindingExpressions" in sub:
            assert sub["x-bindingExpressions"] is True
        if "x-legacy" in sub:
            assert isinstance(sub["x-legacy"], str) and sub["x-legacy"].endswith("."), name
        if "x-renamedTo" in sub:
            assert sub["x-renamedTo"] in props and "x-legacy" not in props[sub["x-renamedTo"]], name
    snippets = d["x-snippets"]
    assert [s["direction"] for s in snippets] == directions
    assert all(s["label"] for s in snippets)


def test_trigger_only_and_output_only_directions(fschema: dict[str, Any]) -> None:
    defs = fschema["definitions"]
    assert defs["http"]["properties"]["direction"]["enum"] == ["out"]
    assert defs["queue"]["properties"]["direction"]["enum"] == ["out"]
    assert defs["blob"]["properties"]["direction"]["enum"] == ["in", "out"]
    assert defs["durableClient"]["properties"]["direction"]["enum"] == ["in"]


def test_http_methods_items(fschema: dict[str, Any]) -> None:
    methods = fschema["definitions"]["httpTrigger"]["properties"]["methods"]
    assert methods["type"] == "array"
    assert methods["uniqueItems"] is True
    assert methods["items"]["enum"][:8] == [
        "get",
        "post",
        "delete",
        "head",
        "patch",
        "put",
        "options",
        "trace",
    ]
    web_hook = fschema["definitions"]["httpTrigger"]["properties"]["webHookType"]
    assert web_hook["x-legacy"]


def test_enums_list_canonical_spellings_first(fschema: dict[str, Any]) -> None:
    """Alternate spellings (same value ignoring case) only follow the canonical ones."""

    def enums(node: Any):
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list):
                yield node["enum"]
            for value in node.values():
                yield from enums(value)
        elif isinstance(node, list):
            for value in node:
                yield from enums(value)

    for values in enums(fschema):
        seen: set[str] = set()
        alternate_started = False
        for value in values:
            folded = str(value).casefold()
            is_alternate = folded in seen
            assert not (alternate_started and not is_alternate), values
            alternate_started = alternate_started or is_alternate
            seen.add(folded)
    kafka = fschema["definitions"]["kafkaTrigger"]["properties"]["protocol"]["enum"]
    assert kafka[:5] == ["NotSet", "Plaintext", "Ssl", "SaslPlaintext", "SaslSsl"]
    assert {"saslSsl", "SASLSSL"} <= set(kafka)


def test_app_setting_and_expression_flags(fschema: dict[str, Any]) -> None:
    defs = fschema["definitions"]
    assert defs["blobTrigger"]["properties"]["connection"]["x-appSetting"] == "name"
    assert defs["sql"]["properties"]["connectionStringSetting"]["x-appSetting"] == "name"
    assert defs["sendGrid"]["properties"]["apiKey"]["x-appSetting"] == "name"
    assert defs["timerTrigger"]["properties"]["schedule"]["x-appSetting"] == "name-or-expression"
    assert defs["kafkaTrigger"]["properties"]["password"]["x-appSetting"] == "name-or-expression"
    assert defs["blob"]["properties"]["path"]["x-bindingExpressions"] is True
    assert defs["queue"]["properties"]["queueName"]["x-bindingExpressions"] is True
    assert "x-appSetting" not in defs["queue"]["properties"]["queueName"]


def test_required_follows_the_catalog(fschema: dict[str, Any]) -> None:
    defs = fschema["definitions"]
    assert "schedule" in defs["timerTrigger"]["required"]
    assert "path" in defs["blobTrigger"]["required"]
    assert "queueName" in defs["queueTrigger"]["required"]
    # conditional in the catalog: never in `required`
    for t, p in [
        ("serviceBusTrigger", "queueName"),
        ("serviceBusTrigger", "topicName"),
        ("serviceBus", "queueName"),
        ("sql", "commandType"),
        ("kusto", "kqlCommand"),
        ("kusto", "tableName"),
        ("eventGrid", "connection"),
    ]:
        assert p in defs[t]["properties"] and p not in defs[t]["required"], (t, p)


@pytest.mark.parametrize(
    ("btype", "renames"),
    [
        (
            "cosmosDBTrigger",
            {
                "connectionStringSetting": "connection",
                "collectionName": "containerName",
                "leaseCollectionName": "leaseContainerName",
                "leaseConnectionStringSetting": "leaseConnection",
                "createLeaseCollectionIfNotExists": "createLeaseContainerIfNotExists",
                "leasesCollectionThroughput": "leasesContainerThroughput",
                "leaseCollectionPrefix": "leaseContainerPrefix",
            },
        ),
        (
            "cosmosDB",
            {
                "connectionStringSetting": "connection",
                "collectionName": "containerName",
                "collectionThroughput": "containerThroughput",
            },
        ),
    ],
)
def test_cosmos_lists_both_property_sets(
    fschema: dict[str, Any], btype: str, renames: dict[str, str]
) -> None:
    d = fschema["definitions"][btype]
    for old, new in renames.items():
        assert d["properties"][old]["x-legacy"]
        assert d["properties"][old]["x-renamedTo"] == new
        assert "x-legacy" not in d["properties"][new]
        assert old not in d["required"] and new not in d["required"]
    assert d["required"] == ["type", "direction", "name", "databaseName"]
    assert d["properties"]["connectionStringSetting"]["x-appSetting"] == "name"


@pytest.mark.parametrize("btype", BINDING_TYPES)
def test_snippets_validate_in_a_realistic_document(
    fvalidator: Draft7Validator, fschema, btype: str
) -> None:
    d = fschema["definitions"][btype]
    for snippet in d["x-snippets"]:
        body = snippet["body"]
        assert body["type"] == btype and body["direction"] == snippet["direction"]
        bindings = [body] if d["x-trigger"] else [HTTP_TRIGGER, body]
        assert errors(fvalidator, {"bindings": bindings}) == set(), snippet["label"]


# ---------------------------------------------------------------- function.json: documents

VALID_FUNCTION_DOCS = {
    "http": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "authLevel": "function",
                "type": "httpTrigger",
                "direction": "in",
                "name": "req",
                "methods": ["get", "post"],
            },
            {"type": "http", "direction": "out", "name": "$return"},
        ],
    },
    "timer": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "name": "mytimer",
                "type": "timerTrigger",
                "direction": "in",
                "schedule": "0 */5 * * * *",
            }
        ],
    },
    "blob": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "name": "myblob",
                "type": "blobTrigger",
                "direction": "in",
                "path": "samples-workitems/{name}",
                "connection": "",
            },
        ],
    },
    "queue": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "name": "msg",
                "type": "queueTrigger",
                "direction": "in",
                "queueName": "myqueue-items",
                "connection": "",
            },
            {
                "name": "outmsg",
                "type": "queue",
                "direction": "out",
                "queueName": "outqueue",
                "connection": "",
            },
        ],
    },
    "service bus": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "name": "msg",
                "type": "serviceBusTrigger",
                "direction": "in",
                "queueName": "myqueue",
                "connection": "",
            },
        ],
    },
    "service bus topic": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "name": "msg",
                "type": "serviceBusTrigger",
                "direction": "in",
                "topicName": "mytopic",
                "subscriptionName": "mysubscription",
                "connection": "ServiceBusConnection",
            },
        ],
    },
    "event hub, cardinality many": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "type": "eventHubTrigger",
                "name": "events",
                "direction": "in",
                "eventHubName": "samples-workitems",
                "connection": "",
                "cardinality": "many",
                "consumerGroup": "$Default",
                "dataType": "binary",
            },
        ],
    },
    "event grid": {
        "scriptFile": "__init__.py",
        "bindings": [{"type": "eventGridTrigger", "name": "event", "direction": "in"}],
    },
    "cosmos DB trigger, 4.x names": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "type": "cosmosDBTrigger",
                "name": "documents",
                "direction": "in",
                "leaseContainerName": "leases",
                "connection": "",
                "databaseName": "",
                "containerName": "",
                "createLeaseContainerIfNotExists": True,
            },
        ],
    },
    "cosmos DB trigger, 3.x names": {
        "bindings": [
            {
                "type": "cosmosDBTrigger",
                "name": "documents",
                "direction": "in",
                "connectionStringSetting": "CosmosDB",
                "databaseName": "db",
                "collectionName": "items",
                "leaseCollectionName": "leases",
                "createLeaseCollectionIfNotExists": True,
            },
        ],
    },
    "durable orchestrator": {
        "scriptFile": "__init__.py",
        "bindings": [{"name": "context", "type": "orchestrationTrigger", "direction": "in"}],
    },
    "durable activity": {
        "scriptFile": "__init__.py",
        "bindings": [{"name": "name", "type": "activityTrigger", "direction": "in"}],
    },
    "durable client": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "authLevel": "function",
                "name": "req",
                "type": "httpTrigger",
                "direction": "in",
                "route": "orchestrators/{functionName}",
                "methods": ["post", "get"],
            },
            {"name": "$return", "type": "http", "direction": "out"},
            {"name": "starter", "type": "durableClient", "direction": "in"},
        ],
    },
    "durable entity": {
        "scriptFile": "__init__.py",
        "bindings": [{"name": "context", "type": "entityTrigger", "direction": "in"}],
    },
    "sql input": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "authLevel": "function",
                "type": "httpTrigger",
                "direction": "in",
                "name": "req",
                "methods": ["get"],
            },
            {"type": "http", "direction": "out", "name": "$return"},
            {
                "name": "products",
                "type": "sql",
                "direction": "in",
                "commandText": "SELECT * FROM Products",
                "commandType": "Text",
                "connectionStringSetting": "SqlConnectionString",
            },
        ],
    },
    "sql output": {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "authLevel": "function",
                "type": "httpTrigger",
                "direction": "in",
                "name": "req",
                "methods": ["post"],
            },
            {"type": "http", "direction": "out", "name": "$return"},
            {
                "name": "product",
                "type": "sql",
                "direction": "out",
                "commandText": "[dbo].[Products]",
                "connectionStringSetting": "SqlConnectionString",
            },
        ],
    },
    "kafka, template spellings": {
        "bindings": [
            {
                "type": "kafkaTrigger",
                "name": "kevent",
                "topic": "topic",
                "brokerList": "%BrokerList%",
                "username": "%ConfluentCloudUserName%",
                "password": "%ConfluentCloudPassword%",
                "consumerGroup": "functions",
                "protocol": "saslSsl",
                "authenticationMode": "plain",
                "direction": "in",
            },
        ],
    },
    "retry and entry point": {
        "scriptFile": "main.py",
        "entryPoint": "handler",
        "retry": {
            "strategy": "exponentialBackoff",
            "maxRetryCount": 5,
            "minimumInterval": "00:00:10",
            "maximumInterval": "00:15:00",
        },
        "bindings": [
            {"name": "mytimer", "type": "timerTrigger", "direction": "in", "schedule": "%Schedule%"}
        ],
    },
    "unknown type is left to semantic checks": {
        "bindings": [{"type": "someFutureTrigger", "direction": "in", "name": "x", "anything": 1}],
    },
}


@pytest.mark.parametrize("doc", VALID_FUNCTION_DOCS.values(), ids=VALID_FUNCTION_DOCS.keys())
def test_realistic_function_documents_are_valid(
    fvalidator: Draft7Validator, doc: dict[str, Any]
) -> None:
    assert errors(fvalidator, doc) == set()


def http_doc(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(VALID_FUNCTION_DOCS["http"])
    doc["bindings"][0].update(changes)
    return doc


INVALID_FUNCTION_DOCS = [
    ("bad authLevel", http_doc(authLevel="private"), (("bindings", 0, "authLevel"), "enum")),
    ("misspelt key", http_doc(metods=["get"]), (("bindings", 0), "additionalProperties")),
    (
        "second method invalid",
        http_doc(methods=["get", "fetch"]),
        (("bindings", 0, "methods", 1), "enum"),
    ),
    (
        "duplicate method",
        http_doc(methods=["get", "get"]),
        (("bindings", 0, "methods"), "uniqueItems"),
    ),
    ("trigger declared out", http_doc(direction="out"), (("bindings", 0, "direction"), "enum")),
    (
        "timer without schedule",
        {"bindings": [{"name": "t", "type": "timerTrigger", "direction": "in"}]},
        (("bindings", 0), "required"),
    ),
    (
        "queue output read as input",
        {
            "bindings": [
                HTTP_TRIGGER,
                {"name": "m", "type": "queue", "direction": "in", "queueName": "q"},
            ]
        },
        (("bindings", 1, "direction"), "enum"),
    ),
    (
        "queueName not a string",
        {"bindings": [{"name": "m", "type": "queueTrigger", "direction": "in", "queueName": 42}]},
        (("bindings", 0, "queueName"), "type"),
    ),
    (
        "bad cardinality",
        {
            "bindings": [
                {
                    "name": "e",
                    "type": "eventHubTrigger",
                    "direction": "in",
                    "eventHubName": "h",
                    "connection": "C",
                    "cardinality": "all",
                }
            ]
        },
        (("bindings", 0, "cardinality"), "enum"),
    ),
    (
        "binding without name",
        {"bindings": [{"type": "httpTrigger", "direction": "in"}]},
        (("bindings", 0), "required"),
    ),
    (
        "bad direction on unknown type",
        {"bindings": [{"type": "custom", "direction": "both", "name": "x"}]},
        (("bindings", 0, "direction"), "enum"),
    ),
    ("no bindings", {"scriptFile": "__init__.py"}, ((), "required")),
    ("empty bindings", {"bindings": []}, (("bindings",), "minItems")),
    (
        "unknown top-level key",
        {"bindings": [HTTP_TRIGGER], "entrypoint": "main"},
        ((), "additionalProperties"),
    ),
    (
        "disabled not boolean",
        {"bindings": [HTTP_TRIGGER], "disabled": "yes"},
        (("disabled",), "type"),
    ),
    (
        "fixedDelay without delayInterval",
        {"bindings": [HTTP_TRIGGER], "retry": {"strategy": "fixedDelay", "maxRetryCount": 3}},
        (("retry",), "required"),
    ),
    (
        "exponentialBackoff without bounds",
        {
            "bindings": [HTTP_TRIGGER],
            "retry": {"strategy": "exponentialBackoff", "maxRetryCount": 3},
        },
        (("retry",), "required"),
    ),
    (
        "retry without maxRetryCount",
        {
            "bindings": [HTTP_TRIGGER],
            "retry": {"strategy": "fixedDelay", "delayInterval": "00:00:05"},
        },
        (("retry",), "required"),
    ),
    (
        "bad interval",
        {
            "bindings": [HTTP_TRIGGER],
            "retry": {"strategy": "fixedDelay", "maxRetryCount": 3, "delayInterval": "5s"},
        },
        (("retry", "delayInterval"), "pattern"),
    ),
    (
        "maxRetryCount below -1",
        {
            "bindings": [HTTP_TRIGGER],
            "retry": {"strategy": "fixedDelay", "maxRetryCount": -2, "delayInterval": "00:00:05"},
        },
        (("retry", "maxRetryCount"), "minimum"),
    ),
    (
        "configurationSource",
        {"bindings": [HTTP_TRIGGER], "configurationSource": "json"},
        (("configurationSource",), "enum"),
    ),
]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [(d, e) for _, d, e in INVALID_FUNCTION_DOCS],
    ids=[i for i, _, _ in INVALID_FUNCTION_DOCS],
)
def test_invalid_function_documents(
    fvalidator: Draft7Validator, doc: dict[str, Any], expected
) -> None:
    assert expected in errors(fvalidator, doc)


def test_if_then_dispatch_reports_at_the_property(fschema, fvalidator: Draft7Validator) -> None:
    found = list(fvalidator.iter_errors(http_doc(authLevel="Private")))
    # one error, on the value at fault: not "does not match" on the whole binding
    assert [(list(e.absolute_path), e.validator) for e in found] == [
        (["bindings", 0, "authLevel"], "enum")
    ]
    schema_path = list(found[0].absolute_schema_path)
    # bindings/items ($ref) -> allOf[i]/then ($ref httpTrigger) -> properties/authLevel/enum
    assert schema_path[-4:] == ["then", "properties", "authLevel", "enum"]
    assert schema_path[-6] == "allOf"
    entry = fschema["definitions"]["binding"]["allOf"][schema_path[-5]]
    assert entry["if"]["properties"]["type"]["const"] == "httpTrigger"
    assert found[0].schema["enum"][:3] == ["function", "anonymous", "admin"]


def test_differently_cased_type_is_not_dispatched(fvalidator: Draft7Validator) -> None:
    doc = {
        "bindings": [
            {"type": "HttpTrigger", "direction": "in", "name": "req", "authLevel": "nonsense"}
        ]
    }
    assert errors(fvalidator, doc) == set()


# ---------------------------------------------------------------- host.json


def test_host_structure() -> None:
    schema = load(HOST)
    props = schema["properties"]
    assert schema["required"] == ["version"]
    assert props["version"]["enum"] == ["2.0"]
    bundle = props["extensionBundle"]
    assert bundle["required"] == ["id", "version"]
    assert bundle["properties"]["id"]["enum"][:2] == [
        "Microsoft.Azure.Functions.ExtensionBundle",
        "Microsoft.Azure.Functions.ExtensionBundle.Preview",
    ]
    assert "[4.*, 5.0.0)" in bundle["properties"]["version"]["examples"]
    for key in (
        "http",
        "queues",
        "serviceBus",
        "eventHubs",
        "blobs",
        "cosmosDB",
        "durableTask",
        "sendGrid",
        "kafka",
        "rabbitMQ",
    ):
        assert key in props["extensions"]["properties"], key
    for key in (
        "healthMonitor",
        "singleton",
        "retry",
        "concurrency",
        "managedDependency",
        "watchDirectories",
        "watchFiles",
        "aggregator",
        "customHandler",
        "functions",
        "functionTimeout",
        "logging",
    ):
        assert key in props, key
    levels = props["logging"]["properties"]["logLevel"]
    assert levels["properties"]["default"]["enum"] == [
        "Trace",
        "Debug",
        "Information",
        "Warning",
        "Error",
        "Critical",
        "None",
    ]
    assert levels["additionalProperties"]["enum"] == levels["properties"]["default"]["enum"]


VALID_HOST_DOCS = {
    "template": {
        "version": "2.0",
        "logging": {
            "applicationInsights": {
                "samplingSettings": {"isEnabled": True, "excludedTypes": "Request"}
            }
        },
        "extensionBundle": {
            "id": "Microsoft.Azure.Functions.ExtensionBundle",
            "version": "[4.*, 5.0.0)",
        },
    },
    "tuned": {
        "version": "2.0",
        "functionTimeout": "1.00:00:00",
        "functions": ["HttpTrigger1"],
        "logging": {
            "logLevel": {"default": "Information", "Function.HttpTrigger1.User": "Debug"},
            "fileLoggingMode": "always",
        },
        "extensions": {
            "http": {
                "routePrefix": "",
                "maxConcurrentRequests": 100,
                "customHeaders": {"X-Frame-Options": "DENY"},
            },
            "queues": {
                "batchSize": 16,
                "maxDequeueCount": 5,
                "visibilityTimeout": "00:00:30",
                "messageEncoding": "none",
            },
            "serviceBus": {"maxConcurrentCalls": 16, "autoCompleteMessages": True},
            "eventHubs": {"maxEventBatchSize": 100, "initialOffsetOptions": {"type": "fromStart"}},
            "durableTask": {
                "hubName": "MyTaskHub",
                "storageProvider": {"connectionStringName": "AzureWebJobsStorage"},
            },
            "someOtherExtension": {"anything": True},
        },
        "retry": {"strategy": "fixedDelay", "maxRetryCount": 2, "delayInterval": "00:00:03"},
        "concurrency": {"dynamicConcurrencyEnabled": True},
        "healthMonitor": {"enabled": True, "counterThreshold": 0.8},
        "watchDirectories": ["shared_code"],
    },
    "no timeout": {"version": "2.0", "functionTimeout": "-1"},
}


@pytest.mark.parametrize("doc", VALID_HOST_DOCS.values(), ids=VALID_HOST_DOCS.keys())
def test_valid_host_documents(hvalidator: Draft7Validator, doc: dict[str, Any]) -> None:
    assert errors(hvalidator, doc) == set()


INVALID_HOST_DOCS = [
    (
        "missing version",
        {
            "extensionBundle": {
                "id": "Microsoft.Azure.Functions.ExtensionBundle",
                "version": "[4.*, 5.0.0)",
            }
        },
        ((), "required"),
    ),
    ("runtime version instead of schema version", {"version": "4.0"}, (("version",), "enum")),
    ("version as a number", {"version": 2.0}, (("version",), "type")),
    (
        "v1 layout key at top level",
        {"version": "2.0", "http": {"routePrefix": ""}},
        ((), "additionalProperties"),
    ),
    (
        "bundle without version",
        {"version": "2.0", "extensionBundle": {"id": "Microsoft.Azure.Functions.ExtensionBundle"}},
        (("extensionBundle",), "required"),
    ),
    (
        "bundle version not a range",
        {
            "version": "2.0",
            "extensionBundle": {
                "id": "Microsoft.Azure.Functions.ExtensionBundle",
                "version": "latest",
            },
        },
        (("extensionBundle", "version"), "pattern"),
    ),
    (
        "typo in extensionBundle",
        {
            "version": "2.0",
            "extensionBundle": {
                "id": "Microsoft.Azure.Functions.ExtensionBundle",
                "version": "[4.*, 5.0.0)",
                "verison": "x",
            },
        },
        (("extensionBundle",), "additionalProperties"),
    ),
    (
        "bad timeout",
        {"version": "2.0", "functionTimeout": "10 minutes"},
        (("functionTimeout",), "pattern"),
    ),
    (
        "bad log level",
        {"version": "2.0", "logging": {"logLevel": {"default": "Info"}}},
        (("logging", "logLevel", "default"), "enum"),
    ),
    (
        "bad category level",
        {"version": "2.0", "logging": {"logLevel": {"Host.Results": "verbose"}}},
        (("logging", "logLevel", "Host.Results"), "enum"),
    ),
    (
        "queue batch too large",
        {"version": "2.0", "extensions": {"queues": {"batchSize": 64}}},
        (("extensions", "queues", "batchSize"), "maximum"),
    ),
]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [(d, e) for _, d, e in INVALID_HOST_DOCS],
    ids=[i for i, _, _ in INVALID_HOST_DOCS],
)
def test_invalid_host_documents(hvalidator: Draft7Validator, doc: dict[str, Any], expected) -> None:
    assert expected in errors(hvalidator, doc)


# ---------------------------------------------------------------- local.settings.json


def test_local_settings_structure() -> None:
    schema = load(LOCAL)
    props = schema["properties"]
    assert set(props) == {"$schema", "IsEncrypted", "Values", "Host", "ConnectionStrings"}
    assert props["IsEncrypted"]["type"] == "boolean"
    values = props["Values"]
    assert values["additionalProperties"]["type"] == "string"
    assert "python" in values["properties"]["FUNCTIONS_WORKER_RUNTIME"]["enum"]
    assert "UseDevelopmentStorage=true" in values["properties"]["AzureWebJobsStorage"]["examples"]
    for key in (
        "AzureWebJobsFeatureFlags",
        "FUNCTIONS_EXTENSION_VERSION",
        "PYTHON_ISOLATE_WORKER_DEPENDENCIES",
        "PYTHON_ENABLE_WORKER_EXTENSIONS",
        "PYTHON_THREADPOOL_THREAD_COUNT",
        "WEBSITE_TIME_ZONE",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "AzureWebJobsSecretStorageType",
        "PYTHON_SCRIPT_FILE_NAME",
    ):
        assert values["properties"][key]["type"] == "string", key
    host = props["Host"]["properties"]
    assert host["LocalHttpPort"]["type"] == "integer"
    assert host["CORS"]["type"] == "string"
    assert host["CORSCredentials"]["type"] == "boolean"
    assert props["ConnectionStrings"]["additionalProperties"] == {"type": "string"}


def test_valid_local_settings(lvalidator: Draft7Validator) -> None:
    doc = {
        "IsEncrypted": False,
        "Values": {
            "FUNCTIONS_WORKER_RUNTIME": "python",
            "AzureWebJobsStorage": "UseDevelopmentStorage=true",
            "ServiceBusConnection__fullyQualifiedNamespace": "contoso.servicebus.windows.net",
            "AzureWebJobs.HttpTrigger1.Disabled": "true",
            "PYTHON_THREADPOOL_THREAD_COUNT": "4",
        },
        "Host": {"LocalHttpPort": 7072, "CORS": "*", "CORSCredentials": False},
        "ConnectionStrings": {"SqlDb": "Server=localhost;Database=app;Trusted_Connection=True"},
    }
    assert errors(lvalidator, doc) == set()


INVALID_LOCAL_DOCS = [
    (
        "runtime typo",
        {"IsEncrypted": False, "Values": {"FUNCTIONS_WORKER_RUNTIME": "pyhton"}},
        (("Values", "FUNCTIONS_WORKER_RUNTIME"), "enum"),
    ),
    (
        "non-string value",
        {"IsEncrypted": False, "Values": {"Retries": 3}},
        (("Values", "Retries"), "type"),
    ),
    (
        "nested object value",
        {"IsEncrypted": False, "Values": {"Conn": {"a": "b"}}},
        (("Values", "Conn"), "type"),
    ),
    (
        "setting outside Values",
        {"IsEncrypted": False, "AzureWebJobsStorage": "UseDevelopmentStorage=true"},
        ((), "additionalProperties"),
    ),
    (
        "port as a string",
        {"IsEncrypted": False, "Host": {"LocalHttpPort": "7071"}},
        (("Host", "LocalHttpPort"), "type"),
    ),
    ("IsEncrypted as a string", {"IsEncrypted": "false"}, (("IsEncrypted",), "type")),
]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [(d, e) for _, d, e in INVALID_LOCAL_DOCS],
    ids=[i for i, _, _ in INVALID_LOCAL_DOCS],
)
def test_invalid_local_settings(lvalidator: Draft7Validator, doc: dict[str, Any], expected) -> None:
    assert expected in errors(lvalidator, doc)
