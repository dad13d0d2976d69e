"""Edits of open v2 modules: the app model follows them, and the incremental results equal a
fresh analysis (a blueprint's edit reaches the route conflict reported in function_app.py)."""

from __future__ import annotations

import itertools
from pathlib import Path

from funcls.core.engine import Analyzer
from funcls.core.problems import Problem
from funcls.core.sources import Sources
from funcls.core.workspace import Workspace
from unit.v2model.helpers import v2_app

ENTRY = (
    "import azure.functions as func\nfrom more import bp\n\napp = func.FunctionApp()\n"
    "app.register_functions(bp)\n\n"
    "@app.route(route='{route}')\ndef hi(req: func.HttpRequest) -> func.HttpResponse: ...\n"
)
BLUEPRINT = (
    "import azure.functions as func\n\nbp = func.Blueprint()\n\n"
    "@bp.route(route='{route}')\ndef {name}(req: func.HttpRequest) -> func.HttpResponse: ...\n"
)
VARIANTS = {
    "function_app.py": [ENTRY.format(route="hi"), ENTRY.format(route="items"), "app = ("],
    "more.py": [
        BLUEPRINT.format(route="other", name="other"),
        BLUEPRINT.format(route="hi", name="other"),
        BLUEPRINT.format(route="x", name="hi"),
        BLUEPRINT.format(route="other", name="other").replace("(req:", "(request:"),
    ],
}


def _keys(problems: list[Problem]) -> list[tuple[object, ...]]:
    return [(p.code, p.path, p.span, p.message) for p in problems]


def _all(analyzer: Analyzer, root: Path) -> dict[str, list[tuple[object, ...]]]:
    return {name: _keys(analyzer.problems_for_file(str(root / name))) for name in VARIANTS}


def _fresh(sources: Sources, root: Path) -> dict[str, list[tuple[object, ...]]]:
    copy = Sources()
    for path in sources.open_paths():
        source = sources.read(path)
        assert source is not None and source.text is not None
        copy.set_open(path, 1, source.text)
    return _all(Analyzer(Workspace(copy)), root)


def test_a_route_conflict_follows_an_edit_of_the_blueprint(tmp_path: Path) -> None:
    v2_app(tmp_path, VARIANTS["function_app.py"][0], {"more.py": VARIANTS["more.py"][0]})
    workspace = Workspace()
    for name, texts in VARIANTS.items():
        workspace.sources.set_open(str(tmp_path / name), 1, texts[0])
    analyzer = Analyzer(workspace)
    entry = str(tmp_path / "function_app.py")

    def conflicts() -> list[str]:
        return [p.code for p in analyzer.problems_for_file(entry) if p.code == "FUNC136"]

    assert conflicts() == []
    workspace.sources.set_open(str(tmp_path / "more.py"), 2, VARIANTS["more.py"][1])
    assert conflicts() == ["FUNC136"]
    workspace.sources.set_open(str(tmp_path / "more.py"), 3, VARIANTS["more.py"][0])
    assert conflicts() == []


def test_incremental_results_equal_a_fresh_analysis(tmp_path: Path) -> None:
    v2_app(tmp_path, VARIANTS["function_app.py"][0], {"more.py": VARIANTS["more.py"][0]})
    workspace = Workspace()
    for name, texts in VARIANTS.items():
        workspace.sources.set_open(str(tmp_path / name), 1, texts[0])
    analyzer = Analyzer(workspace)
    _all(analyzer, tmp_path)
    edits = [(name, index) for name, texts in VARIANTS.items() for index in range(len(texts))]
    version = 2
    for first, second in itertools.permutations(edits, 2):
        for name, index in (first, second):
            workspace.sources.set_open(str(tmp_path / name), version, VARIANTS[name][index])
            version += 1
            assert _all(analyzer, tmp_path) == _fresh(workspace.sources, tmp_path)
