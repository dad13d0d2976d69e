"""The `mistakes` fixture app: one app showing the semantic families side by side, as
`funcls check` prints them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import TESTS
from semantics.helpers import analyse, apply_fix, text_under

MISTAKES = TESTS / "apps" / "semantics" / "mistakes"
OURS = re.compile(r"^FUNC[1456]\d\d$")

EXPECTED = {
    ".funcignore": ["FUNC610"],
    "GetItem/function.json": ["FUNC118", "FUNC133"],
    "NightlyCleanup/function.json": ["FUNC102", "FUNC130", "FUNC138", "FUNC140", "FUNC513"],
    "ProcessOrder/function.json": ["FUNC122", "FUNC127", "FUNC510", "FUNC511", "FUNC511"],
    "host.json": ["FUNC401", "FUNC405", "FUNC408"],
    "local.settings.json": ["FUNC501", "FUNC504", "FUNC516"],
    "requirements.txt": ["FUNC600", "FUNC601"],
}


def _ours(root: Path) -> dict[str, list[str]]:
    found = analyse(root)
    result = {k: sorted(p.code for p in v if OURS.match(p.code)) for k, v in found.items()}
    return {k: v for k, v in result.items() if v}


def test_mistakes_app_reports_each_family() -> None:
    assert _ours(MISTAKES) == EXPECTED


def test_misplaced_setting_is_named_in_the_binding_problem() -> None:
    found = analyse(MISTAKES)["ProcessOrder/function.json"]
    problem = next(p for p in found if p.code == "FUNC510")
    assert "at the top level" in problem.message
    assert text_under(problem) == "OrdersQueue"
    assert problem.related[0].location.path.endswith("local.settings.json")


def test_applying_every_preferred_fix_leaves_fewer_problems(tmp_path: Path) -> None:
    root = tmp_path / "mistakes"
    shutil.copytree(MISTAKES, root)
    before = sum(len(v) for v in _ours(root).values())
    for _ in range(10):  # one preferred fix per round, since fixes shift the spans
        found = [p for items in analyse(root).values() for p in items if OURS.match(p.code)]
        fixable = [p for p in found if any(f.preferred for f in p.fixes)]
        if not fixable:
            break
        apply_fix(next(f for f in fixable[0].fixes if f.preferred))
    after = sum(len(v) for v in _ours(root).values())
    assert after < before
