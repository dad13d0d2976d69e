"""Real-world apps (tests/realworld): every error and warning is one a reviewer agreed with.

Each app reproduces the shape of a public classic-model app (see tests/realworld/README.md) and
carries `expected.json`: the reviewed list of errors and warnings (code, severity, file, line and
the reason; `min_python` when the worker's verdict depends on the analysed interpreter). A
diagnostic that is not expected fails (a new false positive), and so does an expected one that is
no longer reported (a lost true positive).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from funcls.core.engine import Analyzer
from funcls.core.problems import Severity
from funcls.core.text import LineIndex
from funcls.core.workspace import Workspace

CORPUS = Path(__file__).resolve().parents[1] / "realworld"
APPS = sorted(p.parent for p in CORPUS.glob("*/expected.json"))


def _found(app: Path) -> list[dict[str, Any]]:
    """Errors and warnings funcls reports on the app, with 1-based lines."""
    analyzer = Analyzer(Workspace())
    results = analyzer.check_paths([str(app)])
    assert results, "the app was not found"
    found = []
    for path, problems in sorted(results.items()):
        source = analyzer.workspace.read(path)
        index = LineIndex(source.text if source is not None and source.text is not None else "")
        relative = os.path.relpath(path, os.path.normcase(str(app))).replace(os.sep, "/")
        for problem in problems:
            if problem.severity <= Severity.WARNING:
                found.append(
                    {
                        "code": problem.code,
                        "severity": problem.severity.name.lower(),
                        "file": relative,
                        "line": index.position(problem.span.start)[0] + 1,
                        "message": problem.message,
                    }
                )
    return found


def test_the_corpus_is_broad() -> None:
    origins = (CORPUS / "README.md").read_text(encoding="utf-8")
    python_apps = [a for a in APPS if list(a.glob("*/*.py"))]
    assert len(python_apps) >= 30 and len(list(CORPUS.glob("*/*/function.json"))) >= 100
    assert all(f"`{app.name}`" in origins for app in APPS)


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_errors_and_warnings_are_the_reviewed_ones(app: Path) -> None:
    review = json.loads((app / "expected.json").read_text(encoding="utf-8"))
    assert all(e["reason"] for e in review["expected"])
    # an entry with min_python is expected only when the analysed interpreter is that recent
    remaining = [
        (e["code"], e["severity"], e["file"], e["line"])
        for e in review["expected"]
        if sys.version_info[:2] >= tuple(e.get("min_python", (3, 0)))
    ]
    unexpected = []
    for problem in _found(app):
        key = (problem["code"], problem["severity"], problem["file"], problem["line"])
        if key in remaining:
            remaining.remove(key)
        else:
            unexpected.append(f"{key}: {problem['message']}")
    assert (unexpected, remaining) == ([], []), "unreviewed (first) or lost (second) diagnostics"
