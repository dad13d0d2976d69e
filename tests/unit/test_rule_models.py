"""The model column of `funcls rules`: a classic-only code never shows on a v2 app, a v2 code
never on a classic one, and every code named is a real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from funcls.core.checks.registry import ALL_CODES, CLASSIC_ONLY, V2_ONLY, model_of
from unit.semantics.helpers import problems
from unit.v2model.helpers import HEAD, v2_app
from unit.v2model.test_fixes import BROKEN

TESTS = Path(__file__).resolve().parents[1]
V2_APPS = sorted(p for p in (TESTS / "apps" / "v2").iterdir() if p.is_dir())
CLASSIC_APPS = [
    TESTS / "corpus" / n for n in ("shop-api", "worker-edge-shapes", "storage-pipeline")
]


def test_every_code_named_exists() -> None:
    ids = {c.id for c in ALL_CODES}
    assert CLASSIC_ONLY <= ids
    assert V2_ONLY <= ids
    assert {model_of(i) for i in ids} == {"classic", "v2", "both"}


@pytest.mark.parametrize("app", V2_APPS, ids=lambda p: p.name)
def test_no_classic_code_on_a_v2_sample(app: Path, tmp_path: Path) -> None:
    shutil.copytree(app, tmp_path / app.name)
    seen = {p.code for p in problems(tmp_path / app.name)}
    assert not seen & CLASSIC_ONLY


@pytest.mark.parametrize("source", BROKEN)
def test_no_classic_code_on_a_broken_v2_app(tmp_path: Path, source: str) -> None:
    v2_app(tmp_path, HEAD + source)
    seen = {p.code for p in problems(tmp_path)}
    assert seen  # they are broken
    assert not seen & CLASSIC_ONLY


@pytest.mark.parametrize("app", CLASSIC_APPS, ids=lambda p: p.name)
def test_no_v2_code_on_a_classic_app(app: Path, tmp_path: Path) -> None:
    shutil.copytree(app, tmp_path / app.name)
    seen = {p.code for p in problems(tmp_path / app.name)}
    assert not seen & V2_ONLY
