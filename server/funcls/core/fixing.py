"""Applying the problems' own fixes to whole apps: what `funcls check --fix` does.

The fixes are the very `Fix` objects the editor offers as code actions. One round picks one fix
per problem (its safe fix; with `unsafe`, its preferred or only fix), keeps the fixes whose edits
overlap none already kept (a fix is all its edits or nothing, across files), applies them to the
texts and re-analyses; the rounds stop at a fixed point or after `max_rounds`. Fixed texts are
laid over the files as open buffers, so the analysis sees them and nothing is written here: the
caller writes them (or shows a diff).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from funcls.core.engine import Analyzer
from funcls.core.problems import Fix, Problem, Span, TextEdit
from funcls.core.sources import normalize_path

MAX_ROUNDS = 10


def chosen_fix(problem: Problem, unsafe: bool = False) -> Fix | None:
    """The fix `--fix` applies for `problem`: its safe fix; with `unsafe`, else its preferred
    fix or its only one. None when the choice is the user's."""
    for fix in problem.fixes:
        if fix.safe:
            return fix
    if not unsafe or not problem.fixes:
        return None
    preferred = [f for f in problem.fixes if f.preferred]
    if preferred:
        return preferred[0]
    return problem.fixes[0] if len(problem.fixes) == 1 else None


def conflicts(a: Span, b: Span) -> bool:
    """True when two edits cannot both apply in one pass: they overlap, or one inserts at a
    place the other also inserts at or replaces (whose text would go first is unclear)."""
    if a.start < b.end and b.start < a.end:
        return True
    if a.start == a.end and b.start <= a.start <= b.end:
        return True
    return b.start == b.end and a.start <= b.start <= a.end


def select_fixes(candidates: Iterable[tuple[Problem, Fix]], texts: dict[str, str]) -> list[Fix]:
    """The fixes, in order, that can apply together: each once, every edit inside its file's
    text, no edit conflicting with an edit of a fix kept before it, and not two fixes for one
    cross-file mismatch seen from both sides (a problem in X pointing at Y and one in Y pointing
    at X: a parameter without its binding and the binding without its parameter, whose fixes
    undo each other). The others wait for the next round, re-analysed. In a v2 file both sides
    are in one file and point at the same def: one fix per place pointed at in a round."""
    kept: list[Fix] = []
    claimed: dict[str, list[Span]] = {}
    links: set[tuple[str, str]] = set()
    pointed: set[tuple[str, Span]] = set()
    seen: set[Fix] = set()
    for problem, fix in candidates:
        if fix in seen or not fix.edits:
            continue
        seen.add(fix)
        pointing = {(problem.path, r.location.path) for r in problem.related}
        pointing = {(a, b) for a, b in pointing if a != b}
        if any((b, a) in links for a, b in pointing):
            continue
        near = {
            (r.location.path, r.location.span)
            for r in problem.related
            if r.location.path == problem.path
        }
        if near & pointed:
            continue
        fits = all(
            edit.path in texts and 0 <= edit.span.start <= edit.span.end <= len(texts[edit.path])
            for edit in fix.edits
        )
        if not fits or _self_conflicting(fix.edits):
            continue
        if any(
            conflicts(edit.span, other)
            for edit in fix.edits
            for other in claimed.get(edit.path, ())
        ):
            continue
        kept.append(fix)
        links.update(pointing)
        pointed.update(near)
        for edit in fix.edits:
            claimed.setdefault(edit.path, []).append(edit.span)
    return kept


def _self_conflicting(edits: Sequence[TextEdit]) -> bool:
    for i, edit in enumerate(edits):
        for other in edits[i + 1 :]:
            if other.path == edit.path and conflicts(edit.span, other.span):
                return True
    return False


def line_ending(text: str) -> str | None:
    """ "\\r\\n" for a file whose every line break is CRLF, "\\n" when none is; None if mixed."""
    crlf = text.count("\r\n")
    if crlf == 0:
        return "\n"
    return "\r\n" if crlf == text.count("\n") else None


def apply_edits(text: str, edits: Sequence[TextEdit]) -> str:
    """`text` with non-conflicting `edits` applied; inserted line breaks follow a CRLF file."""
    crlf = line_ending(text) == "\r\n"
    result = text
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
        new_text = edit.new_text
        if crlf:
            new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")
        result = result[: edit.span.start] + new_text + result[edit.span.end :]
    return result


@dataclass
class FixOutcome:
    """What a `--fix` run changed: original and fixed texts of the edited files, and counts."""

    original: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)
    applied: int = 0
    rounds: int = 0
    stable: bool = True

    def changed(self) -> list[str]:
        """Paths whose text differs from the original, sorted."""
        return sorted(p for p, t in self.fixed.items() if t != self.original.get(p))


def fix_paths(
    analyzer: Analyzer,
    paths: Sequence[str],
    *,
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
) -> FixOutcome:
    """Apply fixes to every app at or below `paths` until none is left (or `max_rounds`).

    Only files inside the apps found are edited. The fixed texts stay laid over the files in
    `analyzer`'s workspace, so a later `check_paths` reports what remains after fixing.
    """
    outcome = FixOutcome()
    sources = analyzer.workspace.sources
    roots = [r.rstrip(os.sep) + os.sep for r in analyzer.workspace.find_app_roots(paths)]
    for round_number in range(1, max_rounds + 1):
        results = analyzer.check_paths(paths)
        candidates: list[tuple[Problem, Fix]] = []
        for problems in results.values():
            for problem in problems:
                fix = chosen_fix(problem, unsafe)
                if fix is not None:
                    candidates.append((problem, fix))
        texts = _texts(analyzer, (fix for _, fix in candidates), roots)
        selected = select_fixes(candidates, texts)
        if not selected:
            return outcome
        outcome.rounds = round_number
        outcome.applied += len(selected)
        by_path: dict[str, list[TextEdit]] = {}
        for fix in selected:
            for edit in fix.edits:
                by_path.setdefault(edit.path, []).append(edit)
        for path, edits in by_path.items():
            outcome.original.setdefault(path, texts[path])
            new_text = apply_edits(texts[path], edits)
            outcome.fixed[path] = new_text
            sources.set_open(path, round_number, new_text)
    outcome.stable = not any(
        chosen_fix(p, unsafe) for ps in analyzer.check_paths(paths).values() for p in ps
    )
    return outcome


def _texts(analyzer: Analyzer, fixes: Iterable[Fix], roots: Sequence[str]) -> dict[str, str]:
    """Current texts of the files the fixes edit, for files inside the checked apps only."""
    texts: dict[str, str] = {}
    for fix in fixes:
        for edit in fix.edits:
            if edit.path in texts:
                continue
            if not any(normalize_path(edit.path).startswith(root) for root in roots):
                continue
            source = analyzer.workspace.read(edit.path)
            if source is not None and source.text is not None:
                texts[edit.path] = source.text
    return texts
