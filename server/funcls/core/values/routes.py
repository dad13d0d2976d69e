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

from funcls.core.values.route_constraints import (
    ALIASES,
    CONSTRAINTS,
    KNOWN_CONSTRAINTS,
    check_arguments,
    parse_constraints,
)
from funcls.core.values.route_template import (
    RouteConstraint,
    RouteError,
    RouteLiteral,
    RouteParameter,
    RoutePart,
    RouteSegment,
    RouteTemplate,
)
from funcls.core.values.route_urls import RESERVED_PREFIXES, effective_url, is_reserved, route_key

__all__ = [
    "KNOWN_CONSTRAINTS",
    "RESERVED_PREFIXES",
    "RouteConstraint",
    "RouteError",
    "RouteLiteral",
    "RouteParameter",
    "RoutePart",
    "RouteSegment",
    "RouteTemplate",
    "effective_url",
    "is_reserved",
    "parse_route",
    "route_key",
]


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
        """Decode and check the parameter occupying text[mark:end] (braces included).

        Over 80 lines on purpose: a port of ASP.NET Core's parameter parser
        (`RoutePatternParser.ParseParameter`), kept in its order so it can be compared with it
        line by line.
        """
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
        raw_constraints, cur = parse_constraints(param, cur, end_index)
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
        known = lowered in CONSTRAINTS
        result = RouteConstraint(text, key, argument, start, end, known)
        if not known:
            self.errors.append(self.unknown_constraint(result))
            return result
        problem = check_arguments(lowered, argument)
        if problem:
            self.errors.append(_err(start, end, "route.constraint-arguments", problem))
        return result

    def unknown_constraint(self, c: RouteConstraint) -> RouteError:
        """The error for a constraint name the resolver does not know, with a fix."""
        lowered = c.name.lower()
        name_end = c.start + len(c.name)
        suggestion: str | None = None
        if lowered in ALIASES:
            target = ALIASES[lowered]
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
            close = difflib.get_close_matches(lowered, sorted(CONSTRAINTS), n=1, cutoff=0.6)
            if close:
                suggestion = self.text[: c.start] + close[0] + self.text[name_end:]
                hint = f"Did you mean '{close[0]}'?"
            else:
                hint = "Known constraints: " + ", ".join(sorted(CONSTRAINTS)) + "."
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
    _check_segment_order(parser, segments)
    return RouteTemplate(text, tuple(segments), tuple(parser.errors), tuple(parser.warnings))


def _check_segment_order(parser: _Parser, segments: list[RouteSegment]) -> None:
    """Problems of where parameters stand: a catch-all before the last segment (an error), an
    optional parameter followed by a required segment (a warning)."""
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


def _omittable(seg: RouteSegment) -> bool:
    part = seg.parts[0]
    return (
        seg.is_simple
        and isinstance(part, RouteParameter)
        and (part.optional or part.catch_all or part.default is not None)
    )
