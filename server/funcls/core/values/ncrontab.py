"""Timer trigger schedules as the WebJobs timer extension reads them (H-33, H-34).

The host resolves `%Setting%` references, then tries NCrontab with seconds
(`{second} {minute} {hour} {day} {month} {day-of-week}`), then `TimeSpan.Parse`.

NCrontab rules mirrored here: fields are separated by spaces only (runs of spaces are fine); a
field is `*`, a value, a range `a-b` (a reversed range is swapped, it does not wrap), a step
(`*/n`, `a/n` = from a to the maximum, `a-b/n`) or a comma list of those; month and day names are
matched as any case-insensitive prefix of the full English name (`Jan`, `January`, `Ju` = June,
`T` = Tuesday); day-of-week is 0-6 with Sunday = 0 (7 is rejected); a step of 0 or a negative
step means every value. Day-of-month and day-of-week must BOTH match (NCrontab ANDs them, unlike
Unix cron, which ORs them).
"""

from __future__ import annotations

import bisect
import calendar
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from funcls.core.values.expressions import SettingRef, find_setting_refs
from funcls.core.values.issue import ValueIssue
from funcls.core.values.timespan import TimeSpanError, describe_timespan, parse_timespan

FIELD_NAMES: tuple[str, ...] = ("second", "minute", "hour", "day", "month", "day-of-week")
_RANGES: tuple[tuple[int, int], ...] = ((0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
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
_MAX_COUNT = 1000
_SEARCH_MONTHS = 400 * 12 + 1  # the Gregorian calendar repeats every 400 years
_MACROS = {
    "@yearly": "0 0 0 1 1 *",
    "@annually": "0 0 0 1 1 *",
    "@monthly": "0 0 0 1 * *",
    "@weekly": "0 0 0 * * 0",
    "@daily": "0 0 0 * * *",
    "@midnight": "0 0 0 * * *",
    "@hourly": "0 0 * * * *",
}
_SCHEDULE_HELP = "{second} {minute} {hour} {day} {month} {day-of-week}"


@dataclass(frozen=True, kw_only=True)
class ScheduleError(ValueIssue):
    """A schedule the host would reject; `field` names the NCrontab field at fault, if one is."""

    field: str | None = None


@dataclass(frozen=True)
class CronField:
    """One parsed NCrontab field: its text, span in the value and the set of values it admits."""

    name: str
    text: str
    start: int
    end: int
    values: tuple[int, ...]

    @property
    def is_full(self) -> bool:
        """True when the field admits every value of its range (formats as `*`)."""
        lo, hi = _RANGES[FIELD_NAMES.index(self.name)]
        return len(self.values) == hi - lo + 1


class Schedule:
    """A schedule the host accepts: a `CronSchedule` or an `IntervalSchedule`."""

    text: str
    warnings: tuple[ValueIssue, ...]

    def describe(self) -> str:
        """A plain-English sentence for a hover, such as `every 5 minutes`."""
        raise NotImplementedError

    def next_occurrences(self, after: datetime, count: int) -> list[datetime]:
        """The next `count` firings strictly after `after` (at most 1000; [] if it never fires)."""
        raise NotImplementedError


@dataclass(frozen=True)
class CronSchedule(Schedule):
    """A valid six-field NCRONTAB schedule."""

    text: str
    fields: tuple[CronField, ...]
    warnings: tuple[ValueIssue, ...] = field(default=())

    @property
    def seconds(self) -> tuple[int, ...]:
        """Seconds 0-59 the schedule fires at."""
        return self.fields[0].values

    @property
    def minutes(self) -> tuple[int, ...]:
        """Minutes 0-59 the schedule fires at."""
        return self.fields[1].values

    @property
    def hours(self) -> tuple[int, ...]:
        """Hours 0-23 the schedule fires at."""
        return self.fields[2].values

    @property
    def days(self) -> tuple[int, ...]:
        """Days of the month 1-31 the schedule fires on."""
        return self.fields[3].values

    @property
    def months(self) -> tuple[int, ...]:
        """Months 1-12 the schedule fires in."""
        return self.fields[4].values

    @property
    def days_of_week(self) -> tuple[int, ...]:
        """Days of the week 0-6 (Sunday = 0) the schedule fires on."""
        return self.fields[5].values

    @property
    def never_fires(self) -> bool:
        """True when no month admits any of the days (for example February 30)."""
        return not _feasible_days(self.days, self.months)

    def describe(self) -> str:
        """A plain-English sentence such as `at 09:30:00 on Monday through Friday`."""
        return _describe_cron(self)

    def next_occurrences(self, after: datetime, count: int) -> list[datetime]:
        """The next `count` firings strictly after `after`, in the wall-clock time of `after`.

        Sub-second parts of `after` are ignored as NCrontab ignores them; results keep the tzinfo
        of `after`. An impossible schedule returns [] at once; `count` is capped at 1000.
        """
        count = max(0, min(count, _MAX_COUNT))
        if count == 0 or self.never_fires:
            return []
        results: list[datetime] = []
        current = after.replace(microsecond=0, tzinfo=None)
        for _ in range(count):
            nxt = _next_after(self, current)
            if nxt is None:
                break
            results.append(nxt.replace(tzinfo=after.tzinfo))
            current = nxt
        return results


@dataclass(frozen=True)
class IntervalSchedule(Schedule):
    """A TimeSpan schedule (`00:05:00`): fires every `interval` (App Service plans only)."""

    text: str
    interval: timedelta
    warnings: tuple[ValueIssue, ...] = field(default=())

    def describe(self) -> str:
        """`every 5 minutes` and the like."""
        if self.interval <= timedelta(0):
            return f"an interval of {describe_timespan(self.interval)} (never fires as intended)"
        return f"every {describe_timespan(self.interval)}"

    def next_occurrences(self, after: datetime, count: int) -> list[datetime]:
        """`after + interval`, `after + 2 * interval`, ... ([] for a non-positive interval)."""
        count = max(0, min(count, _MAX_COUNT))
        if self.interval <= timedelta(0):
            return []
        results: list[datetime] = []
        current = after
        for _ in range(count):
            try:
                current = current + self.interval
            except OverflowError:
                break
            results.append(current)
        return results


@dataclass(frozen=True)
class SettingReference:
    """A schedule that names app settings (`%Schedule%`); resolve it, then parse the result."""

    text: str
    refs: tuple[SettingRef, ...]

    def resolve(self, settings: Mapping[str, str]) -> str | None:
        """Substitute every `%name%` from `settings`; None if any name is missing."""
        out: list[str] = []
        pos = 0
        for ref in self.refs:
            value = settings.get(ref.name)
            if value is None:
                return None
            out.append(self.text[pos : ref.start])
            out.append(value)
            pos = ref.end
        out.append(self.text[pos:])
        return "".join(out)


# --------------------------------------------------------------------------- field parsing


class _FieldProblem(Exception):
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
    lo, hi = _RANGES[index]
    names = _NAMES[index]
    if not text:
        raise _FieldProblem(f"The {name} field has an empty value.")
    if "0" <= text[0] <= "9":
        value = _dotnet_int(text)
        if value is None:
            raise _FieldProblem(f"'{text}' is not a number in the {name} field.")
        return value
    if names is None:
        raise _FieldProblem(
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
    raise _FieldProblem(f"'{text}' is not a {kind} name.{hint}")


def _accumulate(bits: set[int], start: int, end: int, step: int, index: int) -> None:
    lo, hi = _RANGES[index]
    if start == end:
        if start < 0:
            if step <= 1:
                bits.update(range(lo, hi + 1))
                return
            start, end = lo, hi
        else:
            if start < lo or start > hi:
                raise _FieldProblem(_out_of_range(start, index), "ncrontab.out-of-range")
    else:
        if start > end:
            start, end = end, start
        if start < 0:
            start = lo
        elif start < lo:
            raise _FieldProblem(_out_of_range(start, index), "ncrontab.out-of-range")
        if end < 0:
            end = hi
        elif end > hi:
            raise _FieldProblem(_out_of_range(end, index), "ncrontab.out-of-range")
    step = max(step, 1)
    bits.update(range(start, end + 1, step))


def _out_of_range(value: int, index: int) -> str:
    lo, hi = _RANGES[index]
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
            raise _FieldProblem(f"'{text[slash + 1 :]}' is not a valid step in '{text}'.")
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
        _accumulate(bits, value, _RANGES[index][1], every, index)


def _parse_field(text: str, index: int, notes: list[str]) -> tuple[int, ...]:
    """One whole field (InternalParse): a list, or a single item."""
    bits: set[int] = set()
    if text.find(",") > 0:
        for item in text.split(","):
            if not item:
                raise _FieldProblem(
                    f"The {FIELD_NAMES[index]} field '{text}' has an empty list item."
                )
            _parse_part(item, index, bits, notes)
    else:
        _parse_part(text, index, bits, notes)
    return tuple(sorted(bits))


def _split_fields(text: str) -> list[tuple[str, int, int]]:
    """Split on spaces only (empty entries removed), keeping spans."""
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^ ]+", text)]


# --------------------------------------------------------------------------- diagnosis


def _quartz_dow(field_text: str) -> str | None:
    """Quartz numbers days of the week 1-7 from Sunday; convert simple numeric forms to 0-6."""

    def conv(token: str) -> str | None:
        if token.isdigit():
            n = int(token)
            return str(n - 1) if 1 <= n <= 7 else None
        if re.fullmatch(r"[A-Za-z]+", token):
            return token
        return None

    out: list[str] = []
    for item in field_text.split(","):
        if "-" in item:
            a, _, b = item.partition("-")
            ca, cb = conv(a), conv(b)
            if ca is None or cb is None:
                return None
            out.append(f"{ca}-{cb}")
        else:
            c = conv(item)
            if c is None:
                return None
            out.append(c)
    return ",".join(out)


def _try(text: str) -> bool:
    return isinstance(_parse_cron(text, _split_fields(text)), CronSchedule)


def _describe_text(text: str) -> str:
    parsed = _parse_cron(text, _split_fields(text))
    return parsed.describe() if isinstance(parsed, CronSchedule) else text


def _nth_weekday_fix(tokens: list[str]) -> str | None:
    """Quartz `X#n` (n-th weekday of the month) -> days ((n-1)*7+1)-(n*7) ANDed with X."""
    dow = tokens[5]
    match = re.fullmatch(r"([A-Za-z]+|[1-7])#([1-5])", dow)
    if not match or tokens[3] not in ("?", "*"):
        return None
    day_token, nth = match.group(1), int(match.group(2))
    if day_token.isdigit():
        day_token = str(int(day_token) - 1)
    first = (nth - 1) * 7 + 1
    last = min(nth * 7, 31)
    candidate = " ".join([*tokens[:3], f"{first}-{last}", tokens[4], day_token])
    return candidate if _try(candidate) else None


def _diagnose_count(text: str, parts: list[tuple[str, int, int]]) -> ScheduleError:
    """Wrong number of fields: recognise Unix (5) and Quartz (7) crons and macros."""
    tokens = [p[0] for p in parts]
    n = len(tokens)
    whole = (parts[0][1], parts[-1][2]) if parts else (0, len(text))
    if n == 1 and tokens[0].lower() in _MACROS:
        macro_fix = _MACROS[tokens[0].lower()]
        return ScheduleError(
            start=whole[0],
            end=whole[1],
            code="ncrontab.macro",
            suggestion=macro_fix,
            message=f"NCrontab has no '{tokens[0]}' shortcut; write the six fields: `{macro_fix}`.",
        )
    if "\t" in text:
        return ScheduleError(
            start=text.index("\t"),
            end=text.index("\t") + 1,
            code="ncrontab.tab",
            suggestion=" ".join(re.split(r"\s+", text.strip()))
            if _try(" ".join(re.split(r"\s+", text.strip())))
            else None,
            message="Separate the schedule fields with spaces: NCrontab does not split on tabs.",
        )
    if n == 5:
        candidate = "0 " + " ".join(tokens)
        fix = candidate if _try(candidate) else None
        if fix is None and "?" in tokens:
            replaced = "0 " + " ".join("*" if t == "?" else t for t in tokens)
            fix = replaced if _try(replaced) else None
        message = (
            "This is a five-field (Unix) cron expression; Azure Functions needs six fields with "
            f"seconds first: {_SCHEDULE_HELP}."
        )
        if fix:
            message += f" Add a seconds field: `{fix}` ({_describe_text(fix)})."
        if tokens[0] == "0" and tokens[4] == "*":
            missing = " ".join([*tokens, "*"])
            if missing != fix and _try(missing):
                message += (
                    f" If '0' was meant as the seconds, a field is missing: `{missing}` "
                    f"({_describe_text(missing)})."
                )
        return ScheduleError(
            start=whole[0],
            end=whole[1],
            code="ncrontab.five-fields",
            message=message,
            suggestion=fix,
        )
    if n == 7:
        six = tokens[:6]
        quartz = "?" in six
        fixed = ["*" if t == "?" else t for t in six]
        if quartz and tokens[3] == "?":
            dow = _quartz_dow(fixed[5])
            if dow is not None:
                fixed[5] = dow
        candidate = " ".join(fixed)
        fix = candidate if _try(candidate) else None
        message = (
            "This looks like a seven-field Quartz cron expression (the last field is a year); "
            f"NCrontab has six fields: {_SCHEDULE_HELP}, and no year."
        )
        if fix:
            message += f" Drop the year field: `{fix}`."
        return ScheduleError(
            start=parts[6][1],
            end=parts[6][2],
            code="ncrontab.seven-fields",
            message=message,
            suggestion=fix,
        )
    if n == 0:
        return ScheduleError(
            start=0,
            end=len(text),
            code="ncrontab.empty",
            message=f"The schedule is empty; write six fields: {_SCHEDULE_HELP}, "
            "for example `0 */5 * * * *` for every five minutes.",
        )
    return ScheduleError(
        start=whole[0],
        end=whole[1],
        code="ncrontab.field-count",
        message=(
            f"An NCrontab schedule has six fields ({_SCHEDULE_HELP}); this has {n}. "
            "Example: `0 */5 * * * *` runs every five minutes."
        ),
    )


def _diagnose_field(
    text: str, parts: list[tuple[str, int, int]], index: int, problem: _FieldProblem
) -> ScheduleError:
    """A six-field expression with a bad field: add Quartz-specific advice where it applies."""
    tokens = [p[0] for p in parts]
    token, start, end = parts[index]
    name = FIELD_NAMES[index]
    upper = token.upper()
    if "?" in token:
        fixed = ["*" if t == "?" else t for t in tokens]
        note = ""
        if tokens[3] == "?":
            dow = _quartz_dow(fixed[5])
            if dow is not None and dow != fixed[5]:
                fixed[5] = dow
                note = " (Quartz numbers days of the week 1-7 from Sunday; NCrontab uses 0-6)"
        candidate = " ".join(fixed)
        fix = candidate if _try(candidate) else None
        message = "'?' is Quartz syntax for 'no specific value'; NCrontab uses '*'"
        message += note + "."
        if fix:
            message += f" Write `{fix}`."
        return ScheduleError(
            start=start,
            end=end,
            field=name,
            code="ncrontab.quartz",
            message=message,
            suggestion=fix,
        )
    if "#" in token and index == 5:
        fix = _nth_weekday_fix(tokens)
        message = "'#' (n-th weekday of the month) is Quartz syntax that NCrontab does not support."
        if fix:
            message += (
                f" NCrontab requires both the day and the day of week to match, so `{fix}` "
                "fires on the same day."
            )
        return ScheduleError(
            start=start,
            end=end,
            field=name,
            code="ncrontab.quartz",
            message=message,
            suggestion=fix,
        )
    if index == 3 and ("L" in upper or "W" in upper):
        return ScheduleError(
            start=start,
            end=end,
            field=name,
            code="ncrontab.quartz",
            message=(
                f"'{token}' is Quartz syntax ('L' = last day, 'W' = nearest weekday) that NCrontab "
                "does not support. Run on day 1 of the next month, or on days 28-31 and check in "
                "code whether tomorrow starts a new month."
            ),
        )
    if index == 5 and "L" in upper and not upper.isalpha():
        return ScheduleError(
            start=start,
            end=end,
            field=name,
            code="ncrontab.quartz",
            message=(
                f"'{token}' is Quartz syntax ('L' = last weekday of the month) that NCrontab does "
                "not support. Use days 22-31 with the weekday and check in code that a week later "
                "is next month."
            ),
        )
    suggestion = None
    if index == 5 and problem.code == "ncrontab.out-of-range":
        fixed_field = _dow_seven_fix(token)
        if fixed_field is not None:
            candidate = " ".join([*tokens[:5], fixed_field])
            suggestion = candidate if _try(candidate) else None
    return ScheduleError(
        start=start,
        end=end,
        field=name,
        code=problem.code,
        message=f"Invalid {name} field '{token}': {problem.message}",
        suggestion=suggestion,
    )


def _dow_seven_fix(token: str) -> str | None:
    """Replace a Sunday written as 7 by 0 (`7` -> `0`, `5-7` -> `5-6,0`)."""
    out: list[str] = []
    changed = False
    for item in token.split(","):
        if item == "7":
            out.append("0")
            changed = True
        elif re.fullmatch(r"[0-6]-7", item):
            a = item[0]
            out.append(f"{a}-6,0" if a != "6" else "6,0")
            changed = True
        else:
            out.append(item)
    return ",".join(out) if changed else None


# --------------------------------------------------------------------------- parse


def _parse_cron(text: str, parts: list[tuple[str, int, int]]) -> CronSchedule | ScheduleError:
    if len(parts) != 6:
        return _diagnose_count(text, parts)
    fields: list[CronField] = []
    warnings: list[ValueIssue] = []
    for index, (token, start, end) in enumerate(parts):
        notes: list[str] = []
        try:
            values = _parse_field(token, index, notes)
        except _FieldProblem as problem:
            return _diagnose_field(text, parts, index, problem)
        fields.append(CronField(FIELD_NAMES[index], token, start, end, values))
        lo, hi = _RANGES[index]
        for note in notes:
            warnings.append(
                ValueIssue(
                    start=start,
                    end=end,
                    warning=True,
                    code="ncrontab.suspicious",
                    message=note[0].upper() + note[1:] + ".",
                )
            )
        step = re.search(r"/\+?(\d+)$", token)
        if step and int(step.group(1)) > hi - lo and len(values) == 1:
            warnings.append(
                ValueIssue(
                    start=start,
                    end=end,
                    warning=True,
                    code="ncrontab.suspicious",
                    message=(
                        f"The step in '{token}' is larger than the {FIELD_NAMES[index]} "
                        f"range, so only {values[0]} matches."
                    ),
                )
            )
    schedule = CronSchedule(text, tuple(fields))
    if schedule.never_fires:
        warnings.append(
            ValueIssue(
                start=fields[3].start,
                end=fields[4].end,
                warning=True,
                code="ncrontab.never",
                message="This schedule never fires: none of its months has any of its days "
                f"({_impossible_detail(schedule)}).",
            )
        )
    warnings += _every_second_while(text, schedule)
    if warnings:
        schedule = CronSchedule(text, tuple(fields), tuple(warnings))
    return schedule


def _every_second_while(text: str, schedule: CronSchedule) -> list[ValueIssue]:
    """`* */10 * * * *`: a `*` seconds field under a restricted coarser field fires every second
    of each matching minute (60 runs), almost always meant as once at the start of it."""
    seconds = schedule.fields[0]
    if not seconds.is_full or all(f.is_full for f in schedule.fields[1:]):
        return []
    fixed = text[: seconds.start] + "0" + text[seconds.end :]
    once = parse_schedule(fixed)
    meant = f" ({once.describe()})" if isinstance(once, CronSchedule) else ""
    return [
        ValueIssue(
            start=seconds.start,
            end=seconds.end,
            warning=True,
            code="ncrontab.every-second",
            message=(
                f"'{text.strip()}' fires {schedule.describe()}: 60 runs in each matching minute, "
                f"because the first field is seconds. For one run at the start of each matching "
                f"minute write "
                f"'{fixed.strip()}'{meant}."
            ),
            suggestion=fixed,
        )
    ]


def parse_schedule(text: str) -> Schedule | SettingReference | ScheduleError:
    """Parse a timer `schedule` value the way the host does (never raises).

    Returns a `CronSchedule` (six-field NCRONTAB), an `IntervalSchedule` (a TimeSpan such as
    `00:05:00`), a `SettingReference` when the value names app settings (resolve and parse the
    resolved text again), or a `ScheduleError` with a span, a specific message for the classic
    mistakes and, where one is certain, a `suggestion` for the whole value.
    """
    if "%" in text:
        refs, errors = find_setting_refs(text)
        if errors:
            err = errors[0]
            return ScheduleError(start=err.start, end=err.end, code=err.code, message=err.message)
        return SettingReference(text, tuple(refs))
    parts = _split_fields(text)
    cron = _parse_cron(text, parts)
    if isinstance(cron, CronSchedule):
        return cron
    span = parse_timespan(text)
    if not isinstance(span, TimeSpanError):
        warnings: list[ValueIssue] = []
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        if re.fullmatch(r"-?\d+", stripped):
            warnings.append(
                ValueIssue(
                    start=lead,
                    end=lead + len(stripped),
                    warning=True,
                    code="ncrontab.days",
                    message=f"'{stripped}' is read as a TimeSpan of {describe_timespan(span)}.",
                )
            )
        if span <= timedelta(0):
            warnings.append(
                ValueIssue(
                    start=lead,
                    end=lead + len(stripped),
                    warning=True,
                    code="ncrontab.interval",
                    message="A zero or negative interval does not make a working timer.",
                )
            )
        return IntervalSchedule(text, span, tuple(warnings))
    if (
        len(parts) == 1
        and any(c in parts[0][0] for c in ":.")
        and not any(c in parts[0][0] for c in "*/,")
    ):
        # Looks like a TimeSpan attempt: report the TimeSpan problem.
        return ScheduleError(
            start=span.start,
            end=span.end,
            code=span.code,
            suggestion=span.suggestion,
            message=f"{span.message} (A timer schedule is a six-field NCRONTAB expression or a "
            "TimeSpan.)",
        )
    if len(parts) == 1 and span.suggestion:
        return ScheduleError(
            start=span.start,
            end=span.end,
            code="ncrontab.unit",
            suggestion=span.suggestion,
            message=f"'{parts[0][0]}' is neither NCRONTAB nor a TimeSpan; for a fixed interval "
            f"write `{span.suggestion}`.",
        )
    return cron


def fires_more_than_once_a_minute(schedule: Schedule) -> bool:
    """The host's test for turning `useMonitor` off (H-34).

    For NCRONTAB: every field from minute to day-of-week admits every value and the seconds field
    has two or more values (`*/10 * * * * *`). A schedule restricted elsewhere, such as
    `*/10 * 9 * * *`, keeps the monitor even though it fires every ten seconds during that hour.
    For a TimeSpan: the interval is shorter than one minute.
    """
    if isinstance(schedule, CronSchedule):
        return all(f.is_full for f in schedule.fields[1:]) and len(schedule.seconds) > 1
    if isinstance(schedule, IntervalSchedule):
        return schedule.interval < timedelta(minutes=1)
    return False


# --------------------------------------------------------------------------- occurrences


def _feasible_days(days: tuple[int, ...], months: tuple[int, ...]) -> bool:
    longest = {m: (29 if m == 2 else calendar.monthrange(2001, m)[1]) for m in months}
    return any(d <= longest[m] for m in months for d in days)


def _impossible_detail(schedule: CronSchedule) -> str:
    months = ", ".join(MONTH_NAMES[m - 1] for m in schedule.months)
    days = ", ".join(str(d) for d in schedule.days)
    return f"day {days} in {months}"


def _first_time(
    s: CronSchedule, hour: int, minute: int, second: int
) -> tuple[int, int, int] | None:
    """First (h, m, s) >= the given time of day, or None if none remains that day."""
    hours, minutes, seconds = s.hours, s.minutes, s.seconds
    hi = bisect.bisect_left(hours, hour)
    while hi < len(hours):
        h = hours[hi]
        m_from = minute if h == hour else 0
        mi = bisect.bisect_left(minutes, m_from)
        while mi < len(minutes):
            m = minutes[mi]
            s_from = second if (h == hour and m == minute) else 0
            si = bisect.bisect_left(seconds, s_from)
            if si < len(seconds):
                return h, m, seconds[si]
            mi += 1
        hi += 1
    return None


def _next_after(s: CronSchedule, base: datetime) -> datetime | None:
    """The first datetime strictly after `base` (naive, whole seconds) that matches."""
    try:
        start = base + timedelta(seconds=1)
    except OverflowError:
        return None
    year, month = start.year, start.month
    dows = set(s.days_of_week)
    months = set(s.months)
    for _ in range(_SEARCH_MONTHS):
        if year > 9999:
            return None
        if month in months:
            last = calendar.monthrange(year, month)[1]
            for day in s.days:
                if day > last:
                    break
                current = date(year, month, day)
                if current < start.date():
                    continue
                if (current.weekday() + 1) % 7 not in dows:
                    continue
                if current == start.date():
                    found = _first_time(s, start.hour, start.minute, start.second)
                else:
                    found = _first_time(s, 0, 0, 0)
                if found is not None:
                    return datetime(year, month, day, *found)
        month += 1
        if month > 12:
            month = 1
            year += 1
    return None


# --------------------------------------------------------------------------- describe


def _runs(values: tuple[int, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for v in values:
        if runs and runs[-1][1] == v - 1:
            runs[-1] = (runs[-1][0], v)
        else:
            runs.append((v, v))
    return runs


def _progression(values: tuple[int, ...], hi: int) -> tuple[int, int] | None:
    """(start, step) when the values are start, start+step, ... up to the end of the range."""
    if len(values) < 2:
        return None
    step = values[1] - values[0]
    if step < 2 or any(b - a != step for a, b in zip(values, values[1:], strict=False)):
        return None
    if values[-1] + step <= hi:
        return None
    return values[0], step


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _list(values: tuple[int, ...], fmt: Callable[[int], str] = str) -> str:
    parts: list[str] = []
    for a, b in _runs(values):
        if a == b:
            parts.append(fmt(a))
        elif b == a + 1:
            parts.extend([fmt(a), fmt(b)])
        else:
            parts.append(f"{fmt(a)} through {fmt(b)}")
    return _join(parts)


def _plural(word: str, values: tuple[int, ...]) -> str:
    return word if len(values) == 1 else word + "s"


def _every(values: tuple[int, ...], lo: int, hi: int, unit: str) -> str | None:
    """`every N units` for a progression, with the start when it is not the first value."""
    prog = _progression(values, hi)
    if prog is None:
        return None
    first, step = prog
    text = f"every {step} {unit}s"
    if first != lo:
        text += f" starting at {unit} {first}"
    if (hi - lo + 1) % step:
        text += f" (restarting at {unit} {first} every {_NEXT_UNIT[unit]})"
    return text


_NEXT_UNIT = {"second": "minute", "minute": "hour", "hour": "day"}


def _hours_text(values: tuple[int, ...]) -> str:
    return f"{_plural('hour', values)} {_list(values, lambda h: f'{h:02d}')}"


def _time_phrase(s: CronSchedule) -> tuple[str, bool]:
    """The time-of-day part and whether it names specific clock times."""
    sec, mins, hrs = s.fields[0], s.fields[1], s.fields[2]
    seconds, minutes, hours = sec.values, mins.values, hrs.values
    hour_every = None if hrs.is_full else _every(hours, 0, 23, "hour")
    during_hours = "" if hrs.is_full else f" during {_hours_text(hours)}"
    minute_every = None if mins.is_full else _every(minutes, 0, 59, "minute")
    if len(seconds) == 1:
        s0 = seconds[0]
        if mins.is_full or minute_every:
            base = "every minute" if mins.is_full else str(minute_every)
            return base + (f" at second {s0}" if s0 else "") + during_hours, False
        at_minute = f"at {_plural('minute', minutes)} {_list(minutes)}"
        at_minute += f", second {s0}" if s0 else ""
        if not hrs.is_full and len(minutes) * len(hours) <= 6:
            times = [f"{h:02d}:{m:02d}:{s0:02d}" for h in hours for m in minutes]
            return f"at {_join(times)}", True
        if hrs.is_full:
            return f"every hour {at_minute}", False
        if hour_every:
            return f"{hour_every} {at_minute}", False
        return f"every hour {at_minute}{during_hours}", False
    if sec.is_full:
        text = "every second"
    else:
        text = _every(seconds, 0, 59, "second") or (
            f"every minute at {_plural('second', seconds)} {_list(seconds)}"
            if mins.is_full
            else f"at {_plural('second', seconds)} {_list(seconds)}"
        )
    if not mins.is_full:
        text += f" during {_plural('minute', minutes)} {_list(minutes)}"
        if hrs.is_full:
            text += " of every hour"
    return text + during_hours, False


def _describe_cron(s: CronSchedule) -> str:
    time_text, clock = _time_phrase(s)
    day_f, month_f, dow_f = s.fields[3], s.fields[4], s.fields[5]
    D, Mo, W = day_f.values, month_f.values, dow_f.values
    parts = [time_text]
    dow_text = _list(W, lambda d: DAY_NAMES[d])
    month_text = _list(Mo, lambda m: MONTH_NAMES[m - 1])
    if not day_f.is_full and len(D) == 1 and len(Mo) == 1:
        parts.append(f"on {MONTH_NAMES[Mo[0] - 1]} {D[0]}")
        if not dow_f.is_full:
            parts.append(f"if it is a {dow_text.replace(' and ', ' or ')}")
    else:
        if not day_f.is_full:
            parts.append(f"on {_plural('day', D)} {_list(D)} of the month")
            if not dow_f.is_full:
                parts.append(f"if it is a {dow_text.replace(' and ', ' or ')}")
        elif not dow_f.is_full:
            parts.append(f"on {dow_text}")
        elif clock:
            parts.append("every day")
        if not month_f.is_full:
            month_every = _progression(Mo, 12)
            if month_every and month_every[1] > 1:
                parts.append(f"every {month_every[1]} months ({month_text})")
            else:
                parts.append(f"in {month_text}")
    text = " ".join(parts)
    if s.never_fires:
        text += " (never fires: no such date)"
    return text
