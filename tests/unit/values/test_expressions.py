"""Binding expressions: %Setting% references and {token} expressions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funcls.core.values.expressions import (
    BUILTIN_TOKENS,
    LiteralText,
    SettingRef,
    TokenRef,
    find_setting_refs,
    is_builtin,
    parse_expressions,
)


def test_template_from_the_webjobs_tests() -> None:
    parsed = parse_expressions("{p1}-p2/{{2014}}/{d3}/folder/{name}.{ext}")
    assert parsed.errors == ()
    assert [t.name for t in parsed.tokens] == ["p1", "d3", "name", "ext"]
    assert [lit.text for lit in parsed.literals] == ["-p2/{2014}/", "/folder/", "."]
    assert (parsed.tokens[0].start, parsed.tokens[0].end) == (0, 4)
    assert (parsed.literals[0].start, parsed.literals[0].end) == (4, 17)


def test_triple_braces() -> None:
    parsed = parse_expressions("{{{parameter}}}")
    assert [type(p) for p in parsed.parts] == [LiteralText, TokenRef, LiteralText]
    assert parsed.tokens[0].name == "parameter"
    assert (parsed.tokens[0].start, parsed.tokens[0].end) == (2, 13)


@pytest.mark.parametrize(
    ("text", "span", "needle"),
    [
        ("malformed-{path", (10, 11), "closing"),
        ("malformed}-path", (9, 10), "opening"),
        ("{}-path", (0, 2), "empty"),
        ("{malformed-param}-path", (1, 16), "'-'"),
        ("{a..b}", (0, 6), "empty part"),
        ("{a.}", (0, 4), "empty part"),
        ("{1abc}", (0, 6), "not a valid"),
        ("{a b}", (0, 5), "not a valid"),
        ("50%", (2, 3), "closing '%'"),
        ("%%", (0, 2), "names no app setting"),
    ],
)
def test_errors(text: str, span: tuple[int, int], needle: str) -> None:
    parsed = parse_expressions(text)
    assert parsed.errors
    error = parsed.errors[0]
    assert (error.start, error.end) == span
    assert needle in error.message


def test_unbalanced_braces_report_every_position() -> None:
    parsed = parse_expressions("}{param}{-path")
    assert [(e.start, e.end) for e in parsed.errors] == [(0, 1), (8, 9)]
    assert [t.name for t in parsed.tokens] == ["param"]


@pytest.mark.parametrize(
    ("text", "name", "path", "fmt", "builtin"),
    [
        ("{data.id}", "data", ("id",), None, False),
        ("{data.customer.name}", "data", ("customer", "name"), None, False),
        ("{query.name}", "query", ("name",), None, False),
        ("{headers.x-id}", "headers", ("x-id",), None, False),
        ("{rand-guid}", "rand-guid", (), None, True),
        ("{Rand-Guid:N}", "Rand-Guid", (), "N", True),
        ("{DateTime}", "DateTime", (), None, True),
        ("{DateTime:yyyy-MM-dd}", "DateTime", (), "yyyy-MM-dd", True),
        ("{sys.utcnow}", "sys", ("utcnow",), None, True),
        ("{sys.randguid}", "sys", ("randguid",), None, True),
        ("{sys.MethodName}", "sys", ("MethodName",), None, True),
        ("{sys.other}", "sys", ("other",), None, False),
        ("{name:D4}", "name", (), "D4", False),
        ("{_private}", "_private", (), None, False),
        ("{naïve}", "naïve", (), None, False),
    ],
)
def test_tokens(
    text: str, name: str, path: tuple[str, ...], fmt: str | None, builtin: bool
) -> None:
    parsed = parse_expressions(text)
    assert parsed.errors == ()
    (token,) = parsed.tokens
    assert (token.name, token.path, token.format, token.builtin) == (name, path, fmt, builtin)
    assert (token.start, token.end) == (0, len(text))
    assert token.name_start == 1
    assert text[token.name_start : token.name_end] == name
    assert is_builtin(token) is builtin


def test_settings_and_tokens_together() -> None:
    parsed = parse_expressions("%Prefix%-{id}-%Suffix%")
    assert [type(p) for p in parsed.parts] == [
        SettingRef,
        LiteralText,
        TokenRef,
        LiteralText,
        SettingRef,
    ]
    assert [s.name for s in parsed.settings] == ["Prefix", "Suffix"]
    prefix = parsed.settings[0]
    assert (prefix.start, prefix.end, prefix.name_start, prefix.name_end) == (0, 8, 1, 7)
    assert parsed.has_expressions


def test_adjacent_settings() -> None:
    assert [s.name for s in parse_expressions("%a%%b%").settings] == ["a", "b"]


def test_braces_inside_a_setting_name_belong_to_the_setting() -> None:
    parsed = parse_expressions("%set{x}%")
    assert [s.name for s in parsed.settings] == ["set{x}"]
    assert parsed.tokens == ()


def test_switches() -> None:
    assert parse_expressions("50%", settings=False).errors == ()
    parsed = parse_expressions("{x}", tokens=False)
    assert parsed.tokens == () and parsed.literals[0].text == "{x}"
    assert not parse_expressions("plain").has_expressions


def test_find_setting_refs() -> None:
    refs, errors = find_setting_refs("%A% and %B")
    assert [r.name for r in refs] == ["A"]
    assert [(e.start, e.end) for e in errors] == [(8, 9)]


@pytest.mark.parametrize(
    ("text", "builtin"),
    [
        ("rand-guid", True),
        ("RAND-GUID:N", True),
        ("DateTime", True),
        ("datetime:yyyy", True),
        ("sys.utcnow", True),
        ("sys.randguid", True),
        ("sys.methodname", True),
        ("sys.nope", False),
        ("name", False),
        ("data.id", False),
    ],
)
def test_is_builtin(text: str, builtin: bool) -> None:
    assert is_builtin(text) is builtin


def test_builtin_set() -> None:
    assert BUILTIN_TOKENS == {
        "rand-guid",
        "datetime",
        "sys.randguid",
        "sys.utcnow",
        "sys.methodname",
    }


_EXPRISH = st.text(alphabet="ab.{}%:-_ 1", max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), _EXPRISH), st.booleans(), st.booleans())
def test_never_raises_and_parts_are_ordered(text: str, use_settings: bool, tokens: bool) -> None:
    parsed = parse_expressions(text, settings=use_settings, tokens=tokens)
    last = 0
    for part in parsed.parts:
        assert last <= part.start <= part.end <= len(text)
        last = part.end
    for error in parsed.errors:
        assert 0 <= error.start <= error.end <= len(text)
        assert error.message
    for token in parsed.tokens:
        is_builtin(token)
