"""Syntax and schema problems of the JSON files, anchored on the exact key or value."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from funcls.core import schemas
from funcls.core.engine import Analyzer
from funcls.core.problems import Problem, Severity
from funcls.core.workspace import Workspace

HTTP = '{"type": "httpTrigger", "direction": "in", "name": "req"'


def _problems(text: str, name: str = "function.json") -> tuple[str, list[Problem]]:
    workspace = Workspace()
    path = f"/nonexistent/app/Fn/{name}" if name == "function.json" else f"/nonexistent/app/{name}"
    workspace.sources.set_open(path, 1, text)
    return text, Analyzer(workspace).problems_for_file(path)


def _at(text: str, problem: Problem) -> str:
    return text[problem.span.start : problem.span.end]


def test_bad_enum_is_on_the_value_and_lists_the_allowed_values() -> None:
    text, problems = _problems('{"bindings": [' + HTTP + ', "authLevel": "nobody"}]}')
    (problem,) = [p for p in problems if p.code == "FUNC010"]
    assert _at(text, problem) == '"nobody"'
    assert problem.severity == Severity.ERROR
    assert "'function', 'anonymous', 'admin'" in problem.message
    assert "httpTrigger" in problem.message


def test_enum_casing_is_accepted_with_a_hint() -> None:
    text, problems = _problems('{"bindings": [' + HTTP + ', "authLevel": "Anonymous"}]}')
    assert [p.code for p in problems] == ["FUNC017"]
    assert problems[0].fixes[0].edits[0].new_text == '"anonymous"'


def test_unknown_key_suggests_the_nearest() -> None:
    text, problems = _problems('{"bindings": [' + HTTP + ', "rout": "items"}]}')
    (problem,) = problems
    assert problem.code == "FUNC013" and problem.severity == Severity.WARNING
    assert _at(text, problem) == '"rout"'
    assert "Did you mean 'route'?" in problem.message
    assert problem.fixes[0].edits[0].new_text == '"route"'


def test_missing_required_property_names_it() -> None:
    text, problems = _problems(
        '{"bindings": [{"type": "queueTrigger", "direction": "in", "name": "msg"}]}'
    )
    (problem,) = problems
    assert problem.code == "FUNC012"
    assert "'queueName'" in problem.message
    assert _at(text, problem) == '"queueTrigger"'


def test_host_converts_strings_to_booleans_and_numbers() -> None:
    _, problems = _problems(
        '{"bindings": [{"type": "timerTrigger", "direction": "in", "name": "t", '
        '"schedule": "0 */5 * * * *", "runOnStartup": "true"}]}'
    )
    assert [p for p in problems if p.code == "FUNC011"] == []
    text, problems = _problems(
        '{"bindings": [{"type": "timerTrigger", "direction": "in", "name": "t", '
        '"schedule": "0 */5 * * * *", "runOnStartup": [1]}]}'
    )
    (problem,) = [p for p in problems if p.code == "FUNC011"]
    assert _at(text, problem) == "[1]"


def test_direction_not_allowed_for_the_type() -> None:
    text, problems = _problems(
        '{"bindings": [{"type": "httpTrigger", "direction": "out", "name": "req"}]}'
    )
    (problem,) = [p for p in problems if p.code == "FUNC010"]
    assert _at(text, problem) == '"out"'


def test_syntax_error_position_and_comments_information() -> None:
    text, problems = _problems('// c\n{"bindings": [' + HTTP + ' "x": 1}]}')
    codes = sorted(p.code for p in problems)
    assert "FUNC001" in codes and "FUNC002" in codes
    comment = next(p for p in problems if p.code == "FUNC002")
    assert comment.severity == Severity.INFORMATION and _at(text, comment) == "// c"


def test_legacy_property_is_flagged_deprecated() -> None:
    text, problems = _problems('{"bindings": [' + HTTP + ', "webHookType": "github"}]}')
    legacy = [p for p in problems if p.code == "FUNC015"]
    assert legacy and legacy[0].deprecated and _at(text, legacy[0]) == '"webHookType"'


def test_host_json_bad_log_level_is_on_the_value() -> None:
    text, problems = _problems(
        '{"version": "2.0", "logging": {"logLevel": {"default": "Verbose"}}}', "host.json"
    )
    assert any(p.code == "FUNC010" and _at(text, p) == '"Verbose"' for p in problems)


@pytest.mark.parametrize("binding_type", schemas.binding_types())
def test_every_binding_type_has_its_properties_validated(binding_type: str) -> None:
    definition = schemas.binding_definition(binding_type)
    assert definition is not None and schemas.describe(definition)
    direction = definition["properties"]["direction"]["enum"][0]
    text, problems = _problems(
        '{"bindings": [{"type": "%s", "direction": "%s", "name": "x", "notAProperty": 1}]}'
        % (binding_type, direction)
    )
    assert any(p.code == "FUNC013" and _at(text, p) == '"notAProperty"' for p in problems)


def test_unreadable_files_are_reported_not_analysed(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "Bin").mkdir(parents=True)
    (app / "Utf").mkdir()
    (app / "Big").mkdir()
    (app / "host.json").write_text('{"version": "2.0"}')
    (app / "Bin" / "function.json").write_bytes(b"\x00\x01\x02binary")
    (app / "Utf" / "function.json").write_bytes(b'{"bindings": "\xff\xfe"}')
    (app / "Big" / "function.json").write_text(
        '{"bindings": [' + ", ".join(['{"a": 1}'] * 700_000) + "]}"
    )
    analyzer = Analyzer(Workspace())
    started = time.perf_counter()
    for folder in ("Bin", "Utf", "Big"):
        problems = analyzer.problems_for_file(str(app / folder / "function.json"))
        assert [p.code for p in problems] == ["FUNC003"], folder
    assert time.perf_counter() - started < 2


def test_bom_on_disk_is_fine(tmp_path: Path) -> None:
    (tmp_path / "host.json").write_text('{"version": "2.0"}')
    (tmp_path / "Fn").mkdir()
    (tmp_path / "Fn" / "function.json").write_bytes(
        b'\xef\xbb\xbf{"bindings": [{"type": "activityTrigger", "direction": "in", "name": "n"}]}'
    )
    problems = Analyzer(Workspace()).problems_for_file(str(tmp_path / "Fn" / "function.json"))
    assert [p for p in problems if p.code.startswith("FUNC0")] == []


def test_deeply_nested_json_answers_quickly() -> None:
    started = time.perf_counter()
    _, problems = _problems("[" * 10_000)
    assert problems and time.perf_counter() - started < 2
