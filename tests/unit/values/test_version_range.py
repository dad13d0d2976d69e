"""NuGet version ranges for extensionBundle.version (H-44) and package ids (H-45)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funcls.core.values.version_range import (
    NuGetVersion,
    RangeError,
    VersionRange,
    is_valid_package_id,
    parse_range,
    parse_version,
)


def rng(text: str) -> VersionRange:
    result = parse_range(text)
    assert isinstance(result, VersionRange), result
    return result


def err(text: str) -> RangeError:
    result = parse_range(text)
    assert isinstance(result, RangeError), result
    return result


@pytest.mark.parametrize(
    ("text", "normalized", "floating", "majors"),
    [
        ("[4.*, 5.0.0)", "[4.0.0, 5.0.0)", "minor", {4}),
        ("[1.*, 2.0.0)", "[1.0.0, 2.0.0)", "minor", {1}),
        ("[2.*, 3.0.0)", "[2.0.0, 3.0.0)", "minor", {2}),
        ("[3.3.0, 4.0.0)", "[3.3.0, 4.0.0)", None, {3}),
        ("[4.0.0, )", "[4.0.0, )", None, {4, 5, 6}),
        ("4.0.0", "[4.0.0, )", None, {4, 5, 6}),
        ("4.*", "[4.0.0, )", "minor", {4, 5, 6}),
        ("*", "[0.0.0, )", "major", {0, 1, 2, 3, 4, 5, 6}),
        ("[4.0.0]", "[4.0.0]", None, {4}),
        ("(,5.0.0)", "(, 5.0.0)", None, {0, 1, 2, 3, 4}),
        ("(,5.0.0]", "(, 5.0.0]", None, {0, 1, 2, 3, 4, 5}),
        ("(4.0.0, 5.0.0)", "(4.0.0, 5.0.0)", None, {4}),
        ("(4.9.9, 5.0.0)", "(4.9.9, 5.0.0)", None, {4}),
        ("[4.0.0-beta, 5)", "[4.0.0-beta, 5.0.0)", None, {4}),
        ("[1.0.0-*, 2.0.0)", "[1.0.0-0, 2.0.0)", "prerelease", {1}),
        ("[4.0.0.*, 5)", "[4.0.0, 5.0.0)", "revision", {4}),
        ("[4.0.*, 5)", "[4.0.0, 5.0.0)", "patch", {4}),
        (" [4.*,5.0.0) ", "[4.0.0, 5.0.0)", "minor", {4}),
        ("[ , ]", "(, )", None, {0, 1, 2, 3, 4, 5, 6}),
    ],
)
def test_valid_ranges(text: str, normalized: str, floating: str | None, majors: set[int]) -> None:
    r = rng(text)
    assert r.normalized() == normalized.replace("(, )", "[, ]")
    assert r.floating == floating
    assert r.majors(6) == majors


def test_open_ranges_warn() -> None:
    for text in ("[4.0.0, )", "4.0.0", "4.*", "*"):
        (warning,) = rng(text).warnings
        assert warning.warning and warning.code == "version-range.open"
    assert rng("[4.*, 5.0.0)").warnings == ()


@pytest.mark.parametrize(
    ("text", "version", "inside"),
    [
        ("[4.*, 5.0.0)", (4, 0, 0), True),
        ("[4.*, 5.0.0)", (4, 31, 2), True),
        ("[4.*, 5.0.0)", (5, 0, 0), False),
        ("[4.*, 5.0.0)", (3, 9, 9), False),
        ("[4.*, 5.0.0)", (4,), True),
        ("[4.*, 5.0.0)", "4.2.0", True),
        ("[4.*, 5.0.0)", "5.0.0-beta", True),  # prerelease sorts before 5.0.0
        ("[4.*, 5.0.0)", "not a version", False),
        ("[3.3.0, 4.0.0)", (3, 3, 0), True),
        ("[3.3.0, 4.0.0)", (3, 2, 9), False),
        ("(4.0.0, 5.0.0]", (4, 0, 0), False),
        ("(4.0.0, 5.0.0]", (5, 0, 0), True),
        ("[4.0.0]", (4, 0, 0, 0), True),
        ("[4.0.0]", (4, 0, 0, 1), False),
        ("4.0.0", (99, 0, 0), True),
    ],
)
def test_contains(text: str, version: tuple[int, ...] | str, inside: bool) -> None:
    assert rng(text).contains(version) is inside


def test_contains_nuget_version() -> None:
    assert rng("[4.*, 5.0.0)").contains(NuGetVersion(4, 5))


@pytest.mark.parametrize(
    ("text", "span", "suggestion", "needle"),
    [
        ("[4.*, 5.*)", (6, 9), None, "cannot float"),
        ("(4.0.0)", (0, 7), None, "[4.0.0]"),
        ("[4.*,5.0.0", (9, 10), "[4.*,5.0.0)", "closing"),
        ("4.0.0, 5.0.0", (0, 12), "[4.0.0, 5.0.0)", "brackets"),
        (">=4.0.0", (0, 7), "[4.0.0, )", "interval notation"),
        ("^4.0.0", (0, 6), "[4.0.0, )", "interval notation"),
        ("[,]", (0, 3), None, "no bounds"),
        ("[5.0.0, 4.0.0)", (0, 14), None, "higher"),
        ("(4.0.0, 4.0.0]", (0, 14), None, "same version"),
        ("[4.x, 5.0.0)", (1, 4), None, "4.*"),
        ("v4", (0, 2), None, "drop the 'v'"),
        ("", (0, 0), "[4.*, 5.0.0)", "empty"),
        ("  ", (0, 2), "[4.*, 5.0.0)", "empty"),
        ("[a,b,c]", (0, 7), None, "at most two"),
        ("[4.*.0, 5)", (1, 6), None, "floating"),
        ("[4.0.0, five)", (8, 12), None, "not a valid version"),
        ("[1.0.0-01, 2)", (1, 9), None, "not a valid version"),
        ("[1.2.3.4.5, 2)", (1, 10), None, "not a valid version"),
    ],
)
def test_invalid_ranges(
    text: str, span: tuple[int, int], suggestion: str | None, needle: str
) -> None:
    e = err(text)
    assert (e.start, e.end) == span
    assert e.suggestion == suggestion
    assert needle in e.message
    if suggestion is not None:
        assert isinstance(parse_range(suggestion), VersionRange)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", NuGetVersion(4)),
        ("4.1", NuGetVersion(4, 1)),
        ("1.2.3.4", NuGetVersion(1, 2, 3, 4)),
        ("1.0.0-beta.2", NuGetVersion(1, release=("beta", "2"))),
        ("1.0.0+sha.0abc", NuGetVersion(1, metadata="sha.0abc")),
        (" 5.0.0 ", NuGetVersion(5)),
        ("1.0.0-", None),
        ("1.0.0+", None),
        ("1..0", None),
        ("x", None),
        ("1.0.0-be$ta", None),
        ("99999999999.0", None),
    ],
)
def test_parse_version(text: str, expected: NuGetVersion | None) -> None:
    assert parse_version(text) == expected


def test_version_order() -> None:
    ordered = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.0.1",
        "1.0.1",
        "2.0.0",
    ]
    versions = [parse_version(v) for v in ordered]
    keys = [v.key() for v in versions if v is not None]
    assert keys == sorted(keys)
    assert str(parse_version("1.0.0-Beta.1")) == "1.0.0-Beta.1"


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("Microsoft.Azure.Functions.ExtensionBundle", True),
        ("Microsoft.Azure.Functions.ExtensionBundle.Workflows", True),
        ("a", True),
        ("a.b-c_d", True),
        ("é.ü", True),
        ("a..b", False),
        (".a", False),
        ("a.", False),
        ("a-", False),
        ("a b", False),
        ("a/b", False),
        ("", False),
        ("  ", False),
        ("a\n", True),  # .NET '$' matches before a final newline
        ("a\n\n", False),
    ],
)
def test_package_ids(text: str, valid: bool) -> None:
    assert is_valid_package_id(text) is valid


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=25), st.text(alphabet="[](),.*-+0123456789 abv", max_size=25)))
def test_never_raises(text: str) -> None:
    result = parse_range(text)
    if isinstance(result, RangeError):
        assert 0 <= result.start <= result.end <= len(text)
        assert result.message
    else:
        result.majors(5)
        result.contains((4, 0, 0))
        again = parse_range(result.normalized())
        assert isinstance(again, VersionRange)
        for mine, theirs in (
            (again.min_version, result.min_version),
            (again.max_version, result.max_version),
        ):
            # build metadata is not part of a version's identity
            assert (mine.key() if mine else None) == (theirs.key() if theirs else None)
        assert (again.include_min, again.include_max) == (result.include_min, result.include_max)
    is_valid_package_id(text)
