"""Checking in several processes gives exactly what checking in one gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from funcls.core import parallel
from funcls.core.engine import Analyzer
from funcls.core.workspace import Workspace

TESTS = Path(__file__).resolve().parents[2]
APPS = [
    TESTS / "corpus",
    TESTS / "realworld",
    TESTS / "apps",
]


@pytest.fixture
def small_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even for small apps, in shares of a few files, so every app here is split."""
    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    monkeypatch.setattr(parallel, "_BLOCK", 3)
    monkeypatch.setattr(parallel, "default_processes", lambda: 3)  # 3 even on 2 cores


@pytest.mark.skipif(not parallel.can_fork(), reason="needs the fork start method")
@pytest.mark.parametrize("folder", APPS, ids=lambda p: p.name)
def test_same_problems_in_several_processes(folder: Path, small_shares: None) -> None:
    alone = Analyzer(Workspace()).check_paths([str(folder)], processes=1)
    split = Analyzer(Workspace()).check_paths([str(folder)], processes=3)
    assert len(alone) > 20
    assert list(split) == list(alone)
    assert split == alone


@pytest.mark.skipif(not parallel.can_fork(), reason="needs the fork start method")
def test_the_children_did_the_work(small_shares: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent stores the children's results: it runs the file checks of its own share only
    (a child's calls are counted in the child's copy of the list)."""
    ran: list[object] = []
    analyzer = Analyzer(Workspace())
    original = analyzer._record

    def counting(which, key, subject, run):  # type: ignore[no-untyped-def]
        if which == 0:
            ran.append(key)
        return original(which, key, subject, run)

    monkeypatch.setattr(analyzer, "_record", counting)
    results = analyzer.check_paths([str(TESTS / "corpus")], processes=2)
    assert 0 < len(ran) < len(results) * 3 // 4
