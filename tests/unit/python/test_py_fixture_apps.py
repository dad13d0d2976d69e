"""The fixture apps under tests/apps/crosscheck: correct variants give no problem, each broken
function gives exactly the expected problems, and the real-world corpus stays clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from funcls.core.engine import Analyzer
from funcls.core.problems import Problem, Severity
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

APPS = Path(__file__).resolve().parents[2] / "apps" / "crosscheck"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _ours(root: Path) -> dict[str, list[Problem]]:
    results = Analyzer(Workspace(), Settings()).check_paths([str(root)])
    return {
        str(Path(path).relative_to(root)): [
            p
            for p in problems
            if p.code[:5] in ("FUNC2", "FUNC3") and p.severity <= Severity.WARNING
        ]
        for path, problems in results.items()
    }


def test_correct_variants_have_no_problem() -> None:
    found = {k: v for k, v in _ours(APPS / "variants").items() if v}
    assert found == {}


def test_broken_functions_report_exactly_their_mistake() -> None:
    found = {k: sorted(p.code for p in v) for k, v in _ours(APPS / "broken").items() if v}
    assert found == {
        "RenamedOutput/__init__.py": ["FUNC210"],
        "RenamedOutput/function.json": ["FUNC211"],
        "WrongAnnotation/__init__.py": ["FUNC217"],
        "WrongAnnotation/function.json": ["FUNC217"],
        "SiblingImport/__init__.py": ["FUNC303"],
    }


@pytest.mark.parametrize(
    "app",
    sorted(p.name for p in CORPUS.iterdir() if (p / "host.json").exists())
    if CORPUS.exists()
    else [],
)
def test_corpus_app_has_no_error_or_warning(app: str) -> None:
    found = {k: [p.message for p in v] for k, v in _ours(CORPUS / app).items() if v}
    assert found == {}
