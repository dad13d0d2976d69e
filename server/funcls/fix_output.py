"""What `funcls check --fix` / `--diff` does with fixed texts: write them back byte-faithfully, or
print them as a unified diff, and say on stderr what was fixed and what remains."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable

from funcls.core.fixing import FixOutcome, chosen_fix
from funcls.core.problems import Problem

_BOM = b"\xef\xbb\xbf"


def write(outcome: FixOutcome) -> bool:
    """Write every changed file: UTF-8, its byte-order mark kept, line endings as fixed (the
    texts keep the file's own CRLF or LF, and inserted lines follow it). False when a file could
    not be written (said on stderr)."""
    written = True
    for path in outcome.changed():
        data = outcome.fixed[path].encode("utf-8", "surrogatepass")
        try:
            with open(path, "rb") as handle:
                bom = handle.read(3) == _BOM
            with open(path, "wb") as handle:
                handle.write((_BOM if bom else b"") + data)
        except OSError as exc:
            print(f"funcls: {path}: not fixed: {exc.strerror or exc}", file=sys.stderr)
            written = False
    return written


def unified_diff(outcome: FixOutcome, display: Callable[[str], str]) -> str:
    """Every changed file as a unified diff (`a/` and `b/` prefixed paths, as git prints)."""
    chunks: list[str] = []
    for path in outcome.changed():
        shown = display(path).replace(os.sep, "/")
        lines = difflib.unified_diff(
            outcome.original[path].splitlines(keepends=True),
            outcome.fixed[path].splitlines(keepends=True),
            fromfile=f"a/{shown}",
            tofile=f"b/{shown}",
        )
        for line in lines:
            chunks.append(
                line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            )
    return "".join(chunks)


def summary(
    outcome: FixOutcome, remaining: dict[str, list[Problem]], unsafe: bool, *, written: bool
) -> None:
    """One line on stderr: how many fixes went into how many files, what is left (the problems
    shown, at or above --severity) and how many of those `--unsafe-fixes` would fix."""
    files = len(outcome.changed())
    verb = "fixed" if written else "would fix"
    left = sum(len(ps) for ps in remaining.values())
    line = (
        f"funcls: {verb} {outcome.applied} problem{'s' if outcome.applied != 1 else ''} in "
        f"{files} file{'s' if files != 1 else ''}, {left} remaining"
    )
    if not unsafe:
        more = sum(1 for ps in remaining.values() for p in ps if chosen_fix(p, unsafe=True))
        if more:
            line += f" ({more} fixable with --unsafe-fixes)"
    print(line, file=sys.stderr)
    if not outcome.stable:
        print(
            f"funcls: stopped after {outcome.rounds} rounds of fixes; run again to continue",
            file=sys.stderr,
        )
