"""Choosing and applying fixes for `funcls check --fix` (funcls.core.fixing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from funcls.core.engine import Analyzer
from funcls.core.fixing import apply_edits, chosen_fix, conflicts, line_ending, select_fixes
from funcls.core.problems import Fix, Location, Problem, Related, Severity, Span, TextEdit
from funcls.core.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


def _problem(path: str = "/a", fixes: tuple[Fix, ...] = (), related: str | None = None) -> Problem:
    return Problem(
        code="FUNC000",
        severity=Severity.ERROR,
        message="m",
        path=path,
        span=Span(0, 1),
        fixes=fixes,
        related=(Related(Location(related, Span(0, 0)), "r"),) if related else (),
    )


def _fix(title: str, *edits: tuple[str, int, int, str], **flags: bool) -> Fix:
    return Fix(title, tuple(TextEdit(p, Span(s, e), t) for p, s, e, t in edits), **flags)


def test_the_safe_fix_is_chosen_and_unsafe_ones_only_on_request() -> None:
    guess = _fix("guess", ("/a", 0, 1, "x"), preferred=True)
    safe = _fix("safe", ("/a", 0, 1, "y"), preferred=True, safe=True)
    assert chosen_fix(_problem(fixes=(guess, safe))) is safe
    assert chosen_fix(_problem(fixes=(guess,))) is None
    assert chosen_fix(_problem(fixes=(guess,)), unsafe=True) is guess
    only = _fix("only", ("/a", 0, 1, "z"))
    assert chosen_fix(_problem(fixes=(only,)), unsafe=True) is only
    # Two fixes, none preferred: the choice is the user's even with --unsafe-fixes.
    assert chosen_fix(_problem(fixes=(only, guess.__class__("g", guess.edits))), True) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 2), (2, 4), False),  # adjacent replacements
        ((0, 3), (2, 4), True),  # overlapping
        ((2, 2), (2, 2), True),  # two insertions at one place: order unclear
        ((2, 2), (0, 4), True),  # insertion inside a replacement
        ((4, 4), (0, 4), True),  # insertion at a replacement's end
        ((5, 5), (0, 4), False),
    ],
)
def test_conflicts(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert conflicts(Span(*a), Span(*b)) is expected
    assert conflicts(Span(*b), Span(*a)) is expected


def test_select_keeps_non_overlapping_fixes_once_and_whole() -> None:
    texts = {"/a": "0123456789", "/b": "abc"}
    first = _fix("1", ("/a", 0, 2, "X"))
    same = _fix("1", ("/a", 0, 2, "X"))  # the same fix offered by a second problem
    overlapping = _fix("2", ("/b", 0, 1, "Q"), ("/a", 1, 3, "Y"))  # all or nothing
    later = _fix("3", ("/b", 0, 1, "Z"))
    outside = _fix("4", ("/a", 8, 12, "W"))
    unknown_file = _fix("5", ("/c", 0, 0, "V"))
    chosen = select_fixes(
        [
            (_problem(fixes=(f,)), f)
            for f in (first, same, overlapping, later, outside, unknown_file)
        ],
        texts,
    )
    assert chosen == [first, later]


def test_one_mismatch_seen_from_both_files_is_fixed_from_one_side_per_round() -> None:
    texts = {"/fn.json": '{"name": "msg"}', "/init.py": "def main(message): ..."}
    rename_binding = _fix("binding", ("/fn.json", 10, 13, "message"))
    rename_param = _fix("param", ("/init.py", 9, 16, "msg"))
    on_binding = _problem("/fn.json", (rename_binding,), related="/init.py")
    on_param = _problem("/init.py", (rename_param,), related="/fn.json")
    chosen = select_fixes([(on_binding, rename_binding), (on_param, rename_param)], texts)
    assert chosen == [rename_binding]


def test_apply_edits_in_any_order_and_following_crlf() -> None:
    text = '{\r\n  "a": 1\r\n}\r\n'
    edits = [
        TextEdit("/a", Span(11, 11), ',\n  "b": 2'),
        TextEdit("/a", Span(6, 7), "A"),
    ]
    assert apply_edits(text, edits) == '{\r\n  "A": 1,\r\n  "b": 2\r\n}\r\n'
    assert apply_edits("x\ny", [TextEdit("/a", Span(1, 1), "\n")]) == "x\n\ny"


def test_line_ending() -> None:
    assert line_ending("a\r\nb\r\n") == "\r\n"
    assert line_ending("a\nb") == "\n"
    assert line_ending("a\r\nb\n") is None
    # A mixed file keeps inserted text as the fix wrote it.
    assert apply_edits("a\r\nb\n", [TextEdit("/a", Span(0, 0), "x\n")]) == "x\na\r\nb\n"


def _fixture_problems() -> list[Problem]:
    analyzer = Analyzer(Workspace())
    roots = [REPO / "tests" / "apps", REPO / "tests" / "corpus", REPO / "examples"]
    return [p for ps in analyzer.check_paths([str(r) for r in roots]).values() for p in ps]


def test_safe_fixes_are_preferred_and_one_per_problem() -> None:
    problems = _fixture_problems()
    with_fixes = [p for p in problems if p.fixes]
    assert with_fixes, "the fixture apps offer fixes"
    assert any(f.safe for p in with_fixes for f in p.fixes), "some of them are safe"
    for problem in with_fixes:
        safe = [f for f in problem.fixes if f.safe]
        assert len(safe) <= 1, (problem.code, problem.message)
        assert all(f.preferred for f in safe), (problem.code, problem.message)


def _mutations(text: str) -> str:
    """Mistakes whose safe fix is exactly the original text: binding type casing, Cosmos DB 3.x
    names under a 4.x bundle, five-field schedules, lost Out[...] and list[...] annotations."""
    for old, new in (
        ('"type": "httpTrigger"', '"type": "HttpTrigger"'),
        ('"type": "timerTrigger"', '"type": "TimerTrigger"'),
        ('"type": "queue"', '"type": "Queue"'),
        ('"containerName"', '"collectionName"'),
        ('"leaseContainerName"', '"leaseCollectionName"'),
        ('"0 30 9 * * Mon-Fri"', '"30 9 * * Mon-Fri"'),
        ('"authLevel": "function"', '"authLevel": "Function"'),
    ):
        text = text.replace(old, new)
    return text


def _py_mutations(text: str) -> str:
    """An output parameter that lost its Out[...] (a one-line def only)."""
    import re

    return re.sub(r"^(def main\(.*): func\.Out\[([\w.]+)\]", r"\1: \2", text, flags=re.M)


@pytest.mark.parametrize(
    "name", ["cosmos-orders", "scheduled-jobs", "shop-api", "telemetry-ingest"]
)
def test_fix_undoes_mistakes_exactly(tmp_path: Path, name: str) -> None:
    import shutil

    from funcls.core.fixing import fix_paths

    app = tmp_path / name
    shutil.copytree(REPO / "tests" / "corpus" / name, app)
    files = [*app.rglob("function.json"), *app.rglob("__init__.py")]
    originals = {p: p.read_text(encoding="utf-8") for p in files}
    mutated = 0
    for path, text in originals.items():
        broken = _mutations(text) if path.name == "function.json" else _py_mutations(text)
        mutated += broken != text
        path.write_text(broken, encoding="utf-8")
    assert mutated, "the mutations touch the app"
    outcome = fix_paths(Analyzer(Workspace()), [str(app)])
    assert outcome.stable
    for path, text in originals.items():
        fixed = outcome.fixed.get(str(path))
        assert (fixed if fixed is not None else path.read_text(encoding="utf-8")) == text, path
