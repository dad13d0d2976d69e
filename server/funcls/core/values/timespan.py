""".NET TimeSpan strings as `TimeSpan.Parse` reads them (`functionTimeout`, retry delays, timers).

Accepted forms, after trimming white space, with an optional leading `-`:
`d`, `hh:mm`, `hh:mm:ss`, `d.hh:mm`, `d.hh:mm:ss`, `hh:mm:ss.fffffff`, `d.hh:mm:ss.fffffff`,
the culture form with a colon after the days (`d:hh:mm:ss[.fffffff]`) and the legacy
`hh:mm:.f` / `d.hh:mm:.f`. Hours are 0-23, minutes and seconds 0-59, days at most 10675199, and
at most seven significant fraction digits. A bare number is a number of DAYS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from funcls.core.values.issue import ValueIssue

UNBOUNDED_TIMEOUT = timedelta(days=-1)
"""`functionTimeout` of `-1` (minus one day): no limit, on plans that allow it."""

MIN_FUNCTION_TIMEOUT = timedelta(seconds=1)
MAX_CONSUMPTION_TIMEOUT = timedelta(minutes=10)

_MAX_DAYS = 10675199
_MAX_NUMBER = 0x0FFFFFFF  # the tokenizer's overflow limit
_MAX_FRACTION = 9999999
_TICKS_PER_SECOND = 10_000_000
_MAX_TICKS = 2**63 - 1
# .NET char.IsWhiteSpace, as `Trim()` uses it.
_WHITESPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
_UNIT_RE = re.compile(
    r"^\s*(\d+)\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True)
class TimeSpanError(ValueIssue):
    """A string that is not a TimeSpan, or a TimeSpan outside the allowed bounds."""


@dataclass(frozen=True)
class FunctionTimeout:
    """A valid `functionTimeout`: `value` is None when the timeout is unbounded (`-1`)."""

    value: timedelta | None

    @property
    def unbounded(self) -> bool:
        """True for `-1`: no timeout."""
        return self.value is None


@dataclass(frozen=True)
class _Token:
    kind: str  # "num" or "sep"
    text: str
    start: int
    end: int
    value: int = 0
    zeroes: int = 0


def _tokenize(text: str, offset: int) -> list[_Token] | TimeSpanError:
    """Split into digit runs and separator runs, as the .NET tokenizer does."""
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        if "0" <= text[i] <= "9":
            j = i
            while j < len(text) and "0" <= text[j] <= "9":
                j += 1
            digits = text[i:j]
            zeroes = len(digits) - len(digits.lstrip("0")) if digits.strip("0") else len(digits)
            value = int(digits)
            if value > _MAX_NUMBER:
                return TimeSpanError(
                    start=offset + i,
                    end=offset + j,
                    code="timespan.overflow",
                    message=f"'{digits}' is too large for a TimeSpan component.",
                )
            tokens.append(_Token("num", digits, offset + i, offset + j, value, zeroes))
            i = j
        else:
            j = i
            while j < len(text) and not ("0" <= text[j] <= "9"):
                j += 1
            tokens.append(_Token("sep", text[i:j], offset + i, offset + j))
            i = j
    return tokens


# Patterns by number count: (names of the numeric fields, separators between them).
# The first separator is the start literal ('' or '-'), the last the end literal ('').
_DAY_SEPS = (".", ":")
_PATTERNS: dict[int, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {
    1: [(("d",), ())],
    2: [(("h", "m"), (":",))],
    3: [
        (("h", "m", "s"), (":", ":")),
        (("d", "h", "m"), (".", ":")),
        (("d", "h", "m"), (":", ":")),
        (("h", "m", "f"), (":", ":.")),
    ],
    4: [
        (("h", "m", "s", "f"), (":", ":", ".")),
        (("d", "h", "m", "s"), (".", ":", ":")),
        (("d", "h", "m", "s"), (":", ":", ":")),
        (("d", "h", "m", "f"), (".", ":", ":.")),
        (("d", "h", "m", "f"), (":", ":", ":.")),
    ],
    5: [
        (("d", "h", "m", "s", "f"), (".", ":", ":", ".")),
        (("d", "h", "m", "s", "f"), (":", ":", ":", ".")),
    ],
}
_LIMITS = {"d": _MAX_DAYS, "h": 23, "m": 59, "s": 59}
_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_FIELD_WORDS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds", "f": "fraction"}


def _fraction_ticks(tok: _Token) -> int | None:
    """Ticks for a fraction token, or None when it has too many significant digits."""
    if tok.value == 0:
        return 0
    if tok.zeroes == 0 and tok.value > _MAX_FRACTION:
        return None
    digits = len(str(tok.value)) + tok.zeroes
    if digits <= 7:
        return tok.value * 10 ** (7 - digits)
    scaled = tok.value / 10 ** (digits - 7)
    return int(scaled + 0.5)


def _normalised(values: dict[str, _Token], negative: bool) -> str | None:
    """The in-range spelling of an out-of-range `hh:mm:ss` (`24:00:00` -> `1.00:00:00`)."""
    if "f" in values:
        return None
    total = sum(values[k].value * mult for k, mult in _SECONDS.items() if k in values)
    if total > _MAX_DAYS * 86400:
        return None
    return format_timespan(timedelta(seconds=-total if negative else total))


def _bad(text: str, start: int, end: int, detail: str = "") -> TimeSpanError:
    hint = detail or (
        "Use [-][d.]hh:mm[:ss[.fffffff]], for example 00:05:00 for five minutes or "
        "1.00:00:00 for one day."
    )
    return TimeSpanError(
        start=start,
        end=end,
        code="timespan.invalid",
        message=f"'{text}' is not a valid TimeSpan. {hint}",
    )


def _unit_suggestion(text: str) -> str | None:
    """`5m` / `30 seconds` / `2h` -> the equivalent TimeSpan text, for a suggestion."""
    match = _UNIT_RE.match(text)
    if not match:
        return None
    amount = int(match.group(1))
    unit = match.group(2).lower()
    if unit == "ms":
        return format_timespan(timedelta(milliseconds=amount))
    if unit.startswith("s"):
        return format_timespan(timedelta(seconds=amount))
    if unit.startswith("mi") or unit == "m":
        return format_timespan(timedelta(minutes=amount))
    if unit.startswith("h"):
        return format_timespan(timedelta(hours=amount))
    return format_timespan(timedelta(days=amount))


def parse_timespan(text: str) -> timedelta | TimeSpanError:
    """Parse a .NET TimeSpan string; errors point at the offending component where possible.

    Over 80 lines on purpose: it follows `TimeSpan.Parse`'s grammar in order (sign, days,
    hours, minutes, seconds, fraction), each step with its own error span.

    A bare integer means days (`"5"` is five days), exactly as `TimeSpan.Parse` reads it.
    Precision below a microsecond is dropped (TimeSpan has 100 ns ticks).
    """
    stripped = text.strip(_WHITESPACE)
    lead = len(text) - len(text.lstrip(_WHITESPACE))
    if not stripped:
        return TimeSpanError(
            start=0,
            end=len(text),
            code="timespan.empty",
            message="The TimeSpan is empty; write hh:mm:ss, for example 00:05:00.",
        )
    whole_start, whole_end = lead, lead + len(stripped)
    tokens = _tokenize(stripped, lead)
    if isinstance(tokens, TimeSpanError):
        return tokens
    numbers = [t for t in tokens if t.kind == "num"]
    seps: list[str] = []
    # Rebuild the literal list: one literal before each number and one at the end.
    pending = ""
    for tok in tokens:
        if tok.kind == "sep":
            pending = tok.text
        else:
            seps.append(pending)
            pending = ""
    seps.append(pending)
    suggestion = _unit_suggestion(stripped)
    if not numbers or len(numbers) > 5:
        err = _bad(stripped, whole_start, whole_end)
        return TimeSpanError(
            start=err.start, end=err.end, code=err.code, message=err.message, suggestion=suggestion
        )
    start_lit, end_lit = seps[0], seps[-1]
    inner = tuple(seps[1:-1])
    if start_lit not in ("", "-") or end_lit != "":
        detail = ""
        if suggestion:
            detail = f"TimeSpan has no unit letters; write {suggestion}."
        err = _bad(stripped, whole_start, whole_end, detail)
        return TimeSpanError(
            start=err.start, end=err.end, code=err.code, message=err.message, suggestion=suggestion
        )
    negative = start_lit == "-"
    for names, pattern_seps in _PATTERNS.get(len(numbers), []):
        if inner != pattern_seps:
            continue
        values = dict(zip(names, numbers, strict=True))
        for key, tok in values.items():
            if key == "f":
                continue
            if tok.value > _LIMITS[key]:
                normal = _normalised(values, negative)
                hint = f" The same duration is written {normal}." if normal else ""
                return TimeSpanError(
                    start=tok.start,
                    end=tok.end,
                    code="timespan.out-of-range",
                    message=(
                        f"{_FIELD_WORDS[key].capitalize()} must be at most {_LIMITS[key]} in a "
                        f"TimeSpan; found {tok.value}.{hint}"
                    ),
                    suggestion=normal,
                )
        ticks = 0
        if "f" in values:
            frac = _fraction_ticks(values["f"])
            if frac is None:
                tok = values["f"]
                return TimeSpanError(
                    start=tok.start,
                    end=tok.end,
                    code="timespan.out-of-range",
                    message="A TimeSpan fraction has at most seven significant digits.",
                )
            ticks = frac
        seconds = (
            (values["d"].value * 86400 if "d" in values else 0)
            + (values["h"].value * 3600 if "h" in values else 0)
            + (values["m"].value * 60 if "m" in values else 0)
            + (values["s"].value if "s" in values else 0)
        )
        total = seconds * _TICKS_PER_SECOND + ticks
        if total > _MAX_TICKS:
            return TimeSpanError(
                start=whole_start,
                end=whole_end,
                code="timespan.overflow",
                message=f"'{stripped}' is larger than the largest TimeSpan.",
            )
        if negative:
            total = -total
        return timedelta(microseconds=total // 10 if total >= 0 else -((-total) // 10))
    return TimeSpanError(
        start=whole_start,
        end=whole_end,
        code="timespan.invalid",
        message=_bad(stripped, whole_start, whole_end).message,
        suggestion=suggestion,
    )


def format_timespan(value: timedelta) -> str:
    """Format as .NET's constant format: `[-][d.]hh:mm:ss[.fffffff]` (`00:05:00`, `1.00:00:00`)."""
    micros = value // timedelta(microseconds=1)
    sign = "-" if micros < 0 else ""
    micros = abs(micros)
    seconds, micro = divmod(micros, 1_000_000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    text = f"{sign}{f'{days}.' if days else ''}{hour:02d}:{minute:02d}:{sec:02d}"
    if micro:
        text += f".{micro * 10:07d}"
    return text


def describe_timespan(value: timedelta) -> str:
    """Plain English for a duration: `5 minutes`, `1 day and 2 hours`, `30 seconds`."""
    micros = abs(value // timedelta(microseconds=1))
    seconds, micro = divmod(micros, 1_000_000)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts: list[str] = []
    for amount, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"), (secs, "second")):
        if amount:
            parts.append(f"{amount} {unit}{'s' if amount != 1 else ''}")
    if micro:
        parts.append(f"{micro / 1000:g} milliseconds")
    if not parts:
        return "0 seconds"
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"minus {text}" if value < timedelta(0) else text


def parse_function_timeout(
    text: str, *, consumption: bool = False
) -> FunctionTimeout | TimeSpanError:
    """Validate host.json `functionTimeout` as the host does (H-46).

    `consumption` means the Consumption plan (not Flex Consumption): there the value must lie
    between 00:00:01 and 00:10:00 and `-1` is not allowed. Elsewhere it must be at least one
    second, or `-1` for no limit.
    """
    parsed = parse_timespan(text)
    if isinstance(parsed, TimeSpanError):
        return parsed
    lead = len(text) - len(text.lstrip(_WHITESPACE))
    end = lead + len(text.strip(_WHITESPACE))
    if not consumption and parsed == UNBOUNDED_TIMEOUT:
        return FunctionTimeout(None)
    upper = MAX_CONSUMPTION_TIMEOUT if consumption else None
    if parsed < MIN_FUNCTION_TIMEOUT or (upper is not None and parsed > upper):
        suggestion: str | None
        if consumption and parsed == UNBOUNDED_TIMEOUT:
            message = (
                "functionTimeout -1 (no limit) is not allowed on the Consumption plan: the "
                "value must be between 00:00:01 and 00:10:00. Unbounded timeouts need a Flex "
                "Consumption, Premium or Dedicated plan."
            )
            suggestion = "00:10:00"
        elif consumption:
            message = (
                f"functionTimeout must be between 00:00:01 and 00:10:00 on the Consumption plan "
                f"(default 00:05:00); found {format_timespan(parsed)}. Longer or unbounded "
                "timeouts need a Flex Consumption, Premium or Dedicated plan."
            )
            suggestion = "00:10:00" if parsed > MAX_CONSUMPTION_TIMEOUT else None
        else:
            message = (
                f"functionTimeout must be at least 00:00:01, or -1 for no limit; found "
                f"{format_timespan(parsed)}."
            )
            suggestion = None
        return TimeSpanError(
            start=lead,
            end=end,
            code="timespan.timeout-range",
            message=message,
            suggestion=suggestion,
        )
    return FunctionTimeout(parsed)
