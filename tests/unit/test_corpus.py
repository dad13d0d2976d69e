"""The false-positive guard: correct real-world apps get no errors and no warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from funcls.core.engine import Analyzer
from funcls.core.problems import Severity
from funcls.core.workspace import Workspace

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
APPS = sorted(p.parent for p in CORPUS.glob("*/host.json"))
# Warnings that are true of an otherwise correct app.
EXPECTED = {"cosmos-legacy-bundle3": {"FUNC405"}}  # bundle 3.x is deprecated (C-13)


def test_the_corpus_is_broad() -> None:
    functions = list(CORPUS.glob("*/*/function.json"))
    assert len(APPS) >= 15 and len(functions) >= 90
    types = set()
    for path in functions:
        text = path.read_text(encoding="utf-8-sig")
        for kind in (
            "httpTrigger",
            "timerTrigger",
            "blobTrigger",
            "queueTrigger",
            "serviceBusTrigger",
            "eventHubTrigger",
            "eventGridTrigger",
            "cosmosDBTrigger",
            "orchestrationTrigger",
            "activityTrigger",
            "entityTrigger",
            "durableClient",
            "sql",
        ):
            if f'"{kind}"' in text:
                types.add(kind)
    assert len(types) == 13


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_no_errors_or_warnings(app: Path) -> None:
    results = Analyzer(Workspace()).check_paths([str(app)])
    assert results, "the app was not found"
    found = [
        f"{Path(path).relative_to(app)}: {p.code} {p.message}"
        for path, problems in results.items()
        for p in problems
        if p.severity <= Severity.WARNING and p.code not in EXPECTED.get(app.name, set())
    ]
    assert found == []
