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

This module parses a schedule and explains what the host would reject; one field's parsing is in
`ncrontab_fields`, the schedule types and their next firings in `ncrontab_schedule`, their
descriptions in `ncrontab_describe`.
"""

from __future__ import annotations

import re
from datetime import timedelta

from funcls.core.values.expressions import find_setting_refs
from funcls.core.values.issue import ValueIssue
from funcls.core.values.ncrontab_fields import (
    DAY_NAMES,
    FIELD_NAMES,
    FIELD_RANGES,
    MONTH_NAMES,
    FieldProblem,
    parse_field,
    split_fields,
)
from funcls.core.values.ncrontab_schedule import (
    CronField,
    CronSchedule,
    IntervalSchedule,
    Schedule,
    ScheduleError,
    SettingReference,
    fires_more_than_once_a_minute,
)
from funcls.core.values.timespan import TimeSpanError, describe_timespan, parse_timespan

__all__ = [
    "DAY_NAMES",
    "FIELD_NAMES",
    "MONTH_NAMES",
    "CronField",
    "CronSchedule",
    "IntervalSchedule",
    "Schedule",
    "ScheduleError",
    "SettingReference",
    "fires_more_than_once_a_minute",
    "parse_schedule",
]

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
    return isinstance(_parse_cron(text, split_fields(text)), CronSchedule)


def _describe_text(text: str) -> str:
    parsed = _parse_cron(text, split_fields(text))
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
    """Wrong number of fields: recognise Unix (5) and Quartz (7) crons and macros.

    Over 80 lines on purpose: one flat list of recognised shapes, tried in order, each with its
    own message and fix; the first that matches wins.
    """
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
    parts: list[tuple[str, int, int]], index: int, problem: FieldProblem
) -> ScheduleError:
    """A six-field expression with a bad field: add Quartz-specific advice where it applies.

    Over 80 lines on purpose: one flat list of Quartz and Unix habits (`?`, `L`, `W`, `#`,
    day-of-week 7), tried in order, each with its own message and fix.
    """
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
            values = parse_field(token, index, notes)
        except FieldProblem as problem:
            return _diagnose_field(parts, index, problem)
        fields.append(CronField(FIELD_NAMES[index], token, start, end, values))
        lo, hi = FIELD_RANGES[index]
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
    parts = split_fields(text)
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


def _impossible_detail(schedule: CronSchedule) -> str:
    months = ", ".join(MONTH_NAMES[m - 1] for m in schedule.months)
    days = ", ".join(str(d) for d in schedule.days)
    return f"day {days} in {months}"
