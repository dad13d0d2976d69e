""".NET TimeSpan parsing, formatting and the functionTimeout bounds (H-46)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funcls.core.values.timespan import (
    FunctionTimeout,
    TimeSpanError,
    describe_timespan,
    format_timespan,
    parse_function_timeout,
    parse_timespan,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:05:00", timedelta(minutes=5)),
        ("00:00:01", timedelta(seconds=1)),
        ("1.00:00:00", timedelta(days=1)),
        ("2.03:04:05", timedelta(days=2, hours=3, minutes=4, seconds=5)),
        ("5", timedelta(days=5)),  # a bare number is days
        ("-1", timedelta(days=-1)),
        ("00:05", timedelta(minutes=5)),  # hh:mm
        ("1.02:03", timedelta(days=1, hours=2, minutes=3)),  # d.hh:mm
        ("1:02:03:04", timedelta(days=1, hours=2, minutes=3, seconds=4)),  # culture form
        ("00:00:00.5", timedelta(milliseconds=500)),
        ("00:00:00.1234567", timedelta(microseconds=123456)),
        ("00:00:00.0000001", timedelta(0)),  # one tick, below a microsecond
        ("00:00:00.00000005", timedelta(0)),  # leading zeros may exceed seven digits
        ("1.00:00:00.25", timedelta(days=1, milliseconds=250)),
        ("10:20:.5", timedelta(hours=10, minutes=20, milliseconds=500)),
        ("  00:10:00  ", timedelta(minutes=10)),
        ("-00:30:00", timedelta(minutes=-30)),
        ("23:59:59", timedelta(hours=23, minutes=59, seconds=59)),
        ("10675199.02:48:05", timedelta(days=10675199, hours=2, minutes=48, seconds=5)),
        ("7:5:3", timedelta(hours=7, minutes=5, seconds=3)),
    ],
)
def test_valid(text: str, expected: timedelta) -> None:
    assert parse_timespan(text) == expected


@pytest.mark.parametrize(
    ("text", "span", "code"),
    [
        ("24:00:00", (0, 2), "timespan.out-of-range"),
        ("00:60:00", (3, 5), "timespan.out-of-range"),
        ("00:00:60", (6, 8), "timespan.out-of-range"),
        ("00:00:00.12345678", (9, 17), "timespan.out-of-range"),
        ("10675200.00:00:00", (0, 8), "timespan.out-of-range"),
        ("1.5", (0, 3), "timespan.invalid"),
        ("00-05-00", (0, 8), "timespan.invalid"),
        ("5 minutes", (0, 9), "timespan.invalid"),
        ("abc", (0, 3), "timespan.invalid"),
        ("1:2:3:4:5:6", (0, 11), "timespan.invalid"),
        ("", (0, 0), "timespan.empty"),
        ("   ", (0, 3), "timespan.empty"),
        ("999999999:00:00", (0, 9), "timespan.overflow"),
        (" 00:00:00:00:00 ", (1, 15), "timespan.invalid"),
        ("- 00:05:00", (0, 10), "timespan.invalid"),
    ],
)
def test_invalid(text: str, span: tuple[int, int], code: str) -> None:
    result = parse_timespan(text)
    assert isinstance(result, TimeSpanError)
    assert (result.start, result.end) == span
    assert result.code == code
    assert result.message


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("24:00:00", "1.00:00:00"),
        ("00:90:00", "01:30:00"),
        ("36:00:00", "1.12:00:00"),
        ("5m", "00:05:00"),
        ("30s", "00:00:30"),
        ("2h", "02:00:00"),
        ("1 day", "1.00:00:00"),
    ],
)
def test_suggestions(text: str, suggestion: str) -> None:
    result = parse_timespan(text)
    assert isinstance(result, TimeSpanError)
    assert result.suggestion == suggestion
    assert parse_timespan(suggestion) != result


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(minutes=5), "00:05:00"),
        (timedelta(days=1), "1.00:00:00"),
        (timedelta(days=-1), "-1.00:00:00"),
        (timedelta(milliseconds=1500), "00:00:01.5000000"),
        (timedelta(0), "00:00:00"),
    ],
)
def test_format(value: timedelta, text: str) -> None:
    assert format_timespan(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(minutes=5), "5 minutes"),
        (timedelta(days=1, hours=2), "1 day and 2 hours"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(0), "0 seconds"),
        (timedelta(minutes=-30), "minus 30 minutes"),
        (timedelta(days=2, minutes=1, seconds=3), "2 days, 1 minute and 3 seconds"),
    ],
)
def test_describe(value: timedelta, text: str) -> None:
    assert describe_timespan(value) == text


# --------------------------------------------------------------------------- functionTimeout


@pytest.mark.parametrize(
    ("text", "consumption", "value"),
    [
        ("00:05:00", True, timedelta(minutes=5)),
        ("00:10:00", True, timedelta(minutes=10)),
        ("00:00:01", True, timedelta(seconds=1)),
        ("01:00:00", False, timedelta(hours=1)),
        ("1.00:00:00", False, timedelta(days=1)),
        ("-1", False, None),
        ("-1.00:00:00", False, None),
    ],
)
def test_function_timeout_valid(text: str, consumption: bool, value: timedelta | None) -> None:
    result = parse_function_timeout(text, consumption=consumption)
    assert result == FunctionTimeout(value)
    assert result.unbounded is (value is None)


@pytest.mark.parametrize(
    ("text", "consumption", "suggestion"),
    [
        ("00:10:01", True, "00:10:00"),
        ("01:00:00", True, "00:10:00"),
        ("-1", True, "00:10:00"),
        ("00:00:00", True, None),
        ("00:00:00", False, None),
        ("00:00:00.5", False, None),
        ("-00:05:00", False, None),
    ],
)
def test_function_timeout_out_of_bounds(
    text: str, consumption: bool, suggestion: str | None
) -> None:
    result = parse_function_timeout(text, consumption=consumption)
    assert isinstance(result, TimeSpanError)
    assert result.code == "timespan.timeout-range"
    assert result.suggestion == suggestion
    assert (result.start, result.end) == (0, len(text))


def test_function_timeout_syntax_error_passes_through() -> None:
    result = parse_function_timeout("10 minutes")
    assert isinstance(result, TimeSpanError)
    assert result.code == "timespan.invalid"


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    result = parse_timespan(text)
    if isinstance(result, TimeSpanError):
        assert 0 <= result.start <= result.end <= len(text)
    parse_function_timeout(text, consumption=True)
    parse_function_timeout(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789:.- ", max_size=24))
def test_never_raises_on_timespan_like_text(text: str) -> None:
    result = parse_timespan(text)
    if isinstance(result, TimeSpanError):
        assert 0 <= result.start <= result.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.timedeltas(min_value=timedelta(days=-10675199), max_value=timedelta(days=10675199)))
def test_format_round_trips(value: timedelta) -> None:
    assert parse_timespan(format_timespan(value)) == value
