"""The one set of JSON edit helpers: suggestion fixes, bindings, string properties."""

from __future__ import annotations

import json

from funcls.core.edits.json_edits import (
    add_binding,
    change_to,
    render_members,
    set_string,
)
from funcls.core.fixing import apply_edits
from funcls.core.jsontree import JsonObject, JsonString, parse_json


def test_change_to_writes_the_value_as_json_and_names_it() -> None:
    text = '{"functions": ["Hello"]}'
    document = parse_json(text)
    assert isinstance(document.root, JsonObject)
    array = document.root.get_value("functions")
    item = array.items[0]  # type: ignore[union-attr]
    assert isinstance(item, JsonString)
    fix = change_to("host.json", item, 'He"llo', safe=True)
    assert fix.title == "Change to 'He\"llo'"
    assert fix.preferred and fix.safe
    assert json.loads(apply_edits(text, fix.edits)) == {"functions": ['He"llo']}
    assert not change_to("host.json", item, "x", preferred=False).preferred


def test_add_binding_follows_the_indentation_of_the_last_binding() -> None:
    text = '{\n    "bindings": [\n        {\n            "type": "httpTrigger"\n        }\n    ]\n}'
    document = parse_json(text)
    edit = add_binding(document, "function.json", {"type": "http", "name": "$return"})
    assert edit is not None
    assert apply_edits(text, [edit]) == (
        '{\n    "bindings": [\n        {\n            "type": "httpTrigger"\n        },\n'
        '        {\n            "type": "http",\n            "name": "$return"\n        }\n'
        "    ]\n}"
    )


def test_set_string_replaces_or_appends() -> None:
    text = '{"a": 1}'
    document = parse_json(text)
    assert isinstance(document.root, JsonObject)
    appended = set_string(document, "f.json", document.root, "b", "x")
    assert apply_edits(text, [appended]) == '{"a": 1, "b": "x"}'
    replaced = set_string(document, "f.json", document.root, "a", "y")
    assert apply_edits(text, [replaced]) == '{"a": "y"}'


def test_render_members_takes_values_already_written() -> None:
    assert render_members([("a", "1"), ("b", '"${1:x}"')], "  ", "  ", closing="$0}") == (
        '{\n    "a": 1,\n    "b": "${1:x}"\n  $0}'
    )
