"""Every Python file a function imports is analysed: a helper module's failing import is reported
in the helper and, through the chain of imports, at the entry script's import that runs it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from funcls.core.engine import Analyzer
from funcls.core.problems import Severity
from funcls.core.python.import_graph import imported_files
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

from .conftest import HTTP_IN, App, function_json

Build = Callable[..., App]
MISSING = "import surely_not_a_module_xyz\n"
MAIN = "\n\ndef main(req):\n    pass\n"


def _app(make_app: Build, script: str, files: dict[str, str]) -> App:
    base = {"Fn/function.json": function_json(HTTP_IN), "Fn/__init__.py": script}
    base.update(files)
    app = make_app(base)
    app.write("requirements.txt", "azure-functions\n")  # every requirement installed
    return app


def test_sibling_module_import_of_a_missing_package(make_app: Build) -> None:
    app = _app(make_app, "from . import helper" + MAIN, {"Fn/helper.py": "import os\n" + MISSING})
    (inner,) = app.problems("Fn/helper.py")
    assert inner.code == "FUNC306" and inner.severity == Severity.ERROR
    assert app.at(inner) == "surely_not_a_module_xyz"
    (outer,) = app.problems("Fn/__init__.py")
    assert outer.code == "FUNC306" and outer.severity == Severity.ERROR
    assert app.at(outer) == "."
    assert "'.helper'" in outer.message and "Fn/helper.py line 2" in outer.message
    assert "No module named 'surely_not_a_module_xyz'" in outer.message
    assert outer.related[0].location.path == inner.path
    assert outer.related[0].location.span == inner.span
    # the fix adds the package to requirements.txt from either place
    app.apply_fix(outer.fixes[0])
    assert "surely-not-a-module-xyz" in app.text("requirements.txt")


def test_shared_code_through_a_relative_import_chain(make_app: Build) -> None:
    app = _app(
        make_app,
        "import shared_code" + MAIN,
        {
            "shared_code/__init__.py": "from .util import y\n",
            "shared_code/util.py": "from .deeper import z\n\ny = 1\n",
            "shared_code/deeper.py": MISSING + "z = 2\n",
        },
    )
    (outer,) = app.problems("Fn/__init__.py")
    assert outer.code == "FUNC306" and app.at(outer) == "shared_code"
    assert (
        "through shared_code/__init__.py -> shared_code/util.py -> shared_code/deeper.py"
        in outer.message
    )
    assert [p.code for p in app.problems("shared_code/deeper.py")] == ["FUNC306"]
    assert app.problems("shared_code/util.py") == []


def test_from_package_import_submodule_and_absolute_dotted(make_app: Build) -> None:
    files = {"shared_code/__init__.py": "", "shared_code/util.py": MISSING}
    app = _app(make_app, "from shared_code import util" + MAIN, files)
    (outer,) = app.problems("Fn/__init__.py")
    assert "'shared_code.util'" in outer.message
    app = _app(make_app, "import shared_code.util as u" + MAIN, files)
    assert [p.code for p in app.problems("Fn/__init__.py")] == ["FUNC306"]


def test_cycles_end(make_app: Build) -> None:
    app = _app(
        make_app,
        "from . import a" + MAIN,
        {"Fn/a.py": "from . import b\n", "Fn/b.py": "from . import a\nfrom . import c\n"}
        | {"Fn/c.py": "from . import a\n" + MISSING},
    )
    (outer,) = app.problems("Fn/__init__.py")
    assert "through Fn/a.py -> Fn/b.py -> Fn/c.py" in outer.message
    workspace = Workspace()
    files = imported_files(workspace, str(app.root), app.path("Fn/__init__.py"))
    assert sorted(files) == sorted(app.path(f"Fn/{n}.py") for n in "abc")


def test_entry_script_importing_itself_through_a_helper(make_app: Build) -> None:
    app = _app(make_app, "from . import helper" + MAIN, {"Fn/helper.py": "from . import main\n"})
    assert app.problems("Fn/__init__.py") == []


def test_syntax_error_in_an_imported_module(make_app: Build) -> None:
    app = _app(make_app, "from .helper import f" + MAIN, {"Fn/helper.py": "def f(:\n"})
    (outer,) = app.problems("Fn/__init__.py")
    assert outer.code == "FUNC204" and "Syntax error" in outer.message


def test_guarded_nested_and_provided_imports(make_app: Build) -> None:
    guarded = "try:\n    from . import helper\nexcept ImportError:\n    helper = None\n"
    app = _app(make_app, guarded + MAIN, {"Fn/helper.py": MISSING})
    assert app.problems("Fn/__init__.py") == []
    nested = "\n\ndef main(req):\n    from . import helper\n"
    app = _app(make_app, nested, {"Fn/helper.py": MISSING})
    (outer,) = app.problems("Fn/__init__.py")
    assert outer.severity == Severity.WARNING and "fails when it runs" in outer.message
    # the helper's import is itself inside a function: importing the helper works
    app = _app(
        make_app, "from . import helper" + MAIN, {"Fn/helper.py": "def f():\n" + "    " + MISSING}
    )
    assert app.problems("Fn/__init__.py") == []
    # stdlib, installed and required packages are fine in a helper as in the script
    provided = "import json\nimport azure.functions\nimport jedi\nimport yaml\n"
    app = _app(make_app, "from . import helper" + MAIN, {"Fn/helper.py": provided})
    app.write("requirements.txt", "azure-functions\nPyYAML\n")
    assert app.problems("Fn/__init__.py") == []
    assert [p.code for p in app.problems("Fn/helper.py")] == ["FUNC307"]


def test_a_package_linked_from_outside_the_app_is_not_read(make_app: Build, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "__init__.py").write_text(MISSING)
    app = _app(make_app, "import linked" + MAIN, {})
    os.symlink(outside, app.root / "linked")
    assert imported_files(Workspace(), str(app.root), app.path("Fn/__init__.py")) == []
    assert app.problems("Fn/__init__.py") == []


def test_a_module_no_function_imports_is_not_part_of_the_check(make_app: Build) -> None:
    app = _app(
        make_app,
        "from . import helper" + MAIN,
        {"Fn/helper.py": MISSING, "scripts/tool.py": MISSING, "Fn/unused.py": MISSING},
    )
    paths = {p.path for p in app.all_problems()}
    assert paths == {app.path("Fn/__init__.py"), app.path("Fn/helper.py")}


def test_an_edit_of_the_helper_updates_both_files(make_app: Build) -> None:
    app = _app(make_app, "from . import helper" + MAIN, {"Fn/helper.py": "X = 1\n"})
    workspace = Workspace()
    analyzer = Analyzer(workspace, Settings())
    entry, helper = app.path("Fn/__init__.py"), app.path("Fn/helper.py")
    workspace.sources.set_open(entry, 1, app.text("Fn/__init__.py"))
    workspace.sources.set_open(helper, 1, "X = 1\n")

    def codes(path: str) -> list[str]:
        return [p.code for p in analyzer.problems_for_file(path) if p.code.startswith("FUNC3")]

    assert codes(entry) == [] and codes(helper) == []
    workspace.sources.set_open(helper, 2, MISSING + "X = 1\n")
    assert codes(entry) == ["FUNC306"] and codes(helper) == ["FUNC306"]
    workspace.sources.set_open(helper, 3, "X = 2\n")
    assert codes(entry) == [] and codes(helper) == []


def test_a_result_reused_after_another_edit_still_follows_the_helper(make_app: Build) -> None:
    # the function's checks run again after an edit of local.settings.json and reuse what was
    # found about the helper: an edit of the helper must still reach them
    app = _app(make_app, "from . import helper" + MAIN, {"Fn/helper.py": "X = 1\n"})
    workspace = Workspace()
    analyzer = Analyzer(workspace, Settings())
    entry, helper = app.path("Fn/__init__.py"), app.path("Fn/helper.py")
    local = app.path("local.settings.json")
    for path in (entry, helper, local):
        workspace.sources.set_open(path, 1, open(path, encoding="utf-8").read())

    def codes() -> list[str]:
        return [p.code for p in analyzer.problems_for_file(entry) if p.code == "FUNC306"]

    assert codes() == []
    workspace.sources.set_open(local, 2, app.text("local.settings.json").replace("orders", "o2"))
    assert codes() == []
    workspace.sources.set_open(helper, 2, MISSING)
    assert codes() == ["FUNC306"]
