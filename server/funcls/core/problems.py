"""Plain results of every check: problems with exact spans, related places and mechanical fixes.

Spans are offsets in Python code points into a file's decoded text (after a UTF-8 BOM is removed).
The LSP layer converts them into the client's position encoding; nothing here knows about LSP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Severity levels, numbered as LSP numbers them so the edge can pass them through."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4

    @classmethod
    def parse(cls, text: str) -> Severity | None:
        """Read a severity name as users write it in settings (`error`, `warning`, `info`, ...)."""
        key = text.strip().lower()
        aliases = {"info": "information", "information": "information", "warn": "warning"}
        key = aliases.get(key, key)
        for member in cls:
            if member.name.lower() == key:
                return member
        return None


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range [start, end) of code-point offsets into one file's text."""

    start: int
    end: int

    def contains(self, offset: int) -> bool:
        """True when `offset` lies inside the span or touches its end (cursor semantics)."""
        return self.start <= offset <= self.end


@dataclass(frozen=True)
class Location:
    """A span in a named file (an absolute, normalised filesystem path)."""

    path: str
    span: Span


@dataclass(frozen=True)
class TextEdit:
    """Replace `span` of the file at `path` by `new_text`."""

    path: str
    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A mechanical fix offered for a problem: one or more edits, possibly across files.

    `preferred` marks the fix an editor offers first. `safe` marks a preferred fix that
    `funcls check --fix` applies without review: it either changes nothing the runtime sees
    (casing) or is the one evident repair of something the runtime refuses (a renamed property,
    a missing seconds field, a missing Out[...]). A fix is never safe when it guesses among
    similar names, chooses a value the user must choose (a setting, a bundle range), deletes
    what the user wrote, renames Python code or moves a secret; those need `--unsafe-fixes`.
    """

    title: str
    edits: tuple[TextEdit, ...]
    preferred: bool = False
    safe: bool = False


@dataclass(frozen=True)
class Related:
    """Another place that explains a problem (the other side of a cross-file mismatch)."""

    location: Location
    message: str


@dataclass(frozen=True)
class Code:
    """A stable problem code with its default severity and a one-line summary for the docs."""

    id: str
    severity: Severity
    summary: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """One finding, anchored on the exact key, value, parameter or annotation at fault."""

    code: str
    severity: Severity
    message: str
    path: str
    span: Span
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    unnecessary: bool = False
    deprecated: bool = False
    data: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def make_problem(
    code: Code,
    message: str,
    path: str,
    span: Span,
    *,
    related: tuple[Related, ...] = (),
    fixes: tuple[Fix, ...] = (),
    unnecessary: bool = False,
    deprecated: bool = False,
) -> Problem:
    """Build a problem with the code's default severity (settings may override it later)."""
    return Problem(
        code=code.id,
        severity=code.severity,
        message=message,
        path=path,
        span=span,
        related=related,
        fixes=fixes,
        unnecessary=unnecessary,
        deprecated=deprecated,
    )
