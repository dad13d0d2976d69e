"""The semantic checks over the corpus of correct apps, the code registry, and the edit helpers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import CORPUS
from funcls.core.checks import registry
from funcls.core.edits.json_edits import insert_property, remove_property
from funcls.core.engine import Analyzer
from funcls.core.jsontree import JsonObject, parse_json
from funcls.core.problems import Severity
from funcls.core.workspace import Workspace

OURS = re.compile(r"^FUNC[1456]\d\d$")
# Warnings that are right on a correct app: bundle 3.x is deprecated (Core Tools C-13).
EXPECTED = {("cosmos-legacy-bundle3", "FUNC405")}
APPS = (
    sorted(p.name for p in CORPUS.iterdir() if (p / "host.json").is_file())
    if CORPUS.is_dir()
    else []
)


@pytest.mark.parametrize("app", APPS)
def test_corpus_app_has_no_semantic_errors_or_warnings(app: str) -> None:
    found = Analyzer(Workspace()).check_paths([str(CORPUS / app)])
    bad = [
        (Path(path).relative_to(CORPUS).as_posix(), p.code, p.message)
        for path, items in found.items()
        for p in items
        if OURS.match(p.code)
        and p.severity in (Severity.ERROR, Severity.WARNING)
        and (app, p.code) not in EXPECTED
    ]
    assert bad == []


def test_codes_are_unique_and_documented() -> None:
    ids = [c.id for c in registry.ALL_CODES]
    assert len(ids) == len(set(ids))
    ours = [c for c in registry.ALL_CODES if OURS.match(c.id)]
    assert len(ours) >= 60
    assert all(c.summary and c.severity in Severity for c in ours)


# -- json_edits ------------------------------------------------------------------------------------
def _object(text: str) -> JsonObject:
    root = parse_json(text).root
    assert isinstance(root, JsonObject)
    return root


def _apply(text: str, edit: object) -> str:
    span = edit.span  # type: ignore[attr-defined]
    return text[: span.start] + edit.new_text + text[span.end :]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", '{\n  "k": "v"\n}'),
        ('{"a": 1}', '{"a": 1, "k": "v"}'),
        ('{\r\n    "a": 1\r\n}', '{\r\n    "a": 1,\r\n    "k": "v"\r\n}'),
        ('{\n\t"a": 1,\n}', '{\n\t"a": 1,\n\t"k": "v",\n}'),
    ],
)
def test_insert_property_keeps_layout(text: str, expected: str) -> None:
    edit = insert_property("p", text, _object(text), "k", "v")
    assert edit is not None
    result = _apply(text, edit)
    assert result == expected
    assert parse_json(result).errors == []


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('{\n  "a": 1,\n  "b": 2\n}', "a", '{\n  "b": 2\n}'),
        ('{\n  "a": 1,\n  "b": 2\n}', "b", '{\n  "a": 1\n}'),
        ('{"a": 1}', "a", "{}"),
        ('{"a": 1, "b": 2, "c": 3}', "b", '{"a": 1, "c": 3}'),
    ],
)
def test_remove_property(text: str, key: str, expected: str) -> None:
    obj = _object(text)
    prop = obj.get(key)
    assert prop is not None
    edit = remove_property("p", text, prop)
    assert edit is not None
    result = _apply(text, edit)
    assert result == expected
    assert json.loads(result) is not None
