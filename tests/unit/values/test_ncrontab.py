"""Timer schedules: NCRONTAB parsing, classic mistakes, TimeSpans, descriptions, occurrences."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funcls.core.values.ncrontab import (
    CronSchedule,
    IntervalSchedule,
    Schedule,
    ScheduleError,
    SettingReference,
    fires_more_than_once_a_minute,
    parse_schedule,
)


def cron(text: str) -> CronSchedule:
    result = parse_schedule(text)
    assert isinstance(result, CronSchedule), result
    return result


def error(text: str) -> ScheduleError:
    result = parse_schedule(text)
    assert isinstance(result, ScheduleError), result
    return result


# --------------------------------------------------------------------------- valid fields


def test_every_five_minutes() -> None:
    s = cron("0 */5 * * * *")
    assert s.seconds == (0,)
    assert s.minutes == tuple(range(0, 60, 5))
    assert s.hours == tuple(range(24))
    assert s.days == tuple(range(1, 32))
    assert s.months == tuple(range(1, 13))
    assert s.days_of_week == tuple(range(7))
    assert s.warnings == ()


def test_field_spans_follow_the_text() -> None:
    s = cron("  0  30 9 * *  1-5 ")
    spans = [(f.start, f.end, f.text) for f in s.fields]
    assert spans[0] == (2, 3, "0")
    assert spans[1] == (5, 7, "30")
    assert spans[5] == (15, 18, "1-5")


@pytest.mark.parametrize(
    ("text", "index", "values"),
    [
        ("0 0 9 * * 1-5", 5, (1, 2, 3, 4, 5)),
        ("0 0 9 * * mon-FRI", 5, (1, 2, 3, 4, 5)),
        ("0 0 9 * * Monday,Wednesday", 5, (1, 3)),
        ("0 0 9 * * T", 5, (2,)),  # any prefix of the name: T = Tuesday
        ("0 0 9 * Ju *", 4, (6,)),  # Ju = June (first match)
        ("0 0 9 * JAN-mar *", 4, (1, 2, 3)),
        ("0 0 9 * September *", 4, (9,)),
        ("0 0 0 1-31/10 * *", 3, (1, 11, 21, 31)),
        ("5/15 * * * * *", 0, (5, 20, 35, 50)),
        ("0 10-20/5 * * * *", 1, (10, 15, 20)),
        ("0 1,2,3-5 * * * *", 1, (1, 2, 3, 4, 5)),
        ("0 0 */6 * * *", 2, (0, 6, 12, 18)),
        ("0 0 0 * */3 *", 4, (1, 4, 7, 10)),
        ("0 0 0 */7 * *", 3, (1, 8, 15, 22, 29)),
        ("0 0 0 * * */2", 5, (0, 2, 4, 6)),
        ("0 0 0 * * 0", 5, (0,)),
        ("0 0 0 * * *,1", 5, tuple(range(7))),
        ("0 0 0 * * 05", 5, (5,)),
        ("0 0 0 * * */+2", 5, (0, 2, 4, 6)),
    ],
)
def test_field_values(text: str, index: int, values: tuple[int, ...]) -> None:
    assert cron(text).fields[index].values == values


def test_reversed_range_is_swapped_with_a_warning() -> None:
    s = cron("0 0 0 * * Fri-Mon")
    assert s.days_of_week == (1, 2, 3, 4, 5)
    assert len(s.warnings) == 1
    assert s.warnings[0].warning
    assert "swaps" in s.warnings[0].message
    assert (s.warnings[0].start, s.warnings[0].end) == (10, 17)


@pytest.mark.parametrize("text", ["*/0 * * * * *", "*/-5 * * * * *"])
def test_step_zero_or_negative_means_every_value(text: str) -> None:
    s = cron(text)
    assert s.seconds == tuple(range(60))
    assert any("treated as 1" in w.message for w in s.warnings)


def test_step_larger_than_range_warns() -> None:
    s = cron("0 */90 * * * *")
    assert s.minutes == (0,)
    assert any("larger than" in w.message for w in s.warnings)


# --------------------------------------------------------------------------- classic mistakes


def test_five_field_unix_cron() -> None:
    err = error("*/5 * * * *")
    assert err.code == "ncrontab.five-fields"
    assert err.suggestion == "0 */5 * * * *"
    assert "Add a seconds field: `0 */5 * * * *`" in err.message
    assert (err.start, err.end) == (0, 11)


def test_five_field_with_zero_first_offers_both_readings() -> None:
    err = error("0 */5 * * *")
    # As Unix cron: minute 0 of every fifth hour; prepending seconds keeps that meaning.
    assert err.suggestion == "0 0 */5 * * *"
    # The other reading: the 0 was the seconds and a field was left out.
    assert "`0 */5 * * * *`" in err.message
    assert "every 5 minutes" in err.message


def test_seven_field_quartz_with_year() -> None:
    err = error("*/5 * * * * * *")
    assert err.code == "ncrontab.seven-fields"
    assert err.suggestion == "*/5 * * * * *"
    assert (err.start, err.end) == (14, 15)


def test_seven_field_quartz_question_mark_and_year() -> None:
    err = error("0 0 12 ? * MON-FRI 2025")
    assert err.suggestion == "0 0 12 * * MON-FRI"


def test_quartz_question_mark() -> None:
    err = error("0 0 * * * ?")
    assert err.code == "ncrontab.quartz"
    assert err.field == "day-of-week"
    assert err.suggestion == "0 0 * * * *"
    assert (err.start, err.end) == (10, 11)


def test_quartz_question_mark_in_day_converts_numeric_weekdays() -> None:
    err = error("0 0 12 ? * 2-6")
    assert err.field == "day"
    assert err.suggestion == "0 0 12 * * 1-5"
    assert "1-7" in err.message


def test_quartz_nth_weekday() -> None:
    err = error("0 0 9 ? * MON#1")
    # the '?' is reported first; once replaced, '#' gets its own advice
    assert err.code == "ncrontab.quartz"
    err = error("0 0 9 * * MON#1")
    assert err.field == "day-of-week"
    assert err.suggestion == "0 0 9 1-7 * MON"


@pytest.mark.parametrize("text", ["0 0 0 L * *", "0 0 9 15W * *", "0 0 9 LW * *"])
def test_quartz_last_and_weekday_in_day_field(text: str) -> None:
    err = error(text)
    assert err.code == "ncrontab.quartz"
    assert err.field == "day"
    assert "Quartz" in err.message


def test_quartz_last_weekday_in_dow_field() -> None:
    err = error("0 0 9 * * 5L")
    assert err.field == "day-of-week"
    assert "Quartz" in err.message


def test_w_alone_is_wednesday_in_the_day_of_week_field() -> None:
    assert cron("0 0 9 * * W").days_of_week == (3,)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("0 0 0 * * 7", "0 0 0 * * 0"), ("0 0 0 * * 5-7", "0 0 0 * * 5-6,0")],
)
def test_day_of_week_seven_is_rejected(text: str, suggestion: str) -> None:
    err = error(text)
    assert err.field == "day-of-week"
    assert "Sunday = 0" in err.message
    assert err.suggestion == suggestion
    assert isinstance(parse_schedule(suggestion), CronSchedule)


@pytest.mark.parametrize(
    ("text", "field", "span", "needle"),
    [
        ("0 60 * * * *", "minute", (2, 4), "0-59"),
        ("0 0 24 * * *", "hour", (4, 6), "Midnight is hour 0"),
        ("0 0 0 0 * *", "day", (6, 7), "start at 1"),
        ("0 0 0 32 * *", "day", (6, 8), "1-31"),
        ("0 0 0 * 13 *", "month", (8, 10), "1-12"),
        ("0 0 0 * 0 *", "month", (8, 9), "start at 1"),
        ("60 * * * * *", "second", (0, 2), "The last second is 59"),
        ("0 0 Mon * * *", "hour", (4, 7), "only allowed in the month and day-of-week"),
        ("0 0 0 * * Mnday", "day-of-week", (10, 15), "Did you mean Mon"),
        ("0 0 0 * Jnu *", "month", (8, 11), "Did you mean Jun"),
        ("0 1,,2 * * * *", "minute", (2, 6), "empty list item"),
        ("0 */x * * * *", "minute", (2, 5), "not a valid step"),
        ("0 1-2-3 * * * *", "minute", (2, 7), "not a number"),
        ("0 5x * * * *", "minute", (2, 4), "not a number"),
        ("0 */99999999999 * * * *", "minute", (2, 15), "not a valid step"),
        ("0 -5 * * * *", "minute", (2, 4), "minute"),
    ],
)
def test_field_errors_point_at_the_field(
    text: str, field: str, span: tuple[int, int], needle: str
) -> None:
    err = error(text)
    assert err.field == field
    assert (err.start, err.end) == span
    assert needle in err.message


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("@daily", "0 0 0 * * *"),
        ("@hourly", "0 0 * * * *"),
        ("@weekly", "0 0 0 * * 0"),
        ("@monthly", "0 0 0 1 * *"),
        ("@yearly", "0 0 0 1 1 *"),
    ],
)
def test_macros(text: str, fix: str) -> None:
    err = error(text)
    assert err.code == "ncrontab.macro"
    assert err.suggestion == fix


def test_tabs_do_not_separate_fields() -> None:
    err = error("0\t*/5 * * * *")
    assert err.code == "ncrontab.tab"
    assert err.suggestion == "0 */5 * * * *"
    assert (err.start, err.end) == (1, 2)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty(text: str) -> None:
    assert error(text).code == "ncrontab.empty"


def test_wrong_field_count() -> None:
    err = error("0 0 0 * * * * *")
    assert err.code == "ncrontab.field-count"
    assert "8" in err.message


def test_garbage_word() -> None:
    err = error("every night")
    assert err.code == "ncrontab.field-count"


# --------------------------------------------------------------------------- TimeSpan and %Setting%


def test_timespan_schedule() -> None:
    s = parse_schedule("00:05:00")
    assert isinstance(s, IntervalSchedule)
    assert s.interval == timedelta(minutes=5)
    assert s.describe() == "every 5 minutes"
    assert s.warnings == ()


def test_timespan_with_days() -> None:
    s = parse_schedule("1.00:00:00")
    assert isinstance(s, IntervalSchedule)
    assert s.interval == timedelta(days=1)
    assert s.describe() == "every 1 day"


def test_bare_number_is_days() -> None:
    s = parse_schedule("5")
    assert isinstance(s, IntervalSchedule)
    assert s.interval == timedelta(days=5)
    assert s.warnings and "5 days" in s.warnings[0].message


def test_zero_interval_warns() -> None:
    s = parse_schedule("00:00:00")
    assert isinstance(s, IntervalSchedule)
    assert any(w.code == "ncrontab.interval" for w in s.warnings)
    assert s.next_occurrences(datetime(2024, 1, 1), 3) == []


def test_timespan_hours_out_of_range() -> None:
    err = error("24:00:00")
    assert err.suggestion == "1.00:00:00"
    assert (err.start, err.end) == (0, 2)


def test_unit_suffix_is_not_a_timespan() -> None:
    err = error("5m")
    assert err.code == "ncrontab.unit"
    assert err.suggestion == "00:05:00"


def test_setting_reference() -> None:
    ref = parse_schedule("%TimerSchedule%")
    assert isinstance(ref, SettingReference)
    assert [r.name for r in ref.refs] == ["TimerSchedule"]
    resolved = ref.resolve({"TimerSchedule": "0 */5 * * * *"})
    assert resolved == "0 */5 * * * *"
    assert isinstance(parse_schedule(resolved), CronSchedule)
    assert ref.resolve({}) is None


def test_partial_setting_reference() -> None:
    ref = parse_schedule("0 %Minute% * * * *")
    assert isinstance(ref, SettingReference)
    assert ref.resolve({"Minute": "15"}) == "0 15 * * * *"


def test_unclosed_setting_reference() -> None:
    err = error("%TimerSchedule")
    assert (err.start, err.end) == (0, 1)


# --------------------------------------------------------------------------- describe


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("0 */5 * * * *", "every 5 minutes"),
        ("* * * * * *", "every second"),
        ("*/10 * * * * *", "every 10 seconds"),
        ("0 * * * * *", "every minute"),
        ("30 * * * * *", "every minute at second 30"),
        ("0 0 * * * *", "every hour at minute 0"),
        ("0 30 9 * * 1-5", "at 09:30:00 on Monday through Friday"),
        ("0 30 9 * * *", "at 09:30:00 every day"),
        ("0 0 9,12,18 * * *", "at 09:00:00, 12:00:00 and 18:00:00 every day"),
        ("0 0 0 1 1 *", "at 00:00:00 on January 1"),
        ("0 0 12 * * Sun", "at 12:00:00 on Sunday"),
        ("0 0 0 * * 0,6", "at 00:00:00 on Sunday and Saturday"),
        ("0 0 0 13 * 5", "at 00:00:00 on day 13 of the month if it is a Friday"),
        ("0 0 */2 * * *", "every 2 hours at minute 0"),
        ("0 0 0 1 */3 *", "at 00:00:00 on day 1 of the month every 3 months"),
        ("0 0 0 1 1-3 *", "at 00:00:00 on day 1 of the month in January through March"),
        ("0 */7 * * * *", "every 7 minutes (restarting at minute 0 every hour)"),
        ("0 30 9-17 * * 1-5", "every hour at minute 30 during hours 09 through 17 on Monday"),
        ("0 15,45 * * * *", "every 30 minutes starting at minute 15"),
        ("0 * 9 * * *", "every minute during hour 09"),
        ("0 */5 9-17 * * 1-5", "every 5 minutes during hours 09 through 17 on Monday"),
        ("*/10 * 9 * * *", "every 10 seconds during hour 09"),
        ("*/10 0-4 * * * *", "every 10 seconds during minutes 0 through 4 of every hour"),
        ("0 30 */3 * * *", "every 3 hours at minute 30"),
        ("15 30 9 * * *", "at 09:30:15 every day"),
        ("0 0 12 1 * 1", "at 12:00:00 on day 1 of the month if it is a Monday"),
        ("0 0 0 1,15 * *", "at 00:00:00 on days 1 and 15 of the month"),
        ("0 0 8 * 12 *", "at 08:00:00 every day in December"),
        ("0,15 * * * * *", "every minute at seconds 0 and 15"),
    ],
)
def test_describe(text: str, sentence: str) -> None:
    assert cron(text).describe().startswith(sentence)


def test_describe_impossible_schedule() -> None:
    s = cron("0 0 0 30 2 *")
    assert s.never_fires
    assert "never fires" in s.describe()
    assert any(w.code == "ncrontab.never" for w in s.warnings)


# --------------------------------------------------------------------------- occurrences


def test_next_occurrences_new_year() -> None:
    s = cron("0 0 0 1 1 *")
    assert s.next_occurrences(datetime(2024, 6, 1, 12, 0), 3) == [
        datetime(2025, 1, 1),
        datetime(2026, 1, 1),
        datetime(2027, 1, 1),
    ]


def test_next_occurrences_are_strictly_after() -> None:
    s = cron("0 0 0 1 1 *")
    assert s.next_occurrences(datetime(2025, 1, 1), 1) == [datetime(2026, 1, 1)]
    # Sub-second parts of the base are ignored, as NCrontab ignores them.
    assert s.next_occurrences(datetime(2025, 1, 1, 0, 0, 0, 999), 1) == [datetime(2026, 1, 1)]


def test_leap_day() -> None:
    s = cron("0 0 0 29 2 *")
    assert s.next_occurrences(datetime(2024, 3, 1), 3) == [
        datetime(2028, 2, 29),
        datetime(2032, 2, 29),
        datetime(2036, 2, 29),
    ]
    # 2100 is not a leap year.
    assert s.next_occurrences(datetime(2096, 3, 1), 1) == [datetime(2104, 2, 29)]


def test_leap_day_on_a_monday() -> None:
    s = cron("0 0 0 29 2 1")
    found = s.next_occurrences(datetime(2024, 3, 1), 2)
    assert found == [datetime(2044, 2, 29), datetime(2072, 2, 29)]
    assert all(d.weekday() == 0 for d in found)


def test_impossible_schedule_is_empty_and_fast() -> None:
    s = cron("0 0 0 30 2 *")
    started = time.perf_counter()
    assert s.next_occurrences(datetime(2024, 1, 1), 5) == []
    assert time.perf_counter() - started < 0.5


def test_day_31_skips_short_months() -> None:
    s = cron("0 0 0 31 * *")
    assert [d.month for d in s.next_occurrences(datetime(2024, 1, 31), 4)] == [3, 5, 7, 8]


def test_weekdays_skip_the_weekend() -> None:
    s = cron("0 30 9 * * 1-5")
    friday = datetime(2024, 6, 7, 9, 30, 0, 500)
    assert s.next_occurrences(friday, 2) == [
        datetime(2024, 6, 10, 9, 30),
        datetime(2024, 6, 11, 9, 30),
    ]


def test_day_and_weekday_are_anded() -> None:
    s = cron("0 0 0 13 * 5")
    found = s.next_occurrences(datetime(2024, 1, 1), 3)
    assert found == [datetime(2024, 9, 13), datetime(2024, 12, 13), datetime(2025, 6, 13)]


def test_every_five_minutes_occurrences() -> None:
    s = cron("0 */5 * * * *")
    assert s.next_occurrences(datetime(2024, 1, 1, 23, 58, 30), 3) == [
        datetime(2024, 1, 2, 0, 0),
        datetime(2024, 1, 2, 0, 5),
        datetime(2024, 1, 2, 0, 10),
    ]


def test_timezone_is_kept() -> None:
    s = cron("0 0 12 * * *")
    tz = timezone(timedelta(hours=2))
    assert s.next_occurrences(datetime(2024, 1, 1, 13, 0, tzinfo=tz), 1) == [
        datetime(2024, 1, 2, 12, 0, tzinfo=tz)
    ]


def test_end_of_calendar() -> None:
    s = cron("0 0 0 1 1 *")
    assert s.next_occurrences(datetime(9998, 6, 1), 5) == [datetime(9999, 1, 1)]
    assert s.next_occurrences(datetime(9999, 12, 31, 23, 59, 59), 1) == []


def test_count_is_capped_and_zero_is_empty() -> None:
    s = cron("* * * * * *")
    assert s.next_occurrences(datetime(2024, 1, 1), 0) == []
    assert len(s.next_occurrences(datetime(2024, 1, 1), 5000)) == 1000


def test_interval_occurrences() -> None:
    s = parse_schedule("00:30:00")
    assert isinstance(s, IntervalSchedule)
    assert s.next_occurrences(datetime(2024, 1, 1), 2) == [
        datetime(2024, 1, 1, 0, 30),
        datetime(2024, 1, 1, 1, 0),
    ]


def _brute_force(s: CronSchedule, after: datetime, days: int) -> list[datetime]:
    """Every firing in (after, after + days], minute by minute."""
    found: list[datetime] = []
    minute = after.replace(second=0, microsecond=0)
    end = after + timedelta(days=days)
    while minute <= end:
        if (
            minute.minute in s.minutes
            and minute.hour in s.hours
            and minute.day in s.days
            and minute.month in s.months
            and (minute.weekday() + 1) % 7 in s.days_of_week
        ):
            for sec in s.seconds:
                moment = minute.replace(second=sec)
                if after.replace(microsecond=0) < moment <= end:
                    found.append(moment)
        minute += timedelta(minutes=1)
    return found


_FIELD_CHOICES = {
    0: ["0", "*/20", "15,45"],
    1: ["0", "*/15", "5-10", "59"],
    2: ["*", "*/6", "9-17", "0", "23"],
    3: ["*", "1", "15-20", "31", "*/10"],
    4: ["*", "Feb", "1-3", "*/2"],
    5: ["*", "1-5", "Sun", "0,6", "3"],
}


@settings(max_examples=40, deadline=None)
@given(
    choice=st.tuples(*[st.sampled_from(v) for v in _FIELD_CHOICES.values()]),
    start=st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31)),
)
def test_next_occurrences_match_brute_force(choice: tuple[str, ...], start: datetime) -> None:
    s = cron(" ".join(choice))
    expected = _brute_force(s, start, days=3)
    got = s.next_occurrences(start, min(len(expected), 20) or 1)
    if expected:
        assert got == expected[: len(got)]
    else:
        assert not got or got[0] > start + timedelta(days=3)


# --------------------------------------------------------------------------- H-34


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The host's own test data (WebJobs TimerSchedule tests).
        ("* * * * * *", True),
        ("*/5 * * * * *", True),
        ("  */5    * *      * * *", True),
        ("10,20,45 * * * * *", True),
        ("0 */5 * * * *", False),
        ("0 30 * * * *", False),
        ("* 30 * * * *", False),
        ("* */30 * * * *", False),
        ("0 * * * * *", False),
        ("30 * * * * *", False),
        ("* 1-5 * * * *", False),
        ("* * 12 * * Mon", False),
        # Restricted elsewhere: the host keeps the monitor.
        ("*/10 * 9 * * *", False),
        ("0,30 0-59 0-23 1-31 1-12 0-6", True),
        ("*/30 * * * * *", True),
        ("0-59/60 * * * * *", False),  # a step past the range leaves one second
        ("0 * * 1-31 * Sun-Sat", False),
        ("00:00:30", True),
        ("00:00:59.9", True),
        ("00:01:00", False),
        ("1", False),  # one day
    ],
)
def test_fires_more_than_once_a_minute(text: str, expected: bool) -> None:
    result = parse_schedule(text)
    assert isinstance(result, Schedule)
    assert fires_more_than_once_a_minute(result) is expected


# --------------------------------------------------------------------------- robustness

_CRONISH = st.text(alphabet=" 0123456789*/,-?#LW:.%MonJanFri\t", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), _CRONISH))
def test_parse_schedule_never_raises(text: str) -> None:
    result = parse_schedule(text)
    if isinstance(result, ScheduleError):
        assert 0 <= result.start <= result.end <= len(text)
        assert result.message
        if result.suggestion is not None:
            assert not isinstance(parse_schedule(result.suggestion), ScheduleError)
    elif isinstance(result, Schedule):
        result.describe()
        result.next_occurrences(datetime(2024, 1, 1), 3)
        fires_more_than_once_a_minute(result)
        for w in result.warnings:
            assert 0 <= w.start <= w.end <= len(text)
