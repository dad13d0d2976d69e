"""The tolerant JSON tree: values, offsets, recovery, and every truncated prefix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funcls.core.jsontree import (
    JsonArray,
    JsonObject,
    JsonProperty,
    JsonString,
    parse_json,
    path_of,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

SAMPLE = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "authLevel": "function",
      "type": "httpTrigger",
      "direction": "in",
      "name": "req",
      "methods": ["get", "post"]
    },
    {"type": "http", "direction": "out", "name": "$return"}
  ]
}"""


def test_valid_document_matches_json_module() -> None:
    document = parse_json(SAMPLE)
    assert document.issues == []
    assert document.value() == json.loads(SAMPLE)


def test_offsets_point_at_keys_and_values() -> None:
    document = parse_json(SAMPLE)
    node = document.node_at_path(["bindings", 0, "authLevel"])
    assert isinstance(node, JsonString)
    assert SAMPLE[node.start : node.end] == '"function"'
    prop = document.property_at_path(["bindings", 1, "name"])
    assert prop is not None
    assert SAMPLE[prop.key.start : prop.key.end] == '"name"'
    assert path_of(node) == ["bindings", 0, "authLevel"]
    assert path_of(prop.key) == ["bindings", 1, "name"]


@pytest.mark.parametrize(
    ("text", "value", "message"),
    [
        ('{"a": }', {}, "Expected a value."),
        ('{"a": "b" "c": 1}', {"a": "b", "c": 1}, "Expected ',' between properties."),
        ('{"a": tru}', {}, "Invalid value 'tru'"),
        ('{"a":\n "b": 1}', {"b": 1}, "Expected a value."),
        ('{"a": [1, 2', {"a": [1, 2]}, "Expected ']'"),
        ('{"a": "x', {"a": "x"}, "Unterminated string"),
        ("", None, "Expected a JSON object"),
    ],
)
def test_recovery(text: str, value: object, message: str) -> None:
    document = parse_json(text)
    assert document.value() == value
    assert any(message in issue.message for issue in document.errors)


def test_comments_and_trailing_commas_are_not_errors() -> None:
    document = parse_json('// note\n{"a": [1, 2,], /* x */ "b": 2,}')
    assert document.errors == []
    kinds = sorted(issue.kind for issue in document.issues)
    assert kinds == ["comment", "comment", "trailing-comma", "trailing-comma"]
    assert document.value() == {"a": [1, 2], "b": 2}


def test_bom_and_escapes() -> None:
    document = parse_json('\ufeff{"a": "\\u00e9\\n\\"", "b": "🙂"}')
    assert document.errors == []
    assert document.value() == {"a": 'é\n"', "b": "🙂"}


def test_deep_nesting_is_reported_not_recursed() -> None:
    document = parse_json("[" * 10_000 + "]" * 10_000)
    assert any("Nesting deeper" in issue.message for issue in document.errors)
    unterminated = parse_json("[" * 10_000)
    assert unterminated.errors


def test_node_at_finds_key_value_and_containers() -> None:
    text = '{"bindings": [{"type": "queue", "name": }]}'
    document = parse_json(text)
    key = document.node_at(text.index('"type"') + 2)
    assert isinstance(key, JsonString) and isinstance(key.parent, JsonProperty)
    name = document.property_at_path(["bindings", 0, "name"])
    assert name is not None and name.value is None and name.colon > 0
    inside_array = document.node_at(text.index("[") + 1)
    assert isinstance(inside_array, JsonArray)
    inside_object = document.node_at(text.index("{", 1) + 1)
    assert isinstance(inside_object, JsonObject)


def _corpus_documents() -> list[Path]:
    return sorted(CORPUS.glob("*/*/function.json"))[:40] + sorted(CORPUS.glob("*/host.json"))[:5]


@pytest.mark.parametrize("path", _corpus_documents() or [None], ids=lambda p: str(p)[-60:])
def test_every_prefix_parses_without_exception(path: Path | None) -> None:
    text = SAMPLE if path is None else path.read_text(encoding="utf-8-sig")
    for end in range(len(text) + 1):
        document = parse_json(text[:end])
        for node_offset in (end, max(end - 1, 0)):
            document.node_at(node_offset)
        for issue in document.issues:
            assert 0 <= issue.start <= issue.end <= end
