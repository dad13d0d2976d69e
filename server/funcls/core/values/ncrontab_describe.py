"""Plain-English descriptions of NCRONTAB schedules, for hovers and messages
(`at 09:30:00 on Monday through Friday`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from funcls.core.values.ncrontab_fields import DAY_NAMES, MONTH_NAMES

if TYPE_CHECKING:
    from funcls.core.values.ncrontab_schedule import CronSchedule


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


def describe_cron(s: CronSchedule) -> str:
    """A plain-English sentence for a valid NCRONTAB schedule."""
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
