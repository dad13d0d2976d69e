"""App discovery: folder names, function_app.py, disabled/excluded, the allow-list, depth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from semantics.helpers import (
    GOOD_HOST,
    HTTP_FUNCTION,
    analyse,
    apply_fix,
    fix_titled,
    function_json,
    make_app,
    only,
    problems,
    text_under,
)

HTTP = {"type": "httpTrigger", "direction": "in", "name": "req"}


def test_invalid_folder_name_is_an_error_on_function_json(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {"my function/function.json": HTTP_FUNCTION, "9lives/function.json": HTTP_FUNCTION},
    )
    found = problems(tmp_path, "FUNC100")
    assert len(found) == 2
    by_file = {Path(p.path).parent.name: p for p in found}
    assert "contains ' '" in by_file["my function"].message
    assert "'my function' is not a valid function name" in by_file["my function"].message
    assert "must start with a letter" in by_file["9lives"].message
    assert text_under(by_file["9lives"]) == "{"


def test_valid_folder_names_pass(tmp_path: Path) -> None:
    make_app(
        tmp_path, {"Get-Item_2/function.json": HTTP_FUNCTION, "a/function.json": HTTP_FUNCTION}
    )
    assert problems(tmp_path, "FUNC100") == []


def test_host_is_a_reserved_function_name(tmp_path: Path) -> None:
    make_app(tmp_path, {"Host/function.json": HTTP_FUNCTION})
    assert "'host' is reserved" in only(problems(tmp_path, "FUNC100")).message


def test_function_app_py_marks_every_function_json(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "A/function.json": HTTP_FUNCTION,
            "B/function.json": HTTP_FUNCTION,
            "function_app.py": "import azure.functions as func\napp = func.FunctionApp()\n",
        },
    )
    found = problems(tmp_path, "FUNC101")
    assert sorted(Path(p.path).parent.name for p in found) == ["A", "B"]
    first = found[0]
    assert "ignores this and 1 other" in first.message
    assert first.related[0].location.path.endswith("function_app.py")


def test_without_function_app_py_no_model_warning(tmp_path: Path) -> None:
    make_app(tmp_path, {"A/function.json": HTTP_FUNCTION})
    assert problems(tmp_path, "FUNC101") == []


def test_disabled_true_fix_moves_to_app_setting(tmp_path: Path) -> None:
    make_app(tmp_path, {"Hello/function.json": function_json(HTTP, disabled=True)})
    problem = only(problems(tmp_path, "FUNC102"))
    assert text_under(problem) == '"disabled"'
    assert "AzureWebJobs.Hello.Disabled" in problem.message
    assert problems(tmp_path, "FUNC015") == []  # the schema's generic message is superseded
    apply_fix(fix_titled(problem, "Disable with the app setting"))
    settings = json.loads((tmp_path / "local.settings.json").read_text())
    assert settings["Values"]["AzureWebJobs.Hello.Disabled"] == "true"
    assert "disabled" not in json.loads((tmp_path / "Hello/function.json").read_text())
    assert problems(tmp_path, "FUNC102") == []
    assert [p.code for p in problems(tmp_path) if p.code.startswith("FUNC0")] == []


@pytest.mark.parametrize("value", [False, "false", "False", None])
def test_disabled_false_does_what_was_meant(tmp_path: Path, value: object) -> None:
    for key in ("disabled", "excluded"):
        root = tmp_path / key
        make_app(root, {"Hello/function.json": function_json(HTTP, **{key: value})})
        assert problems(root, "FUNC102") == []
        assert problems(root, "FUNC015") == []  # superseded by FUNC102, which stays quiet


@pytest.mark.parametrize("value", [True, "true", "MySwitchSetting"])
def test_disabled_values_that_would_disable_warn(tmp_path: Path, value: object) -> None:
    make_app(tmp_path, {"Hello/function.json": function_json(HTTP, disabled=value)})
    assert "still runs" in only(problems(tmp_path, "FUNC102")).message


def test_excluded_has_a_remove_fix(tmp_path: Path) -> None:
    make_app(tmp_path, {"Hello/function.json": function_json(HTTP, excluded=True)})
    problem = only(problems(tmp_path, "FUNC102"))
    assert "'excluded'" in problem.message
    apply_fix(fix_titled(problem, "Remove 'excluded'"))
    assert json.loads((tmp_path / "Hello/function.json").read_text()) == {"bindings": [HTTP]}


def test_allow_list_name_without_function(tmp_path: Path) -> None:
    host = json.loads(GOOD_HOST)
    host["functions"] = ["Hello", "Helo", "Other"]
    make_app(
        tmp_path, {"host.json": json.dumps(host, indent=2), "Hello/function.json": HTTP_FUNCTION}
    )
    found = problems(tmp_path, "FUNC103")
    assert [text_under(p) for p in found] == ['"Helo"', '"Other"']
    assert "Did you mean 'Hello'?" in found[0].message
    assert "matches no function folder" in found[1].message


def test_function_left_out_by_allow_list(tmp_path: Path) -> None:
    host = json.loads(GOOD_HOST)
    host["functions"] = ["hello"]
    make_app(
        tmp_path,
        {
            "host.json": json.dumps(host),
            "Hello/function.json": HTTP_FUNCTION,
            "Other/function.json": HTTP_FUNCTION,
        },
    )
    problem = only(problems(tmp_path, "FUNC106"))
    assert Path(problem.path).parent.name == "Other"
    assert problems(tmp_path, "FUNC103") == []  # allow-list names ignore case


def test_function_json_too_deep(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {"Hello/function.json": HTTP_FUNCTION, "group/Nested/function.json": HTTP_FUNCTION},
    )
    from funcls.core.engine import Analyzer
    from funcls.core.workspace import Workspace

    nested = tmp_path / "group" / "Nested" / "function.json"
    found = Analyzer(Workspace()).problems_for_file(str(nested))
    problem = only([p for p in found if p.code == "FUNC104"])
    assert "'group/Nested' is not an immediate sub-folder" in problem.message


def test_app_without_functions(tmp_path: Path) -> None:
    make_app(tmp_path, {"inner/host.json": GOOD_HOST, "inner/Hello/function.json": HTTP_FUNCTION})
    found = analyse(tmp_path)
    problem = only([p for p in found["host.json"] if p.code == "FUNC107"])
    assert "'inner/host.json' exists" in problem.message


def test_non_python_script_is_not_loaded(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Hello/function.json": function_json(HTTP, scriptFile="index.js"),
            "Hello/index.js": "module.exports = async function () {}\n",
            "Py/function.json": function_json(HTTP),
        },
    )
    problem = only(problems(tmp_path, "FUNC105"))
    assert text_under(problem) == '"index.js"'


def test_non_python_app_is_not_judged(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Hello/function.json": function_json(HTTP, scriptFile="index.js"),
            "Hello/index.js": "module.exports = async function () {}\n",
            "Other/function.json": function_json(HTTP),
            "Other/index.js": "module.exports = async function () {}\n",
        },
    )
    assert problems(tmp_path, "FUNC105") == []
