"""One field of an NCRONTAB expression as NCrontab reads it: the field names and ranges, month
and day names, and the parser of a field's text into the values it admits."""

from __future__ import annotations

import difflib
import re

FIELD_NAMES: tuple[str, ...] = ("second", "minute", "hour", "day", "month", "day-of-week")
FIELD_RANGES: tuple[tuple[int, int], ...] = ((0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_NAMES: tuple[str, ...] = (
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
)
_NAMES: tuple[tuple[str, ...] | None, ...] = (None, None, None, None, MONTH_NAMES, DAY_NAMES)
_INT32_MAX = 2**31 - 1
_DOTNET_WS = "\t\n\v\f\r "


class FieldProblem(Exception):
    """A field NCrontab rejects; raised inside the field parser only."""

    def __init__(self, message: str, code: str = "ncrontab.invalid-field") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _dotnet_int(text: str) -> int | None:
    """`int.Parse` with invariant culture: optional white space and sign, ASCII digits."""
    stripped = text.strip(_DOTNET_WS)
    match = re.fullmatch(r"[+-]?[0-9]+", stripped)
    if not match:
        return None
    value = int(stripped)
    if value > _INT32_MAX or value < -_INT32_MAX - 1:
        return None
    return value


def _parse_value(text: str, index: int) -> int:
    """One value: a number (first character a digit) or a month/day name prefix."""
    name = FIELD_NAMES[index]
    lo, hi = FIELD_RANGES[index]
    names = _NAMES[index]
    if not text:
        raise FieldProblem(f"The {name} field has an empty value.")
    if "0" <= text[0] <= "9":
        value = _dotnet_int(text)
        if value is None:
            raise FieldProblem(f"'{text}' is not a number in the {name} field.")
        return value
    if names is None:
        raise FieldProblem(
            f"'{text}' is not valid in the {name} field: use a number from {lo} to {hi}"
            + (
                " (names are only allowed in the month and day-of-week fields)."
                if text.isalpha()
                else "."
            )
        )
    lowered = text.lower()
    for i, full in enumerate(names):
        if full.lower().startswith(lowered):
            return i + lo
    close = difflib.get_close_matches(
        lowered, [n.lower()[:3] for n in names] + [n.lower() for n in names], n=1, cutoff=0.6
    )
    hint = ""
    if close:
        match = next(n for n in names if n.lower().startswith(close[0][:3]))
        hint = f" Did you mean {match[:3]}?"
    kind = "month" if index == 4 else "day"
    raise FieldProblem(f"'{text}' is not a {kind} name.{hint}")


def _accumulate(bits: set[int], start: int, end: int, step: int, index: int) -> None:
    lo, hi = FIELD_RANGES[index]
    if start == end:
        if start < 0:
            if step <= 1:
                bits.update(range(lo, hi + 1))
                return
            start, end = lo, hi
        else:
            if start < lo or start > hi:
                raise FieldProblem(_out_of_range(start, index), "ncrontab.out-of-range")
    else:
        if start > end:
            start, end = end, start
        if start < 0:
            start = lo
        elif start < lo:
            raise FieldProblem(_out_of_range(start, index), "ncrontab.out-of-range")
        if end < 0:
            end = hi
        elif end > hi:
            raise FieldProblem(_out_of_range(end, index), "ncrontab.out-of-range")
    step = max(step, 1)
    bits.update(range(start, end + 1, step))


def _out_of_range(value: int, index: int) -> str:
    lo, hi = FIELD_RANGES[index]
    name = FIELD_NAMES[index]
    message = f"{value} is outside the {name} range {lo}-{hi}."
    if index == 5 and value == 7:
        message += (
            " NCrontab numbers days of the week 0-6 with Sunday = 0; use 0 (or Sun) for Sunday."
        )
    elif index == 2 and value == 24:
        message += " Midnight is hour 0."
    elif index in (0, 1) and value == 60:
        message += f" The last {name} is 59."
    elif index in (3, 4) and value == 0:
        message += f" {name.capitalize()}s start at 1."
    return message


def _parse_part(text: str, index: int, bits: set[int], notes: list[str]) -> None:
    """One comma-free item (InternalParse without the list step)."""
    every: int | None = None
    slash = text.find("/")
    if slash > 0:
        step = _dotnet_int(text[slash + 1 :])
        if step is None:
            raise FieldProblem(f"'{text[slash + 1 :]}' is not a valid step in '{text}'.")
        every = step
        if step < 1:
            notes.append(f"a step of {step} in '{text}' is treated as 1 (every value)")
        text = text[:slash]
    if text == "*":
        _accumulate(bits, -1, -1, every if every is not None else 1, index)
        return
    dash = text.find("-")
    if dash > 0:
        first = _parse_value(text[:dash], index)
        last = _parse_value(text[dash + 1 :], index)
        if first > last:
            notes.append(
                f"the range '{text}' is read as {last}-{first}: NCrontab swaps reversed ranges "
                "instead of wrapping around"
            )
        _accumulate(bits, first, last, every if every is not None else 1, index)
        return
    value = _parse_value(text, index)
    if every is None:
        _accumulate(bits, value, value, 1, index)
    else:
        _accumulate(bits, value, FIELD_RANGES[index][1], every, index)


def parse_field(text: str, index: int, notes: list[str]) -> tuple[int, ...]:
    """One whole field (InternalParse): a list, or a single item."""
    bits: set[int] = set()
    if text.find(",") > 0:
        for item in text.split(","):
            if not item:
                raise FieldProblem(
                    f"The {FIELD_NAMES[index]} field '{text}' has an empty list item."
                )
            _parse_part(item, index, bits, notes)
    else:
        _parse_part(text, index, bits, notes)
    return tuple(sorted(bits))


def split_fields(text: str) -> list[tuple[str, int, int]]:
    """Split on spaces only (empty entries removed), keeping spans."""
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^ ]+", text)]
