"""Files that cannot be analysed (binary, invalid UTF-8, over the size limit) say so."""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.checks.base import CheckContext
from funcls.core.checks.json_checks import unreadable_problem
from funcls.core.problems import Problem
from funcls.core.sources import SourceFile


def check_unreadable(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """One FUNC003 at the start of a file that has no analysable text."""
    return [unreadable_problem(source)] if source.text is None and source.unreadable else []
