"""Service naming rules: containers, blob paths, queues, tables, Event Hubs, Service Bus."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funcls.core.values.naming import (
    NamingError,
    check_blob_path,
    check_consumer_group,
    check_container_name,
    check_event_hub_name,
    check_queue_name,
    check_service_bus_queue_name,
    check_service_bus_subscription_name,
    check_service_bus_topic_name,
    check_table_name,
)

Checker = Callable[[str], list[NamingError]]


def summary(errors: list[NamingError]) -> list[tuple[str, int, int]]:
    return [(e.code, e.start, e.end) for e in errors]


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (check_queue_name, "myqueue-items"),
        (check_queue_name, "abc"),
        (check_queue_name, "a" * 63),
        (check_queue_name, "%QueueName%"),
        (check_queue_name, "outqueue-{rand-guid}"),
        (check_queue_name, "{name}"),
        (check_container_name, "samples-workitems"),
        (check_container_name, "$root"),
        (check_container_name, "$logs"),
        (check_container_name, "$web"),
        (check_container_name, "0a1"),
        (check_table_name, "Orders"),
        (check_table_name, "orders2024"),
        (check_table_name, "{tableName}"),
        (check_event_hub_name, "my-hub"),
        (check_event_hub_name, "my.hub_1"),
        (check_event_hub_name, "a"),
        (check_event_hub_name, "x" * 256),
        (check_event_hub_name, "%HubName%"),
        (check_consumer_group, "$Default"),
        (check_consumer_group, "$default"),
        (check_consumer_group, "cg-1"),
        (check_service_bus_queue_name, "orders"),
        (check_service_bus_queue_name, "orders/$DeadLetterQueue"),
        (check_service_bus_queue_name, "orders/$deadletterqueue"),
        (check_service_bus_queue_name, "team/orders"),
        (check_service_bus_queue_name, "%Queue%/$DeadLetterQueue"),
        (check_service_bus_topic_name, "events.v1"),
        (check_service_bus_subscription_name, "sub_1"),
        (check_service_bus_subscription_name, "sub1/$DeadLetterQueue"),
    ],
)
def test_valid(check: Checker, value: str) -> None:
    assert check(value) == []


@pytest.mark.parametrize(
    ("check", "value", "expected"),
    [
        (check_queue_name, "ab", [("naming.length", 0, 2)]),
        (check_queue_name, "a" * 64, [("naming.length", 0, 64)]),
        (check_queue_name, "a--b", [("naming.hyphens", 1, 3)]),
        (check_queue_name, "-abc", [("naming.edge", 0, 1)]),
        (check_queue_name, "abc-", [("naming.edge", 3, 4)]),
        (check_queue_name, "my_queue", [("naming.characters", 2, 3)]),
        (check_queue_name, "my queue!", [("naming.characters", 2, 3), ("naming.characters", 8, 9)]),
        (check_queue_name, "{name}-O_t", [("naming.characters", 8, 9)]),
        (check_queue_name, "{name}--x", [("naming.hyphens", 6, 8)]),
        (check_queue_name, "x" * 64 + "{n}", [("naming.length", 0, 67)]),
        (check_queue_name, "-{n}", [("naming.edge", 0, 1)]),
        (check_container_name, "sa", [("naming.length", 0, 2)]),
        (check_container_name, "$web2", [("naming.characters", 0, 1)]),
        (check_table_name, "1orders", [("naming.edge", 0, 1)]),
        (check_table_name, "tables", [("naming.reserved", 0, 6)]),
        (check_table_name, "Tables", [("naming.reserved", 0, 6)]),
        (check_table_name, "my-table", [("naming.characters", 2, 3)]),
        (check_table_name, "or", [("naming.length", 0, 2)]),
        (check_event_hub_name, "-hub", [("naming.edge", 0, 1)]),
        (check_event_hub_name, "hub_", [("naming.edge", 3, 4)]),
        (check_event_hub_name, "x" * 257, [("naming.length", 0, 257)]),
        (check_event_hub_name, "my hub", [("naming.characters", 2, 3)]),
        (check_consumer_group, "$defaults", [("naming.characters", 0, 1)]),
        (check_consumer_group, "c" * 51, [("naming.length", 0, 51)]),
        (check_service_bus_queue_name, "-q", [("naming.edge", 0, 1)]),
        (check_service_bus_queue_name, "q" * 261, [("naming.length", 0, 261)]),
        (check_service_bus_topic_name, "topic/$DeadLetterQueue", [("naming.characters", 6, 7)]),
        (check_service_bus_subscription_name, "s" * 51, [("naming.length", 0, 51)]),
        (check_service_bus_subscription_name, "a/b", [("naming.characters", 1, 2)]),
        (check_queue_name, "q{a", [("expression.unbalanced-brace", 1, 2)]),
        (check_queue_name, "%Q", [("expression.unclosed-percent", 0, 1)]),
    ],
)
def test_invalid(check: Checker, value: str, expected: list[tuple[str, int, int]]) -> None:
    errors = check(value)
    assert summary(errors) == expected
    assert all(e.message for e in errors)


@pytest.mark.parametrize(
    ("check", "value", "fixed"),
    [
        (check_container_name, "Samples", "samples"),
        (check_container_name, "{name}-Out", "{name}-out"),
    ],
)
def test_uppercase_suggests_lowercase(check: Checker, value: str, fixed: str) -> None:
    errors = check(value)
    assert errors and all(e.suggestion == fixed for e in errors)
    assert "uppercase" in errors[0].message
    assert check(fixed) == []


@pytest.mark.parametrize("value", ["MyQueue", "{name}-Out", "ORDERS"])
def test_queue_names_are_lower_cased_before_the_check(value: str) -> None:
    assert check_queue_name(value) == []


def test_no_lowercase_suggestion_when_other_characters_are_wrong() -> None:
    errors = check_container_name("My_Box")
    assert errors and all(e.suggestion is None for e in errors)


def test_edge_messages_use_the_right_article() -> None:
    assert check_event_hub_name("-hub")[0].message.startswith("An Event Hub name")
    assert check_queue_name("-abc")[0].message.startswith("A queue name")


# --------------------------------------------------------------------------- blob paths


@pytest.mark.parametrize(
    ("path", "trigger"),
    [
        ("samples-workitems/{name}", True),
        ("samples-workitems/{name}", False),
        ("samples-workitems", True),  # a trigger may watch a whole container
        ("samples/{name}.{ext}", True),
        ("%Container%/{name}", True),
        ("{container}/{name}", False),
        ("%c%/x", False),
        ("{blobUrl}", False),  # a single expression is read as a blob URL
        ("https://acct.blob.core.windows.net/c/b.txt", False),
        ("output/{rand-guid}.json", False),
        ("$root/x", False),
        ("samples/folder/sub/file.txt", False),
    ],
)
def test_valid_blob_paths(path: str, trigger: bool) -> None:
    assert check_blob_path(path, trigger=trigger) == []


@pytest.mark.parametrize(
    ("path", "trigger", "expected"),
    [
        ("samples-workitems", False, [("naming.blob-path", 0, 17)]),
        ("/x", False, [("naming.blob-path", 0, 2)]),
        ("/x", True, [("naming.blob-path", 0, 2)]),
        ("x/", True, [("naming.blob-path", 0, 2)]),
        ("Samples/{name}", True, [("naming.characters", 0, 1)]),
        ("ab/{name}", True, [("naming.length", 0, 2)]),
        ("sam--ples/{name}", False, [("naming.hyphens", 3, 5)]),
        ("{c}/x", True, [("naming.trigger-container-token", 0, 3)]),
        ("c-{x}/y", True, [("naming.trigger-container-token", 2, 5)]),
        ("{c}", True, [("naming.trigger-container-token", 0, 3)]),
        ("samples/file.", False, [("naming.blob-name", 12, 13)]),
        ("samples/a\\b", False, [("naming.blob-name", 9, 10)]),
        ("samples\\x/y", False, [("naming.characters", 7, 8)]),
        ("samples/" + "b" * 1025, False, [("naming.blob-name", 8, 1033)]),
        ("a{x/y", False, [("expression.unbalanced-brace", 1, 2)]),
    ],
)
def test_invalid_blob_paths(path: str, trigger: bool, expected: list[tuple[str, int, int]]) -> None:
    assert summary(check_blob_path(path, trigger=trigger)) == expected


def test_uppercase_container_in_path_suggests_the_whole_path() -> None:
    (error,) = check_blob_path("Samples/{Name}", trigger=True)
    assert error.suggestion == "samples/{Name}"


# --------------------------------------------------------------------------- robustness

_CHECKS = [
    check_queue_name,
    check_container_name,
    check_table_name,
    check_event_hub_name,
    check_consumer_group,
    check_service_bus_queue_name,
    check_service_bus_topic_name,
    check_service_bus_subscription_name,
]
_NAMEISH = st.text(alphabet="aB1-_./$%{}\\ :", max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), _NAMEISH), st.booleans())
def test_never_raises(value: str, trigger: bool) -> None:
    for check in _CHECKS:
        for error in check(value):
            assert 0 <= error.start <= error.end <= len(value)
            assert error.message
    for error in check_blob_path(value, trigger=trigger):
        assert 0 <= error.start <= error.end <= len(value)
