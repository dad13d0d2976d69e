"""HTTP trigger route templates as ASP.NET Core parses them for the Functions host (H-30..H-32).

The host registers `<routePrefix>/<route>` (just `<route>` when the prefix is empty) with
ASP.NET Core routing, which trims one leading `~/` or `/` from that whole template, then parses
segments: literals (`{{`/`}}` are literal braces; `?` is not allowed), parameters `{name}`,
`{name?}`, `{name=default}`, `{name:constraint(args):constraint}`, `{*catchall}` and
`{**catchall}`. Constraint names are resolved case-insensitively when the route is created; an
unknown one fails the route.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from funcls.core.values.issue import ValueIssue

RESERVED_PREFIXES: tuple[str, ...] = ("admin", "runtime")

# Constraint name -> allowed argument lists (each a tuple of argument kinds).
_CONSTRAINTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "int": ((),),
    "long": ((),),
    "bool": ((),),
    "datetime": ((),),
    "decimal": ((),),
    "double": ((),),
    "float": ((),),
    "guid": ((),),
    "alpha": ((),),
    "required": ((),),
    "file": ((),),
    "nonfile": ((),),
    "minlength": (("int",),),
    "maxlength": (("int",),),
    "length": (("int",), ("int", "int")),
    "min": (("long",),),
    "max": (("long",),),
    "range": (("long", "long"),),
    "regex": (("regex",),),
}
KNOWN_CONSTRAINTS: frozenset[str] = frozenset(_CONSTRAINTS)
"""Inline constraint names ASP.NET Core resolves (compared case-insensitively)."""

_EXAMPLES = {
    "minlength": "minlength(3)",
    "maxlength": "maxlength(20)",
    "length": "length(6) or length(1,20)",
    "min": "min(1)",
    "max": "max(100)",
    "range": "range(1,100)",
    "regex": r"regex(^\d{{3}}$)",
}
# Common wrong names -> the constraint meant (None: no constraint is needed or none fits).
_ALIASES: dict[str, str | None] = {
    "integer": "int",
    "number": "int",
    "num": "int",
    "digits": "int",
    "int32": "int",
    "int64": "long",
    "boolean": "bool",
    "uuid": "guid",
    "date": "datetime",
    "time": "datetime",
    "timestamp": "datetime",
    "numeric": "decimal",
    "letters": "alpha",
    "regexp": "regex",
    "re": "regex",
    "pattern": "regex",
    "len": "length",
    "min_length": "minlength",
    "max_length": "maxlength",
    "string": None,
    "str": None,
    "path": None,
}
_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_DOTNET_WS = "\t\n\v\f\r "


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


class _Abort(Exception):
    """A syntax error that ends the current segment."""

    def __init__(self, error: RouteError, resume: int) -> None:
        super().__init__(error.message)
        self.error = error
        self.resume = resume


def _err(
    start: int,
    end: int,
    code: str,
    message: str,
    *,
    suggestion: str | None = None,
    warning: bool = False,
) -> RouteError:
    return RouteError(
        start=start,
        end=end,
        code=code,
        message=message,
        suggestion=suggestion,
        warning=warning,
    )


_MISMATCHED = (
    "There is an incomplete parameter in the route template: every '{' needs a matching '}' "
    "(write '{{' and '}}' for literal braces)."
)


def _dotnet_int(text: str, bounds: tuple[int, int]) -> int | None:
    stripped = text.strip(_DOTNET_WS)
    if not re.fullmatch(r"[+-]?[0-9]+", stripped):
        return None
    value = int(stripped)
    return value if bounds[0] <= value <= bounds[1] else None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.errors: list[RouteError] = []
        self.warnings: list[RouteError] = []
        self.names: dict[str, RouteParameter] = {}

    # -- literals and parameters ------------------------------------------------------------

    def literal(self, i: int) -> tuple[RouteLiteral, int]:
        """Read a literal part starting at `i`; returns it and the index after it."""
        text, n = self.text, self.n
        mark = i
        while True:
            c = text[i]
            if c == "/":
                break
            if c == "{":
                if i + 1 >= n:
                    raise _Abort(_err(i, i + 1, "route.unbalanced-brace", _MISMATCHED), n)
                if text[i + 1] == "{":
                    i += 1
                else:
                    break
            elif c == "}":
                if i + 1 >= n or text[i + 1] != "}":
                    raise _Abort(
                        _err(
                            i,
                            i + 1,
                            "route.unbalanced-brace",
                            "This '}' has no matching '{'; write '}}' for a literal brace.",
                        ),
                        i + 1,
                    )
                i += 1
            i += 1
            if i >= n:
                break
        raw = text[mark:i]
        decoded = raw.replace("}}", "}").replace("{{", "{")
        if "?" in decoded:
            q = mark + raw.index("?")
            raise _Abort(
                _err(
                    q,
                    q + 1,
                    "route.question-mark",
                    f"The literal '{decoded}' contains '?', which a route cannot contain. A query "
                    "string is not part of the route: read it from req.params. For an optional "
                    "parameter write {name?}.",
                ),
                i,
            )
        return RouteLiteral(decoded, mark, i), i

    def parameter(self, i: int) -> tuple[RouteParameter, int]:
        """Read a `{...}` parameter starting at `i`; returns it and the index after it."""
        text, n = self.text, self.n
        mark = i
        j = i + 1
        while True:
            c = text[j]
            if c == "{":
                j += 1
                if j >= n:
                    raise _Abort(_err(mark, n, "route.unbalanced-brace", _MISMATCHED), n)
                if text[j] != "{":
                    raise _Abort(
                        _err(
                            j - 1,
                            j,
                            "route.unescaped-brace",
                            "Inside a route parameter '{' and '}' must be doubled ('{{', '}}'), "
                            "for example in regex(^\\d{{3}}$).",
                        ),
                        j,
                    )
            elif c == "}":
                j += 1
                if j >= n or text[j] != "}":
                    break
            j += 1
            if j >= n:
                raise _Abort(_err(mark, n, "route.unbalanced-brace", _MISMATCHED), n)
        raw = text[mark:j]
        if raw == "{}":
            raise _Abort(
                _err(mark, j, "route.empty-name", "A route parameter needs a name: {name}."), j
            )
        return self.parameter_body(mark, j), j

    def parameter_body(self, mark: int, end: int) -> RouteParameter:
        """Decode and check the parameter occupying text[mark:end] (braces included)."""
        text = self.text
        inner_start, inner_end = mark + 1, end - 1
        decoded_chars: list[str] = []
        offsets: list[int] = []
        k = inner_start
        while k < inner_end:
            pair = text[k : k + 2]
            if pair in ("}}", "{{") and k + 1 < inner_end:
                decoded_chars.append(pair[0])
                offsets.append(k)
                k += 2
            else:
                decoded_chars.append(text[k])
                offsets.append(k)
                k += 1
        param = "".join(decoded_chars)
        offsets.append(inner_end)

        def at(idx: int) -> int:
            return offsets[max(0, min(idx, len(offsets) - 1))]

        start_index, end_index = 0, len(param) - 1
        catch_all = False
        encode = True
        optional = False
        if param.startswith("**"):
            catch_all, encode, start_index = True, False, 2
        elif param.startswith("*"):
            catch_all, start_index = True, 1
        if param.endswith("?"):
            optional = True
            end_index -= 1
        cur = start_index
        name = ""
        while cur <= end_index:
            ch = param[cur]
            if ch in ":=" and cur != start_index:
                name = param[start_index:cur]
                cur -= 1
                break
            if cur == end_index:
                name = param[start_index : cur + 1]
            cur += 1
        raw_constraints, cur = _parse_constraints(param, cur, end_index)
        default: str | None = None
        if cur <= end_index and param[cur] == "=":
            default = param[cur + 1 : end_index + 1]
        name_start = at(start_index)
        name_end = at(start_index + len(name))
        constraints = tuple(
            self.constraint(c_text, at(c_lo), at(c_hi)) for c_text, c_lo, c_hi in raw_constraints
        )
        result = RouteParameter(
            name=name,
            start=mark,
            end=end,
            name_start=name_start,
            name_end=name_end,
            optional=optional and not catch_all,
            catch_all=catch_all,
            encode_slashes=encode,
            default=default,
            constraints=constraints,
        )
        if catch_all and optional:
            raise _Abort(
                _err(
                    mark,
                    end,
                    "route.catch-all-optional",
                    "A catch-all parameter cannot be marked optional: it already matches an "
                    "empty remainder. Remove the '?'.",
                ),
                end,
            )
        if optional and default is not None:
            raise _Abort(
                _err(
                    mark,
                    end,
                    "route.optional-default",
                    f"The parameter '{name}' cannot be both optional ('?') and have a default "
                    "('='); keep one of them.",
                ),
                end,
            )
        bad = [c for c in name if c in "/{}?*"]
        if not name or bad:
            detail = "is empty" if not name else f"contains '{bad[0]}'"
            raise _Abort(
                _err(
                    mark,
                    end,
                    "route.invalid-name",
                    f"The route parameter name '{name}' {detail}. Names must be non-empty and "
                    "cannot contain '/', '{', '}', '?' or '*' ('?' may only end a parameter and "
                    "'*' only start a catch-all).",
                ),
                end,
            )
        key = name.lower()
        if key in self.names:
            first = self.names[key]
            self.errors.append(
                _err(
                    name_start,
                    name_end,
                    "route.duplicate-name",
                    f"The route parameter '{name}' appears more than once (names are compared "
                    f"case-insensitively; first use: '{first.name}').",
                )
            )
        else:
            self.names[key] = result
        if name != name.strip() or any(ch.isspace() for ch in name):
            self.warnings.append(
                _err(
                    name_start,
                    name_end,
                    "route.name-whitespace",
                    f"The parameter name '{name}' contains white space, which becomes part of the "
                    "name in req.route_params.",
                    warning=True,
                )
            )
        elif name[0] in ":=":
            self.warnings.append(
                _err(
                    name_start,
                    name_end,
                    "route.name-delimiter",
                    f"The parameter is named '{name}': a name is needed before "
                    f"'{name[0]}', as in {{id{name}}}.",
                    warning=True,
                )
            )
        return result

    # -- constraints ----------------------------------------------------------------------

    def constraint(self, text: str, start: int, end: int) -> RouteConstraint:
        """Resolve one inline constraint as the constraint resolver does."""
        paren = text.find("(")
        if paren >= 0 and text.endswith(")"):
            key, argument = text[:paren], text[paren + 1 : -1]
        else:
            key, argument = text, None
        lowered = key.lower()
        known = lowered in _CONSTRAINTS
        result = RouteConstraint(text, key, argument, start, end, known)
        if not known:
            self.errors.append(self.unknown_constraint(result))
            return result
        problem = _check_arguments(lowered, argument)
        if problem:
            self.errors.append(_err(start, end, "route.constraint-arguments", problem))
        return result

    def unknown_constraint(self, c: RouteConstraint) -> RouteError:
        """The error for a constraint name the resolver does not know, with a fix."""
        lowered = c.name.lower()
        name_end = c.start + len(c.name)
        suggestion: str | None = None
        if lowered in _ALIASES:
            target = _ALIASES[lowered]
            if target is None:
                # No constraint is needed: drop ':name' (the preceding colon included).
                lo = c.start - 1 if c.start > 0 and self.text[c.start - 1] == ":" else c.start
                suggestion = self.text[:lo] + self.text[c.end :]
                hint = (
                    f"Route values are strings already, so ':{c.name}' is not needed; remove it."
                    if lowered in ("string", "str")
                    else f"There is no '{c.name}' constraint; remove it, or use a catch-all "
                    "{*name} for a value that spans several segments."
                )
            else:
                suggestion = self.text[: c.start] + target + self.text[name_end:]
                hint = f"Did you mean '{target}'?"
        else:
            close = difflib.get_close_matches(lowered, sorted(_CONSTRAINTS), n=1, cutoff=0.6)
            if close:
                suggestion = self.text[: c.start] + close[0] + self.text[name_end:]
                hint = f"Did you mean '{close[0]}'?"
            else:
                hint = "Known constraints: " + ", ".join(sorted(_CONSTRAINTS)) + "."
        return _err(
            c.start,
            c.end,
            "route.unknown-constraint",
            f"'{c.name}' is not a route constraint, so the host cannot create this route. {hint}",
            suggestion=suggestion,
        )

    # -- segments ---------------------------------------------------------------------------

    def segment(self, i: int) -> tuple[RouteSegment | None, int]:
        """Read one segment; on a syntax error record it and skip to the next '/'."""
        text, n = self.text, self.n
        start = i
        parts: list[RoutePart] = []
        try:
            while True:
                if text[i] == "{":
                    if i + 1 >= n:
                        raise _Abort(_err(i, i + 1, "route.unbalanced-brace", _MISMATCHED), n)
                    if text[i + 1] == "{":
                        lit, i = self.literal(i)
                        parts.append(lit)
                    else:
                        par, i = self.parameter(i)
                        parts.append(par)
                else:
                    lit, i = self.literal(i)
                    parts.append(lit)
                if i >= n or text[i] == "/":
                    break
        except _Abort as abort:
            self.errors.append(abort.error)
            resume = text.find("/", abort.resume)
            return None, (n if resume < 0 else resume)
        segment = RouteSegment(tuple(parts), start, i)
        self.check_segment(segment)
        return segment, i

    def check_segment(self, seg: RouteSegment) -> None:
        """The per-segment rules: catch-all alone, optional last, no adjacent parameters."""
        parts = seg.parts
        raw = self.text[seg.start : seg.end]
        for index, part in enumerate(parts):
            if not isinstance(part, RouteParameter):
                continue
            if part.catch_all and len(parts) > 1:
                self.errors.append(
                    _err(
                        part.start,
                        part.end,
                        "route.catch-all-segment",
                        f"The catch-all '{{*{part.name}}}' must be alone in its segment ('{raw}').",
                    )
                )
            if part.optional and len(parts) > 1:
                if index < len(parts) - 1:
                    self.errors.append(
                        _err(
                            part.start,
                            part.end,
                            "route.optional-not-last",
                            f"The optional parameter '{part.name}' must end its segment "
                            f"('{raw}'); here it is followed by more text.",
                        )
                    )
                else:
                    prev = parts[index - 1]
                    if not isinstance(prev, RouteLiteral) or prev.text != ".":
                        self.errors.append(
                            _err(
                                part.start,
                                part.end,
                                "route.optional-preceded",
                                f"In the segment '{raw}' only a period (.) may come right before "
                                f"the optional parameter '{part.name}', as in "
                                f"{{file}}.{{{part.name}?}}.",
                            )
                        )
            if index > 0 and isinstance(parts[index - 1], RouteParameter):
                self.errors.append(
                    _err(
                        parts[index - 1].start,
                        part.end,
                        "route.consecutive-parameters",
                        "Two parameters cannot follow each other in one segment: separate them "
                        "with '/' or a literal, as in {a}-{b}.",
                    )
                )

    def run(self, start: int) -> list[RouteSegment]:
        """Read every segment from `start` to the end of the text."""
        text, n = self.text, self.n
        segments: list[RouteSegment] = []
        i = start
        while i < n:
            if text[i] == "/":
                j = i
                while j < n and text[j] == "/":
                    j += 1
                self.errors.append(
                    _err(
                        i,
                        j,
                        "route.empty-segment",
                        "The route has '//': '/' cannot appear twice in a row; put a literal or "
                        "a parameter between separators.",
                        suggestion=text[:i] + text[j:],
                    )
                )
                i = j
                continue
            seg, i = self.segment(i)
            if seg is not None:
                segments.append(seg)
            if i < n and text[i] == "/":
                i += 1
        return segments


def _parse_constraints(param: str, cur: int, end: int) -> tuple[list[tuple[str, int, int]], int]:
    """Port of the ASP.NET inline constraint scanner; returns (text, start, end) and the index."""
    found: list[tuple[str, int, int]] = []
    state = "start"
    start_index = cur
    while True:
        ch = param[cur] if cur <= end else None
        if state == "start":
            if ch is None:
                state = "end"
            elif ch == ":":
                state = "name"
                start_index = cur + 1
            elif ch == "(":
                state = "paren"
            elif ch == "=":
                state = "end"
                cur -= 1
        elif state == "paren":
            if ch is None:
                state = "end"
                found.append((param[start_index:cur], start_index, cur))
            elif ch == ")":
                nxt = param[cur + 1] if cur + 1 <= end else None
                if nxt is None:
                    state = "end"
                    found.append((param[start_index : cur + 1], start_index, cur + 1))
                elif nxt == ":":
                    state = "start"
                    found.append((param[start_index : cur + 1], start_index, cur + 1))
                    start_index = cur + 1
                elif nxt == "=":
                    state = "end"
                    found.append((param[start_index : cur + 1], start_index, cur + 1))
            elif ch in ":=":
                close = param.find(")", cur + 1)
                if close == -1:
                    found.append((param[start_index:cur], start_index, cur))
                    if ch == ":":
                        state = "name"
                        start_index = cur + 1
                    else:
                        state = "end"
                        cur -= 1
                else:
                    cur = close
        elif state == "name":
            if ch is None:
                state = "end"
                if cur > start_index:
                    found.append((param[start_index:cur], start_index, cur))
            elif ch == ":":
                if cur > start_index:
                    found.append((param[start_index:cur], start_index, cur))
                start_index = cur + 1
            elif ch == "(":
                state = "paren"
            elif ch == "=":
                state = "end"
                if cur > start_index:
                    found.append((param[start_index:cur], start_index, cur))
                cur -= 1
        cur += 1
        if state == "end":
            return found, cur


def _check_arguments(name: str, argument: str | None) -> str | None:
    """The constructor and argument checks done when the constraint is created."""
    shapes = _CONSTRAINTS[name]
    if argument is None:
        if () in shapes:
            return None
        return f"The '{name}' constraint needs arguments, for example {_EXAMPLES[name]}."
    if shapes == ((),):
        return f"The '{name}' constraint takes no arguments; write just '{name}'."
    if name == "regex":
        return None
    args = [a.strip(_DOTNET_WS) for a in argument.split(",")]
    shape = next((s for s in shapes if len(s) == len(args)), None)
    if shape is None:
        return f"Wrong number of arguments for '{name}': write {_EXAMPLES[name]}."
    values: list[int] = []
    for kind, arg in zip(shape, args, strict=True):
        value = _dotnet_int(arg, _INT32 if kind == "int" else _INT64)
        if value is None:
            return f"'{arg}' is not a whole number in {name}({argument})."
        values.append(value)
    if name in ("minlength", "maxlength", "length") and values[0] < 0:
        return f"The length in {name}({argument}) cannot be negative."
    if name == "length" and len(values) == 2 and values[1] < values[0]:
        return f"In length({argument}) the maximum is smaller than the minimum."
    if name == "range" and values[1] < values[0]:
        return f"In range({argument}) the maximum is smaller than the minimum."
    return None


def parse_route(text: str, route_prefix: str = "api") -> RouteTemplate:
    """Parse an HTTP trigger `route` as the host registers it under `route_prefix`.

    With a non-empty prefix the host builds `prefix/route`, so a route that starts with '/' makes
    an empty segment (`api//x`), which ASP.NET rejects; with an empty prefix one leading '/' or
    '~/' is trimmed. Errors and warnings carry spans into `text`. Never raises.
    """
    parser = _Parser(text)
    start = 0
    if route_prefix:
        if text.startswith("/"):
            j = len(text) - len(text.lstrip("/"))
            parser.errors.append(
                _err(
                    0,
                    j,
                    "route.leading-slash",
                    f"Remove the leading '/': the host prefixes routes with '{route_prefix}/', "
                    f"so this makes '{route_prefix}/{text}', which has an empty segment and fails.",
                    suggestion=text[j:] or None,
                )
            )
            start = j
        elif text.startswith("~/"):
            parser.warnings.append(
                _err(
                    0,
                    2,
                    "route.tilde",
                    f"'~/' is only trimmed at the very start of a template; after the route prefix "
                    f"it stays, so the URL is /{route_prefix}/~/{text[2:]}.",
                    warning=True,
                    suggestion=text[2:],
                )
            )
    else:
        if text.startswith("~/"):
            start = 2
        elif text.startswith("/"):
            start = 1
        elif text.startswith("~"):
            parser.errors.append(
                _err(
                    0,
                    1,
                    "route.tilde",
                    "A route template cannot start with '~' unless it is followed by '/'.",
                )
            )
            start = 1
    segments = parser.run(start)
    # A catch-all must be the last part of the last segment.
    for index, seg in enumerate(segments):
        for part in seg.parts:
            if isinstance(part, RouteParameter) and part.catch_all and index != len(segments) - 1:
                parser.errors.append(
                    _err(
                        part.start,
                        part.end,
                        "route.catch-all-not-last",
                        f"The catch-all '{{*{part.name}}}' can only be the last segment of the "
                        "route.",
                    )
                )
    # An optional segment followed by a required one can never be left out.
    for index, seg in enumerate(segments[:-1]):
        last = seg.parts[-1]
        if (
            seg.is_simple
            and isinstance(last, RouteParameter)
            and last.optional
            and any(not _omittable(s) for s in segments[index + 1 :])
        ):
            parser.warnings.append(
                _err(
                    last.start,
                    last.end,
                    "route.optional-in-middle",
                    f"'{last.name}' is optional but a later segment is required, so a URL "
                    "without it never matches; make it required or move it to the end.",
                    warning=True,
                )
            )
    return RouteTemplate(text, tuple(segments), tuple(parser.errors), tuple(parser.warnings))


def _omittable(seg: RouteSegment) -> bool:
    part = seg.parts[0]
    return (
        seg.is_simple
        and isinstance(part, RouteParameter)
        and (part.optional or part.catch_all or part.default is not None)
    )


def _trim_prefix(template: str) -> str:
    if template.startswith("~/"):
        return template[2:]
    if template.startswith("/"):
        return template[1:]
    return template


def effective_url(route: str, route_prefix: str = "api") -> str:
    """The URL path the host serves the route at: `/api/products/{id}`, or `/products/{id}`.

    Mirrors the host: `<prefix>/<route>` (the route alone when the prefix is empty), with one
    leading `/` or `~/` trimmed. Pass the function name when the binding has no `route`.
    """
    template = f"{route_prefix}/{route}" if route_prefix else route
    return "/" + _trim_prefix(template)


def is_reserved(route: str) -> bool:
    """True when the host rejects the route as a built-in one (H-30).

    The host trims '/' from both ends, lower-cases, and tests whether the text STARTS WITH
    `admin` or `runtime`, so `adminpanel/x` and `runtimeinfo` are rejected too.
    """
    lowered = route.strip("/").lower()
    return lowered.startswith(RESERVED_PREFIXES)


def _ordinal_fold(text: str) -> str:
    """Per-character upper-casing, as .NET's OrdinalIgnoreCase compares."""
    out = []
    for ch in text:
        up = ch.upper()
        out.append(up if len(up) == 1 else ch)
    return "".join(out)


def route_key(route: str) -> str:
    """What the host's H-31 comparison sees of a route (case ignored, '/' trimmed from both ends):
    two routes conflict exactly when their keys are equal, so conflicts are found by grouping on
    it rather than comparing all pairs. Only the route text counts (`items/{id}` and
    `items/{name}` do not conflict); the caller also checks that the methods intersect."""
    return _ordinal_fold(route.strip("/"))
