"""The problem record shared by the value parsers: a span inside one string value and a message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ValueIssue:
    """A problem found in a string value.

    `start`/`end` are code-point offsets into the string value (half-open). `suggestion`, when
    set, is a complete replacement for the whole string value that fixes the problem. `warning`
    marks issues the runtime tolerates but that are very likely mistakes. `code` is a short stable
    identifier (for example `ncrontab.five-fields`) that callers can map to their own codes.
    """

    start: int
    end: int
    message: str
    code: str = ""
    suggestion: str | None = None
    warning: bool = False
