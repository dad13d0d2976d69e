"""Imports as the worker resolves them (I-01 to I-07, W-03) and app settings read in Python."""

from __future__ import annotations

import os
from collections.abc import Callable

from funcls.core.problems import Severity

from .conftest import HTTP_IN, App, by_code, function_json

Build = Callable[..., App]


def _app(make_app: Build, script: str, files: dict[str, str] | None = None) -> App:
    base = {
        "Fn/function.json": function_json(HTTP_IN),
        "Fn/__init__.py": script,
        "shared_code/__init__.py": "",
        "shared_code/helpers.py": "def f():\n    return 1\n",
        "Fn/sibling.py": "X = 1\n",
    }
    base.update(files or {})
    return make_app(base)


def test_app_prefix_warning_and_fix(make_app: Build) -> None:
    app = _app(make_app, "from __app__.shared_code import helpers\n\n\ndef main(req):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC301" and problem.severity == Severity.WARNING
    app.apply_fix(problem.fixes[0])
    assert app.text("Fn/__init__.py").startswith("from shared_code import helpers\n")
    assert app.problems("Fn/__init__.py") == []


def test_beyond_top_level_relative_import(make_app: Build) -> None:
    app = _app(make_app, "from ..shared_code import helpers\n\n\ndef main(req):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC302"
    app.apply_fix(problem.fixes[0])
    assert app.text("Fn/__init__.py").startswith("from shared_code import helpers\n")
    assert app.problems("Fn/__init__.py") == []


def test_beyond_top_level_without_module(make_app: Build) -> None:
    app = _app(make_app, "from .. import shared_code as sc\n\n\ndef main(req):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    app.apply_fix(problem.fixes[0])
    assert app.text("Fn/__init__.py").startswith("import shared_code as sc\n")


def test_relative_import_above_the_app_root_is_an_error(make_app: Build) -> None:
    app = _app(make_app, "from ...x import y\n\n\ndef main(req):\n    pass\n")
    assert app.codes("Fn/__init__.py") == ["FUNC308"]


def test_implicit_sibling_import_error_and_fix(make_app: Build) -> None:
    app = _app(make_app, "import sibling\n\n\ndef main(req):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC303" and problem.severity == Severity.ERROR
    app.apply_fix(problem.fixes[0])
    assert app.text("Fn/__init__.py").startswith("from . import sibling\n")
    assert app.problems("Fn/__init__.py") == []


def test_implicit_sibling_from_import_fix(make_app: Build) -> None:
    app = _app(make_app, "from sibling import X\n\n\ndef main(req):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    app.apply_fix(problem.fixes[0])
    assert app.text("Fn/__init__.py").startswith("from .sibling import X\n")
    assert app.problems("Fn/__init__.py") == []


def test_relative_sibling_and_absolute_shared_code_are_fine(make_app: Build) -> None:
    app = _app(
        make_app,
        "from . import sibling\nfrom .sibling import X\nfrom shared_code import helpers\n"
        "import shared_code.helpers\n\n\ndef main(req):\n    pass\n",
    )
    assert app.problems("Fn/__init__.py") == []


def test_shared_code_without_init(make_app: Build) -> None:
    app = _app(make_app, "from shared_code import helpers\n\n\ndef main(req):\n    pass\n")
    os.remove(app.root / "shared_code" / "__init__.py")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC304" and problem.severity == Severity.WARNING


def test_missing_app_module(make_app: Build) -> None:
    app = _app(
        make_app,
        "from shared_code import nothing_here\nfrom . import missing\n\n\ndef main(req):\n    pass\n",
    )
    assert app.codes("Fn/__init__.py") == ["FUNC308", "FUNC308"]


def test_folder_shadowing_stdlib(make_app: Build) -> None:
    app = _app(
        make_app, "import logging\n\n\ndef main(req):\n    pass\n", {"logging/__init__.py": ""}
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC305"


def test_module_not_found_anywhere(make_app: Build) -> None:
    app = _app(make_app, "import surely_not_a_module_xyz\n\n\ndef main(req):\n    pass\n")
    app.write("requirements.txt", "azure-functions\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC306" and problem.severity == Severity.ERROR
    assert "No module named 'surely_not_a_module_xyz'" in problem.message
    app.apply_fix(problem.fixes[0])
    assert "surely-not-a-module-xyz" in app.text("requirements.txt")


def test_requirement_not_installed_is_a_hint(make_app: Build) -> None:
    app = _app(
        make_app, "import yaml\nfrom bs4 import BeautifulSoup\n\n\ndef main(req):\n    pass\n"
    )
    app.write("requirements.txt", "azure-functions\nPyYAML==6.0\nbeautifulsoup4\n")
    problems = app.problems("Fn/__init__.py")
    assert [p.code for p in problems] == ["FUNC307", "FUNC307"]
    assert all(p.severity == Severity.HINT for p in problems)


def test_installed_stdlib_platform_and_python_packages_are_fine(make_app: Build) -> None:
    app = _app(
        make_app,
        "import json\nimport os.path\nimport azure.functions\nimport jedi\nimport vendored\n\n\n"
        "def main(req):\n    pass\n",
    )
    app.write(".python_packages/lib/site-packages/vendored/__init__.py", "")
    assert app.problems("Fn/__init__.py") == []


def test_guarded_and_type_checking_imports_are_skipped(make_app: Build) -> None:
    app = _app(
        make_app,
        "from typing import TYPE_CHECKING\ntry:\n    import ujson as json\nexcept ImportError:\n"
        "    import json\nif TYPE_CHECKING:\n    import not_installed_types\n\n\n"
        "def main(req):\n    pass\n",
    )
    assert app.problems("Fn/__init__.py") == []


def test_import_inside_function_is_a_warning(make_app: Build) -> None:
    app = _app(make_app, "def main(req):\n    import surely_not_a_module_xyz\n")
    app.write("requirements.txt", "azure-functions\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC306" and problem.severity == Severity.WARNING


def test_unsure_when_a_requirement_is_not_installed(make_app: Build) -> None:
    app = _app(make_app, "import surely_not_a_module_xyz\n\n\ndef main(req):\n    pass\n")
    app.write("requirements.txt", "azure-functions\nsome-package-not-installed-here\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC306" and problem.severity == Severity.INFORMATION


def test_shared_code_module_is_checked_too(make_app: Build) -> None:
    app = _app(make_app, "def main(req):\n    pass\n")
    app.write("shared_code/helpers.py", "import other_helper\n")
    app.write("shared_code/other_helper.py", "")
    (problem,) = app.problems("shared_code/helpers.py")
    assert problem.code == "FUNC303"


def test_syntax_error_in_shared_module(make_app: Build) -> None:
    app = _app(make_app, "def main(req):\n    pass\n")
    app.write("shared_code/helpers.py", "def f(:\n")
    assert app.codes("shared_code/helpers.py") == ["FUNC204"]


def test_test_files_skip_import_checks(make_app: Build) -> None:
    app = _app(make_app, "def main(req):\n    pass\n")
    app.write("tests/test_fn.py", "import pytest_plugin_not_installed\nfrom Fn import main\n")
    assert app.problems("tests/test_fn.py") == []


# -- app settings ------------------------------------------------------------------------------
def test_setting_defined_nowhere(make_app: Build) -> None:
    app = _app(
        make_app,
        "import os\nfrom os import environ, getenv\n\n\ndef main(req):\n"
        "    a = os.environ['MISSING_ONE']\n    b = os.environ.get('QUEUE_NAME')\n"
        "    c = getenv('MISSING_TWO')\n    d = environ.get('MISSING_THREE', 'x')\n"
        "    e = os.getenv('WEBSITE_SITE_NAME')\n    f = os.environ['AzureWebJobsStorage']\n",
    )
    problems = by_code(app.problems("Fn/__init__.py"), "FUNC310")
    assert [app.at(p) for p in problems] == ["'MISSING_ONE'", "'MISSING_TWO'"]
    assert "KeyError" in problems[0].message
    app.apply_fix(problems[0].fixes[0])
    assert '"MISSING_ONE": ""' in app.text("local.settings.json")
    assert [app.at(p) for p in by_code(app.problems("Fn/__init__.py"), "FUNC310")] == [
        "'MISSING_TWO'"
    ]


def test_settings_not_checked_without_local_settings(make_app: Build) -> None:
    app = make_app(
        {
            "Fn/function.json": function_json(HTTP_IN),
            "Fn/__init__.py": "import os\n\n\ndef main(req):\n    return os.environ['X']\n",
        },
        local=False,
    )
    assert by_code(app.problems("Fn/__init__.py"), "FUNC310") == []


def test_setting_values_never_appear(make_app: Build) -> None:
    app = _app(make_app, "import os\n\n\ndef main(req):\n    return os.environ['QUEUEE_NAME']\n")
    app.write(
        "local.settings.json",
        '{"IsEncrypted": false, "Values": {"queuee_name": "SECRET-VALUE-123"}}',
    )
    (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC310")
    assert "queuee_name" in problem.message and "SECRET" not in problem.message


def test_missing_name_from_a_loaded_library_module(make_app: Build) -> None:
    app = _app(
        make_app,
        "from sys import __nonexistent\nfrom azure.functions import HttpReqest\n"
        "from os import path\nfrom azure.functions import HttpRequest\n\n\ndef main(req):\n    pass\n",
    )
    problems = app.problems("Fn/__init__.py")
    assert [p.code for p in problems] == ["FUNC306", "FUNC306"]
    assert "Did you mean 'HttpRequest'" in problems[1].message


def test_local_wheel_in_requirements_provides_its_package(make_app: Build) -> None:
    # pip installs a wheel or sdist named by path; its distribution is in the file name (PEP 427)
    app = _app(make_app, "from azure.eventhub import EventData\n\n\ndef main(req):\n    pass\n")
    app.write(
        "requirements.txt",
        "azure-functions\n./azure_eventhub-5.10.0b1-py3-none-any.whl\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC307" and problem.severity == Severity.HINT
    app.write("requirements.txt", "azure-functions\nwheels/surely_not_a_module_xyz-1.0.tar.gz\n")
    app.write("Fn/__init__.py", "import surely_not_a_module_xyz\n\n\ndef main(req):\n    pass\n")
    assert by_code(app.problems("Fn/__init__.py"), "FUNC306") == []


def test_direct_reference_in_requirements_provides_its_package(make_app: Build) -> None:
    # `name @ url` (PEP 508) installs `name`. The import check once read requirements.txt with a
    # regex of its own, which skipped every line holding '://', and called the import
    # unprovided (FUNC306, an error) while the requirements check, using packaging, knew better.
    app = _app(make_app, "import yaml\n\n\ndef main(req):\n    pass\n")
    app.write(
        "requirements.txt",
        "azure-functions\nPyYAML @ https://example.com/archive/PyYAML-main.tar.gz\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC307" and problem.severity == Severity.HINT
    assert "'PyYAML' in requirements.txt" in problem.message
