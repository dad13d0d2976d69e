"""The parts of a parsed HTTP route template: segments of literals and parameters, each with
its span in the route text, and the template with the errors and warnings found in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from funcls.core.values.issue import ValueIssue


@dataclass(frozen=True, kw_only=True)
class RouteError(ValueIssue):
    """A route template problem (an error the host reports, or a warning when `warning`)."""


@dataclass(frozen=True)
class RouteConstraint:
    """One inline constraint such as `int` or `range(1,10)`; the span covers its text."""

    text: str
    name: str
    argument: str | None
    start: int
    end: int
    known: bool


@dataclass(frozen=True)
class RouteLiteral:
    """Literal text in a segment; `text` has `{{`/`}}` decoded."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class RouteParameter:
    """A `{...}` parameter; `start`/`end` cover the braces, `name_start`/`name_end` the name."""

    name: str
    start: int
    end: int
    name_start: int
    name_end: int
    optional: bool = False
    catch_all: bool = False
    encode_slashes: bool = True
    default: str | None = None
    constraints: tuple[RouteConstraint, ...] = ()


RoutePart = RouteLiteral | RouteParameter


@dataclass(frozen=True)
class RouteSegment:
    """The parts between two `/` separators."""

    parts: tuple[RoutePart, ...]
    start: int
    end: int

    @property
    def is_simple(self) -> bool:
        """True when the segment is a single literal or a single parameter."""
        return len(self.parts) == 1


@dataclass(frozen=True)
class RouteTemplate:
    """A parsed route: segments with spans, plus errors and warnings (never raised)."""

    text: str
    segments: tuple[RouteSegment, ...]
    errors: tuple[RouteError, ...] = field(default=())
    warnings: tuple[RouteError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the host would accept the template."""
        return not self.errors

    @property
    def parameters(self) -> tuple[RouteParameter, ...]:
        """All parameters, in order."""
        return tuple(
            part for seg in self.segments for part in seg.parts if isinstance(part, RouteParameter)
        )

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """The parameter names, in order (the keys of `req.route_params`)."""
        return tuple(p.name for p in self.parameters)
