"""Binding expressions inside string values: `%Setting%` references and `{token}` expressions.

The host resolves `%name%` pairs first (left to right, every `%` opens or closes a pair; there is
no escape), then the WebJobs binding template parser reads `{...}` expressions: `{{` and `}}`
are literal braces, an expression is an identifier path (`data.id`), optionally followed by a
`:format` (`{DateTime:yyyy}`), and the built-ins `rand-guid` and `DateTime` are matched by prefix.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from funcls.core.values.issue import ValueIssue

BUILTIN_TOKENS: frozenset[str] = frozenset(
    {"rand-guid", "datetime", "sys.randguid", "sys.utcnow", "sys.methodname"}
)
"""Expressions every function can use, lower-cased (`{DateTime}` matches `datetime`)."""

# The two resolvers the binding template parser knows by prefix (case-insensitive); their
# expressions are not split at ':' for a format the way other expressions are.
_PREFIX_BUILTINS = ("rand-guid", "datetime")
_SYS_PROPERTIES = frozenset({"randguid", "utcnow", "methodname"})

# Unicode categories of the characters the template parser accepts in an identifier.
_LETTER = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_PART = _LETTER | frozenset({"Nd", "Pc", "Mn", "Mc", "Cf"})


@dataclass(frozen=True, kw_only=True)
class ExpressionError(ValueIssue):
    """A malformed `%...%` or `{...}` expression."""


@dataclass(frozen=True)
class LiteralText:
    """A run of literal text; `text` has `{{`/`}}` escapes already decoded."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SettingRef:
    """A `%name%` app-setting reference; the span covers both `%` signs."""

    name: str
    start: int
    end: int

    @property
    def name_start(self) -> int:
        """Offset of the first character of the setting name."""
        return self.start + 1

    @property
    def name_end(self) -> int:
        """Offset just past the setting name."""
        return self.end - 1


@dataclass(frozen=True)
class TokenRef:
    """A `{name.path:format}` expression; the span covers both braces.

    `name` is the first part of the expression (the binding-data key the host looks up) and `path`
    the dotted parts after it. For the prefix built-ins (`rand-guid`, `DateTime`) `name` is the
    built-in name as written and `format` what follows its `:`.
    """

    name: str
    path: tuple[str, ...]
    start: int
    end: int
    format: str | None = None
    builtin: bool = False

    @property
    def expression(self) -> str:
        """The dotted expression without braces and format (`data.id`)."""
        return ".".join((self.name, *self.path))

    @property
    def name_start(self) -> int:
        """Offset of the first character of the expression."""
        return self.start + 1

    @property
    def name_end(self) -> int:
        """Offset just past the first part of the expression."""
        return self.start + 1 + len(self.name)


Part = LiteralText | SettingRef | TokenRef


@dataclass(frozen=True)
class ParsedValue:
    """A string value split into literal text, setting references and token expressions."""

    text: str
    parts: tuple[Part, ...]
    errors: tuple[ExpressionError, ...] = field(default=())

    @property
    def settings(self) -> tuple[SettingRef, ...]:
        """The `%name%` references, in order."""
        return tuple(p for p in self.parts if isinstance(p, SettingRef))

    @property
    def tokens(self) -> tuple[TokenRef, ...]:
        """The `{...}` expressions, in order."""
        return tuple(p for p in self.parts if isinstance(p, TokenRef))

    @property
    def literals(self) -> tuple[LiteralText, ...]:
        """The literal runs, in order."""
        return tuple(p for p in self.parts if isinstance(p, LiteralText))

    @property
    def has_expressions(self) -> bool:
        """True when any `%...%` or `{...}` expression was found."""
        return any(not isinstance(p, LiteralText) for p in self.parts)


def is_builtin(token: TokenRef | str) -> bool:
    """True when the expression is supplied by the runtime for every function.

    Accepts a `TokenRef` or the text between the braces (`rand-guid`, `DateTime:yyyy`,
    `sys.utcnow`); comparison is case-insensitive as in the host.
    """
    text = token.expression if isinstance(token, TokenRef) else token
    lowered = text.lower()
    if any(lowered.startswith(prefix) for prefix in _PREFIX_BUILTINS):
        return True
    parts = lowered.split(":", 1)[0].split(".")
    return len(parts) == 2 and parts[0] == "sys" and parts[1] in _SYS_PROPERTIES


def find_setting_refs(text: str) -> tuple[list[SettingRef], list[ExpressionError]]:
    """Find `%name%` pairs the way the host's name resolver pairs them.

    Returns the references and, for a `%` without a closing partner or an empty `%%`, an error.
    """
    refs: list[SettingRef] = []
    errors: list[ExpressionError] = []
    i = 0
    while i < len(text):
        open_at = text.find("%", i)
        if open_at < 0:
            break
        close_at = text.find("%", open_at + 1)
        if close_at < 0:
            errors.append(
                ExpressionError(
                    start=open_at,
                    end=open_at + 1,
                    code="expression.unclosed-percent",
                    message=(
                        f"The '%' at position {open_at} has no closing '%': app-setting "
                        "references are written %SettingName%."
                    ),
                )
            )
            break
        name = text[open_at + 1 : close_at]
        if not name.strip():
            errors.append(
                ExpressionError(
                    start=open_at,
                    end=close_at + 1,
                    code="expression.empty-setting",
                    message="'%%' names no app setting; write %SettingName%.",
                )
            )
        else:
            refs.append(SettingRef(name, open_at, close_at + 1))
        i = close_at + 1
    return refs, errors


def _is_identifier(text: str) -> bool:
    """The binding template parser's identifier rule (letters, digits, `_`, `.`, `-`)."""
    if not text:
        return False
    first = text[0]
    if first != "_" and unicodedata.category(first) not in _LETTER:
        return False
    return all(ch in ".-" or unicodedata.category(ch) in _PART for ch in text[1:])


def _parse_token(inner: str, start: int, end: int) -> TokenRef | ExpressionError:
    """Read the inside of one `{...}` expression."""
    if not inner:
        return ExpressionError(
            start=start,
            end=end,
            code="expression.empty-token",
            message="'{}' is an empty binding expression; put a name between the braces.",
        )
    lowered = inner.lower()
    builtin = next((p for p in _PREFIX_BUILTINS if lowered.startswith(p)), None)
    expression = inner
    fmt: str | None = None
    if builtin is not None:
        cut = len(builtin)
        if len(inner) > cut and inner[cut] == ":":
            fmt = inner[cut + 1 :]
        return TokenRef(inner[:cut], (), start, end, fmt, True)
    colon = inner.find(":")
    if colon > 0:
        fmt = inner[colon + 1 :]
        expression = inner[:colon]
    if not _is_identifier(expression):
        return ExpressionError(
            start=start,
            end=end,
            code="expression.invalid-token",
            message=(
                f"'{expression}' is not a valid binding expression: use a name made of letters, "
                "digits and '_', optionally followed by '.property' parts."
            ),
        )
    parts = expression.split(".")
    if "-" in parts[0]:
        return ExpressionError(
            start=start + 1,
            end=start + 1 + len(parts[0]),
            code="expression.invalid-token",
            message=f"The parameter name '{parts[0]}' is invalid: a '-' is not allowed in it.",
        )
    if any(not part.strip() for part in parts):
        return ExpressionError(
            start=start,
            end=end,
            code="expression.invalid-token",
            message=f"'{expression}' has an empty part between dots.",
        )
    name = parts[0]
    is_sys = name.lower() == "sys" and len(parts) == 2 and parts[1].lower() in _SYS_PROPERTIES
    return TokenRef(name, tuple(parts[1:]), start, end, fmt, is_sys)


def _tokenize_braces(
    text: str,
    lo: int,
    hi: int,
    parts: list[Part],
    errors: list[ExpressionError],
    literal: list[str],
    literal_start: list[int],
) -> None:
    """Tokenize `text[lo:hi]` for `{...}` expressions, appending to `parts` and `errors`."""

    def flush(at: int) -> None:
        if literal:
            parts.append(LiteralText("".join(literal), literal_start[0], at))
            literal.clear()
            literal_start.clear()

    def add_literal(chars: str, at: int) -> None:
        if not literal:
            literal_start.append(at)
        literal.append(chars)

    i = lo
    while i < hi:
        pair = text[i : i + 2] if i + 1 < hi else text[i]
        if pair in ("{{", "}}"):
            add_literal(pair[0], i)
            i += 2
            continue
        ch = text[i]
        if ch == "{":
            j = i + 1
            while j < hi and text[j] not in "{}":
                j += 1
            if j < hi and text[j] == "}":
                flush(i)
                token = _parse_token(text[i + 1 : j], i, j + 1)
                if isinstance(token, ExpressionError):
                    errors.append(token)
                else:
                    parts.append(token)
                i = j + 1
                continue
            errors.append(
                ExpressionError(
                    start=i,
                    end=i + 1,
                    code="expression.unbalanced-brace",
                    message=(
                        f"Missing closing bracket for the '{{' at position {i}; write '{{{{' "
                        "for a literal brace."
                    ),
                )
            )
            add_literal(ch, i)
            i += 1
            continue
        if ch == "}":
            errors.append(
                ExpressionError(
                    start=i,
                    end=i + 1,
                    code="expression.unbalanced-brace",
                    message=(
                        f"Missing opening bracket for the '}}' at position {i}; write '}}}}' "
                        "for a literal brace."
                    ),
                )
            )
            add_literal(ch, i)
            i += 1
            continue
        j = i
        while j < hi and text[j] not in "{}":
            j += 1
        add_literal(text[i:j], i)
        i = j
    flush(hi)


def parse_expressions(text: str, *, settings: bool = True, tokens: bool = True) -> ParsedValue:
    """Split a string value into literal text, `%Setting%` references and `{token}` expressions.

    `settings=False` treats `%` as ordinary text (for properties the host does not resolve);
    `tokens=False` treats braces as ordinary text. Never raises.
    """
    parts: list[Part] = []
    errors: list[ExpressionError] = []
    literal: list[str] = []
    literal_start: list[int] = []
    spans: list[SettingRef] = []
    if settings:
        refs, setting_errors = find_setting_refs(text)
        spans = refs
        errors.extend(setting_errors)
        # An empty '%%' pair is still consumed as a pair by the host.
        for err in setting_errors:
            if err.code == "expression.empty-setting":
                spans.append(SettingRef("", err.start, err.end))
        spans.sort(key=lambda r: r.start)

    def literal_run(lo: int, hi: int) -> None:
        if lo >= hi:
            return
        if tokens:
            _tokenize_braces(text, lo, hi, parts, errors, literal, literal_start)
        else:
            parts.append(LiteralText(text[lo:hi], lo, hi))

    pos = 0
    for ref in spans:
        literal_run(pos, ref.start)
        if ref.name:
            parts.append(ref)
        pos = ref.end
    literal_run(pos, len(text))
    merged: list[Part] = []
    for part in parts:
        prev = merged[-1] if merged else None
        if (
            isinstance(part, LiteralText)
            and isinstance(prev, LiteralText)
            and prev.end == part.start
        ):
            merged[-1] = LiteralText(prev.text + part.text, prev.start, part.end)
        else:
            merged.append(part)
    errors.sort(key=lambda e: e.start)
    return ParsedValue(text, tuple(merged), tuple(errors))
