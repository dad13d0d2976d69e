"""requirements.txt (R-01, R-02, R-04, R-05) and .funcignore (F-01..F-03)."""

from __future__ import annotations

from pathlib import Path

import pytest

from funcls.core.problems import Severity
from semantics.helpers import (
    HTTP_FUNCTION,
    apply_fix,
    fix_titled,
    function_json,
    make_app,
    only,
    problems,
    text_under,
)


def _req(tmp_path: Path, text: str) -> Path:
    return make_app(tmp_path, {"requirements.txt": text, "Hello/function.json": HTTP_FUNCTION})


def _codes(tmp_path: Path, file: str) -> list[str]:
    return sorted(p.code for p in problems(tmp_path, file=file))


# -- requirements.txt ------------------------------------------------------------------------------
def test_worker_listed_and_removed(tmp_path: Path) -> None:
    _req(tmp_path, "azure-functions\nazure-functions-worker==1.2.0  # old template\nrequests\n")
    problem = only(problems(tmp_path, "FUNC600"))
    assert text_under(problem) == "azure-functions-worker==1.2.0"
    apply_fix(problem.fixes[0])
    assert (tmp_path / "requirements.txt").read_text() == "azure-functions\nrequests\n"
    assert _codes(tmp_path, "requirements.txt") == []


def test_library_missing_added(tmp_path: Path) -> None:
    _req(tmp_path, "requests>=2\r\n")
    problem = only(problems(tmp_path, "FUNC601"))
    # advice: the worker brings its own azure-functions, the app runs as written without it
    assert problem.severity == Severity.INFORMATION
    apply_fix(problem.fixes[0])
    data = (tmp_path / "requirements.txt").read_bytes()
    assert data == b"azure-functions\r\nrequests>=2\r\n"
    assert _codes(tmp_path, "requirements.txt") == []


@pytest.mark.parametrize(
    "text",
    [
        "Azure_Functions==1.*\n",
        "azure-functions ; python_version >= '3.8'\n",
        "# deps\n-r base.txt\n--index-url https://pypi.org/simple\nazure-functions \\\n  >=1.20\n",
        "azure-functions\n-e git+https://github.com/x/y.git#egg=y\n./wheels/pkg.whl\n",
        "azure-functions\npkg==1.0 --hash=sha256:abc\n",
    ],
)
def test_valid_requirement_files(tmp_path: Path, text: str) -> None:
    _req(tmp_path, text)
    assert _codes(tmp_path, "requirements.txt") == []


def test_windows_only_package_gets_a_marker(tmp_path: Path) -> None:
    _req(tmp_path, "azure-functions\npywin32==306\n")
    problem = only(problems(tmp_path, "FUNC602"))
    apply_fix(fix_titled(problem, "Add '; sys_platform"))
    assert (
        (tmp_path / "requirements.txt")
        .read_text()
        .endswith('pywin32==306; sys_platform == "win32"\n')
    )
    assert _codes(tmp_path, "requirements.txt") == []


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("protobuf==4.25.3", True),
        ("protobuf>=4.21", True),
        ("protobuf<4", False),
        ("protobuf", False),
    ],
)
def test_protobuf_4_pin(tmp_path: Path, line: str, flagged: bool) -> None:
    _req(tmp_path, f"azure-functions\n{line}\n")
    assert bool(problems(tmp_path, "FUNC603")) is flagged


def test_backport_and_unparsable(tmp_path: Path) -> None:
    _req(tmp_path, "azure-functions\nenum34\nrequests=2.0\n")
    assert text_under(only(problems(tmp_path, "FUNC604"))) == "enum34"
    assert text_under(only(problems(tmp_path, "FUNC605"))) == "requests=2.0"


def test_missing_requirements_file(tmp_path: Path) -> None:
    make_app(tmp_path, {"requirements.txt": None, "Hello/function.json": HTTP_FUNCTION})
    assert only(problems(tmp_path, "FUNC606")).path.endswith("host.json")


def test_no_requirements_file_needed_by_an_app_without_python_functions(tmp_path: Path) -> None:
    # a JavaScript app (index.js scripts) in the same workspace: pip plays no part in it
    make_app(
        tmp_path,
        {
            "requirements.txt": None,
            "Hello/function.json": function_json(
                {"type": "httpTrigger", "direction": "in", "name": "req"},
                {"type": "http", "direction": "out", "name": "res"},
            ),
            "Hello/index.js": "module.exports = async function () {};\n",
        },
    )
    assert problems(tmp_path, "FUNC606") == []


# -- .funcignore -----------------------------------------------------------------------------------
SCRIPT_WITH_IMPORT = "from shared_code import helpers\n\n\ndef main(req):\n    return helpers.x\n"


def _ignore_app(tmp_path: Path, funcignore: str, **extra: str) -> Path:
    files = {
        ".funcignore": funcignore,
        "Hello/function.json": HTTP_FUNCTION,
        "Hello/__init__.py": SCRIPT_WITH_IMPORT,
        "shared_code/__init__.py": "",
        "shared_code/helpers.py": "x = 1\n",
        **extra,
    }
    return make_app(tmp_path, files)


def test_default_funcignore_passes(tmp_path: Path) -> None:
    text = ".git*\n.vscode\n__azurite_db*__.json\n__blobstorage__\n__queuestorage__\nlocal.settings.json\ntest\n.venv\n"
    _ignore_app(tmp_path, text)
    assert _codes(tmp_path, ".funcignore") == []


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        ("host.json", "host.json"),
        ("*.json", "host.json"),
        ("shared_code/", "shared_code/__init__.py"),
        ("Hello", "Hello/function.json"),
        ("*.txt", "requirements.txt"),
        ("**/__init__.py", "Hello/__init__.py"),
    ],
)
def test_pattern_excluding_needed_files(tmp_path: Path, pattern: str, needed: str) -> None:
    _ignore_app(tmp_path, f".vscode\n{pattern}\n")
    problem = only(problems(tmp_path, "FUNC610"))
    assert text_under(problem) == pattern
    assert f"'{needed}'" in problem.message


def test_negation_re_includes(tmp_path: Path) -> None:
    _ignore_app(tmp_path, "*.json\n!host.json\n!Hello/function.json\n")
    assert problems(tmp_path, "FUNC610") == []


def test_venv_not_excluded(tmp_path: Path) -> None:
    _ignore_app(tmp_path, ".vscode", **{".venv/pyvenv.cfg": "home = /usr\n"})
    problem = only(problems(tmp_path, "FUNC611"))
    apply_fix(problem.fixes[0])
    assert (tmp_path / ".funcignore").read_text() == ".vscode\n.venv\n"
    assert problems(tmp_path, "FUNC611") == []


def test_no_funcignore_with_venv(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Hello/function.json": function_json(
                {"type": "httpTrigger", "direction": "in", "name": "req"}
            ),
            "venv/pyvenv.cfg": "home = /usr\n",
        },
    )
    assert only(problems(tmp_path, "FUNC611")).path.endswith("host.json")


def test_included_files_may_list_azure_functions(tmp_path: Path) -> None:
    _req(tmp_path, "-r requirements-base.txt\nrequests\n")
    assert problems(tmp_path, "FUNC601") == []


def test_invalid_patterns_do_not_break_the_check(tmp_path: Path) -> None:
    _ignore_app(tmp_path, "!\nfoo\\\n*.txt\n")
    problem = only(problems(tmp_path, "FUNC610"))
    assert text_under(problem) == "*.txt"
