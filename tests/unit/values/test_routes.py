"""HTTP route templates: ASP.NET Core parsing, constraints, reserved routes, conflicts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funcls.core.values.routes import (
    KNOWN_CONSTRAINTS,
    RouteLiteral,
    RouteParameter,
    RouteTemplate,
    effective_url,
    is_reserved,
    parse_route,
    route_key,
)


def ok(text: str, prefix: str = "api") -> RouteTemplate:
    route = parse_route(text, prefix)
    assert route.ok, route.errors
    return route


def codes(text: str, prefix: str = "api") -> list[str]:
    return [e.code for e in parse_route(text, prefix).errors]


# --------------------------------------------------------------------------- valid templates


def test_products_example() -> None:
    route = ok("products/{category:alpha}/{id:int?}")
    assert route.parameter_names == ("category", "id")
    literal = route.segments[0].parts[0]
    assert isinstance(literal, RouteLiteral) and literal.text == "products"
    category, ident = route.parameters
    assert (category.start, category.end) == (9, 25)
    assert (category.name_start, category.name_end) == (10, 18)
    assert [c.name for c in category.constraints] == ["alpha"]
    assert ident.optional and not ident.catch_all
    assert [(c.name, c.start, c.end) for c in ident.constraints] == [("int", 30, 33)]
    assert route.warnings == ()


@pytest.mark.parametrize(
    ("text", "catch_all", "encode"),
    [("{*path}", True, True), ("files/{**path}", True, False), ("files/{*rest=index}", True, True)],
)
def test_catch_all(text: str, catch_all: bool, encode: bool) -> None:
    (param,) = ok(text).parameters
    assert param.catch_all is catch_all
    assert param.encode_slashes is encode
    assert param.name in ("path", "rest")


def test_default_and_chained_constraints() -> None:
    (param,) = ok("{id:int:min(1)=5}").parameters
    assert param.default == "5"
    assert [(c.name, c.argument) for c in param.constraints] == [("int", None), ("min", "1")]
    assert [("{id:int:min(1)=5}"[c.start : c.end]) for c in param.constraints] == ["int", "min(1)"]


def test_default_containing_equals() -> None:
    (param,) = ok("{id=a=b}").parameters
    assert param.default == "a=b"


def test_regex_with_escaped_braces_and_parentheses() -> None:
    text = "codes/{code:regex(^\\d{{3}}(-\\d{{2}})?$)}"
    (param,) = ok(text).parameters
    (constraint,) = param.constraints
    assert constraint.name == "regex"
    assert constraint.argument == "^\\d{3}(-\\d{2})?$"  # braces decoded
    assert text[constraint.start : constraint.end] == "regex(^\\d{{3}}(-\\d{{2}})?$)"


def test_regex_with_colon_and_following_constraint() -> None:
    (param,) = ok("{p:regex(a:b)}").parameters
    assert [c.argument for c in param.constraints] == ["a:b"]
    (param,) = ok("{p:regex(a(b)c):int}").parameters
    assert [c.text for c in param.constraints] == ["regex(a(b)c)", "int"]


def test_constraint_names_are_case_insensitive() -> None:
    (param,) = ok("{id:INT}").parameters
    assert param.constraints[0].known


@pytest.mark.parametrize("name", sorted(KNOWN_CONSTRAINTS))
def test_every_known_constraint(name: str) -> None:
    args = {
        "minlength": "(1)",
        "maxlength": "(5)",
        "length": "(1,5)",
        "min": "(-3)",
        "max": "(10)",
        "range": "(1,10)",
        "regex": "(^a$)",
    }
    ok(f"x/{{p:{name}{args.get(name, '')}}}")


def test_complex_segment_with_optional_extension() -> None:
    route = ok("files/{name}.{ext?}")
    assert route.parameter_names == ("name", "ext")


def test_escaped_braces_in_literals() -> None:
    route = ok("abc{{x}}/{{")
    assert [p.text for s in route.segments for p in s.parts if isinstance(p, RouteLiteral)] == [
        "abc{x}",
        "{",
    ]


def test_trailing_slash_is_fine() -> None:
    assert ok("items/").parameter_names == ()


def test_empty_route() -> None:
    route = ok("")
    assert route.segments == ()


def test_names_keep_their_case() -> None:
    assert ok("{Id}/{userName}").parameter_names == ("Id", "userName")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        ("a/{id}/{ID}", "route.duplicate-name", (8, 10)),
        ("items/{id:integer}", "route.unknown-constraint", (10, 17)),
        ("items/{id:minlength}", "route.constraint-arguments", (10, 19)),
        ("items/{id:range(10,1)}", "route.constraint-arguments", (10, 21)),
        ("items/{id:length(5,1)}", "route.constraint-arguments", (10, 21)),
        ("items/{id:minlength(-1)}", "route.constraint-arguments", (10, 23)),
        ("items/{id:min(x)}", "route.constraint-arguments", (10, 16)),
        ("items/{id:range(1)}", "route.constraint-arguments", (10, 18)),
        ("items/{id:int(5)}", "route.constraint-arguments", (10, 16)),
        ("items/{id:int()}", "route.constraint-arguments", (10, 15)),
        ("{*path}/x", "route.catch-all-not-last", (0, 7)),
        ("a/{*p}.txt", "route.catch-all-segment", (2, 6)),
        ("{*p?}", "route.catch-all-optional", (0, 5)),
        ("{id?=3}", "route.invalid-name", (0, 7)),
        ("{a}{b}", "route.consecutive-parameters", (0, 6)),
        ("{a}-{b?}", "route.optional-preceded", (4, 8)),
        ("{a?}x", "route.optional-not-last", (0, 4)),
        ("a//b", "route.empty-segment", (2, 3)),
        ("/hello", "route.leading-slash", (0, 1)),
        ("//hello", "route.leading-slash", (0, 2)),
        ("a/{}", "route.empty-name", (2, 4)),
        ("a/{p", "route.unbalanced-brace", (2, 4)),
        ("a}b", "route.unbalanced-brace", (1, 2)),
        ("{", "route.unbalanced-brace", (0, 1)),
        ("a/{p:regex(^\\d{3}$)}", "route.unescaped-brace", (14, 15)),
        ("x?y=1", "route.question-mark", (1, 2)),
        ("{*}", "route.invalid-name", (0, 3)),
        ("{?}", "route.invalid-name", (0, 3)),
        ("{a/b}", "route.invalid-name", (0, 5)),
    ],
)
def test_errors(text: str, code: str, span: tuple[int, int]) -> None:
    route = parse_route(text)
    matching = [e for e in route.errors if e.code == code]
    assert matching, route.errors
    assert (matching[0].start, matching[0].end) == span
    assert matching[0].message
    assert not route.ok


def test_optional_with_default() -> None:
    route = parse_route("{id?=5}")
    # '?' is not the last character, so it is part of the name: invalid name.
    assert codes("{id?=5}") == ["route.invalid-name"]
    assert not route.ok
    assert codes("{id=5?}") == ["route.optional-default"]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("items/{id:integer}", "items/{id:int}"),
        ("items/{id:string}", "items/{id}"),
        ("items/{id:uuid}", "items/{id:guid}"),
        ("{x:lenght(3)}", "{x:length(3)}"),
        ("{x:Bool}", None),
    ],
)
def test_constraint_did_you_mean(text: str, fixed: str | None) -> None:
    route = parse_route(text)
    if fixed is None:
        assert route.ok
        return
    (error,) = route.errors
    assert error.code == "route.unknown-constraint"
    assert error.suggestion == fixed
    assert parse_route(fixed).ok


def test_unknown_constraint_without_close_match_lists_known_ones() -> None:
    (error,) = parse_route("{x:zzzzzz}").errors
    assert "Known constraints" in error.message
    assert error.suggestion is None


def test_leading_slash_with_prefix_suggests_removal() -> None:
    (error,) = parse_route("/hello").errors
    assert error.suggestion == "hello"
    assert "api//hello" in error.message


def test_leading_slash_without_prefix_is_trimmed() -> None:
    route = ok("/hello", prefix="")
    assert [s.start for s in route.segments] == [1]
    assert ok("~/hello", prefix="").parameter_names == ()
    assert codes("//hello", prefix="") == ["route.empty-segment"]
    assert codes("~hello", prefix="") == ["route.tilde"]


def test_tilde_after_prefix_warns() -> None:
    route = ok("~/hello")
    (warning,) = route.warnings
    assert warning.warning and warning.suggestion == "hello"


def test_errors_in_several_segments_are_all_reported() -> None:
    route = parse_route("{a}{b}/{id:integer}/{id}")
    assert {e.code for e in route.errors} >= {
        "route.consecutive-parameters",
        "route.unknown-constraint",
        "route.duplicate-name",
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{id?}/x", "route.optional-in-middle"),
        ("{ id }", "route.name-whitespace"),
        ("{:int}", "route.name-delimiter"),
    ],
)
def test_warnings(text: str, code: str) -> None:
    route = parse_route(text)
    assert route.ok
    assert [w.code for w in route.warnings] == [code]


def test_optional_followed_by_optional_is_fine() -> None:
    assert ok("{a?}/{b?}").warnings == ()
    assert ok("{a?}/{b=1}/{*rest}").warnings == ()


# --------------------------------------------------------------------------- host checks


@pytest.mark.parametrize(
    ("route", "reserved"),
    [
        ("admin/x", True),
        ("/Admin/", True),
        ("runtime/status", True),
        ("RUNTIME", True),
        ("adminpanel/x", True),  # the host tests a string prefix, not a segment
        ("api/admin", False),
        ("items", False),
        ("", False),
        ("administrator", True),
    ],
)
def test_is_reserved(route: str, reserved: bool) -> None:
    assert is_reserved(route) is reserved


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("/foo/bar/baz/", "foo/bar/baz", True),
        ("Foo/Bar", "foo/bar", True),
        ("items/{id}", "items/{name}", False),
        ("items/{id}", "items/{ID}", True),
        ("items", "items/", True),
        ("items", "item", False),
        ("ß", "SS", False),
    ],
)
def test_routes_conflict_when_their_keys_are_equal(a: str, b: str, conflict: bool) -> None:
    assert (route_key(a) == route_key(b)) is conflict


@pytest.mark.parametrize(
    ("route", "prefix", "url"),
    [
        ("products/{id}", "api", "/api/products/{id}"),
        ("products/{id}", "", "/products/{id}"),
        ("/x", "", "/x"),
        ("~/x", "", "/x"),
        ("", "", "/"),
        ("hello/", "api", "/api/hello/"),
        ("x", "v1/api", "/v1/api/x"),
    ],
)
def test_effective_url(route: str, prefix: str, url: str) -> None:
    assert effective_url(route, prefix) == url


# --------------------------------------------------------------------------- robustness

_ROUTEISH = st.text(alphabet="ab{}/*?:=()~.,-1 \\^$", max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), _ROUTEISH), st.sampled_from(["api", ""]))
def test_parse_route_never_raises(text: str, prefix: str) -> None:
    route = parse_route(text, prefix)
    for issue in (*route.errors, *route.warnings):
        assert 0 <= issue.start <= issue.end <= len(text)
        assert issue.message
    for seg in route.segments:
        assert 0 <= seg.start <= seg.end <= len(text)
        for part in seg.parts:
            assert seg.start <= part.start <= part.end <= seg.end
            if isinstance(part, RouteParameter):
                assert part.start <= part.name_start <= part.name_end <= part.end
                for c in part.constraints:
                    assert part.start <= c.start <= c.end <= part.end
    is_reserved(text)
    effective_url(text, prefix)
    route_key(text)
