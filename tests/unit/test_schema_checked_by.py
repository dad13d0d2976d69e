"""`x-funcls-checked-by` in the schemas: each mark names a keyword of its own subschema and the
codes of the semantic checks that own it, and those constraints are reported once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from funcls.core import schemas
from funcls.core.checks.json_checks import CHECKED_BY, schema_problems
from funcls.core.checks.registry import ALL_CODES
from funcls.core.jsontree import parse_json

KINDS = ("function.json", "host.json", "local.settings.json")


def _marks(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any], Any]]:
    if isinstance(node, dict):
        if CHECKED_BY in node:
            yield where, node, node[CHECKED_BY]
        for key, value in node.items():
            yield from _marks(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _marks(value, f"{where}/{index}")


@pytest.mark.parametrize("kind", KINDS)
def test_every_mark_names_a_keyword_of_its_schema_and_known_codes(kind: str) -> None:
    codes = {c.id for c in ALL_CODES}
    found = list(_marks(schemas.load_schema(kind)))
    assert found
    for where, schema, mark in found:
        assert isinstance(mark, dict) and mark, where
        for keyword, owners in mark.items():
            assert keyword in schema, f"{where}: marks '{keyword}', which it does not have"
            assert owners and set(owners) <= codes, f"{where}: {owners}"


def test_every_value_of_local_settings_values_is_marked() -> None:
    values = schemas.load_schema("local.settings.json")["properties"]["Values"]
    members = [
        *values["properties"].values(),
        *values["patternProperties"].values(),
        values["additionalProperties"],
    ]
    assert all(CHECKED_BY in m for m in members)


def _schema_codes(kind: str, text: str) -> list[str]:
    document = parse_json(text)
    return [p.code for p in schema_problems(kind, f"/app/{kind}", document)]


def test_marked_constraints_are_left_to_the_semantic_checks() -> None:
    assert _schema_codes("host.json", json.dumps({"version": "3.0"})) == []
    assert _schema_codes("host.json", "{}") == []
    assert _schema_codes("host.json", json.dumps({"version": "2.0", "functionTimeout": "5"})) == []
    assert _schema_codes("local.settings.json", json.dumps({"Values": {"A": {}}, "B": "x"})) == []
    legacy = {"disabled": True, "bindings": []}
    assert "FUNC015" not in _schema_codes("function.json", json.dumps(legacy))


def test_unmarked_constraints_still_come_from_the_schema() -> None:
    assert _schema_codes("host.json", json.dumps({"version": "2.0", "logging": 3})) == ["FUNC011"]
    # a known key in another casing keeps its hint where unknown keys are left to FUNC504
    assert _schema_codes("local.settings.json", json.dumps({"values": {}})) == ["FUNC017"]
