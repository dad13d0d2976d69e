"""The schedules the timer extension accepts (an NCRONTAB expression or a TimeSpan interval),
a schedule naming app settings, and when a schedule fires next."""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from funcls.core.values.expressions import SettingRef
from funcls.core.values.issue import ValueIssue
from funcls.core.values.ncrontab_describe import describe_cron
from funcls.core.values.ncrontab_fields import FIELD_NAMES, FIELD_RANGES
from funcls.core.values.timespan import describe_timespan

_MAX_COUNT = 1000
_SEARCH_MONTHS = 400 * 12 + 1  # the Gregorian calendar repeats every 400 years


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
        lo, hi = FIELD_RANGES[FIELD_NAMES.index(self.name)]
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
        return not feasible_days(self.days, self.months)

    def describe(self) -> str:
        """A plain-English sentence such as `at 09:30:00 on Monday through Friday`."""
        return describe_cron(self)

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


def feasible_days(days: tuple[int, ...], months: tuple[int, ...]) -> bool:
    """True when one of the months has one of the days (February counts 29)."""
    longest = {m: (29 if m == 2 else calendar.monthrange(2001, m)[1]) for m in months}
    return any(d <= longest[m] for m in months for d in days)


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
