"""Hovers (schedule, route URL, where a setting is defined) and `%Setting%` completion."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import split_cursor
from funcls.core.features import semantic_features
from funcls.core.features.service import default_service
from funcls.core.workspace import Workspace
from semantics.helpers import GOOD_HOST, function_json, make_app

FEATURES = default_service()


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2024, 3, 1, 8, 0, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(semantic_features, "now", lambda: moment)


def _hover_at(path: Path, marker: str, shift: int = 1) -> str | None:
    text = path.read_text(encoding="utf-8")
    offset = text.index(marker) + shift
    result = FEATURES.hover(Workspace(), str(path), offset)
    return None if result is None else result.markdown


def _local(values: dict[str, str]) -> str:
    return json.dumps({"IsEncrypted": False, "Values": values}, indent=2)


def test_schedule_hover_describes_and_lists_occurrences(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 30 9 * * 1-5"}
    make_app(tmp_path, {"Tick/function.json": function_json(timer)})
    markdown = _hover_at(tmp_path / "Tick/function.json", '"0 30 9')
    assert markdown is not None
    assert "Timer schedule" in markdown
    assert "Next 5 occurrences (UTC)" in markdown
    assert "- Fri 2024-03-01 09:30:00" in markdown
    assert "- Mon 2024-03-04 09:30:00" in markdown
    assert "WEBSITE_TIME_ZONE" in markdown


def test_schedule_hover_mentions_time_zone_without_value(tmp_path: Path) -> None:
    timer = {"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 * * * *"}
    local = _local(
        {"FUNCTIONS_WORKER_RUNTIME": "python", "WEBSITE_TIME_ZONE": "Pacific Standard Time"}
    )
    make_app(tmp_path, {"Tick/function.json": function_json(timer), "local.settings.json": local})
    markdown = _hover_at(tmp_path / "Tick/function.json", '"0 0 *')
    assert markdown is not None
    assert "local.settings.json sets `WEBSITE_TIME_ZONE`" in markdown
    assert "Pacific" not in markdown


def test_route_hover_honours_route_prefix(tmp_path: Path) -> None:
    host = json.loads(GOOD_HOST)
    host["extensions"] = {"http": {"routePrefix": "v1"}}
    trigger = {
        "type": "httpTrigger",
        "direction": "in",
        "name": "req",
        "route": "items/{id:int}",
        "methods": ["get"],
    }
    make_app(tmp_path, {"host.json": json.dumps(host), "Get/function.json": function_json(trigger)})
    markdown = _hover_at(tmp_path / "Get/function.json", '"items/')
    assert markdown is not None
    assert "**GET** `/v1/items/{id:int}`" in markdown
    assert "- `id` (int)" in markdown


def test_route_hover_without_prefix(tmp_path: Path) -> None:
    host = json.loads(GOOD_HOST)
    host["extensions"] = {"http": {"routePrefix": ""}}
    trigger = {"type": "httpTrigger", "direction": "in", "name": "req", "route": "health"}
    make_app(tmp_path, {"host.json": json.dumps(host), "Get/function.json": function_json(trigger)})
    markdown = _hover_at(tmp_path / "Get/function.json", '"health"')
    assert markdown is not None and "`/health`" in markdown


def test_connection_hover_says_where_not_what(tmp_path: Path) -> None:
    queue = {
        "type": "queueTrigger",
        "direction": "in",
        "name": "m",
        "queueName": "q",
        "connection": "Orders",
    }
    local = _local({"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsOrders": "s3cret-value"})
    make_app(tmp_path, {"Fn/function.json": function_json(queue), "local.settings.json": local})
    markdown = _hover_at(tmp_path / "Fn/function.json", '"Orders"')
    assert markdown is not None
    assert "`Values.AzureWebJobsOrders`" in markdown
    assert "s3cret" not in markdown


def test_identity_connection_hover(tmp_path: Path) -> None:
    queue = {
        "type": "serviceBusTrigger",
        "direction": "in",
        "name": "m",
        "queueName": "q",
        "connection": "Bus",
    }
    local = _local(
        {
            "FUNCTIONS_WORKER_RUNTIME": "python",
            "Bus__fullyQualifiedNamespace": "ns.servicebus.windows.net",
        }
    )
    make_app(tmp_path, {"Fn/function.json": function_json(queue), "local.settings.json": local})
    markdown = _hover_at(tmp_path / "Fn/function.json", '"Bus"')
    assert markdown is not None
    assert "Identity-based" in markdown and "Bus__fullyQualifiedNamespace" in markdown
    assert "ns.servicebus" not in markdown


def test_percent_setting_hover(tmp_path: Path) -> None:
    queue = {"type": "queue", "direction": "out", "name": "m", "queueName": "%QueueName%"}
    trigger = {"type": "httpTrigger", "direction": "in", "name": "req"}
    make_app(tmp_path, {"Fn/function.json": function_json(trigger, queue)})
    markdown = _hover_at(tmp_path / "Fn/function.json", "%QueueName%", 3)
    assert markdown is not None
    assert "App setting** `QueueName`" in markdown and "Not defined" in markdown


def test_local_settings_key_hover_lists_users(tmp_path: Path) -> None:
    queue = {
        "type": "queueTrigger",
        "direction": "in",
        "name": "msg",
        "queueName": "q",
        "connection": "Orders",
    }
    local = _local({"FUNCTIONS_WORKER_RUNTIME": "python", "Orders": "very-secret"})
    make_app(tmp_path, {"Fn/function.json": function_json(queue), "local.settings.json": local})
    markdown = _hover_at(tmp_path / "local.settings.json", '"Orders"')
    assert markdown is not None
    assert "Defined here under `Values`" in markdown
    assert "- `Fn`: binding `msg` (`connection`)" in markdown
    assert "very-secret" not in markdown


def _complete(tmp_path: Path, marked: str) -> tuple[str, list]:  # type: ignore[type-arg]
    local = _local({"FUNCTIONS_WORKER_RUNTIME": "python", "QueueName": "q", "Other": "x"})
    make_app(tmp_path, {"local.settings.json": local, "Fn/function.json": "{}"})
    text, offset = split_cursor(marked)
    path = tmp_path / "Fn" / "function.json"
    workspace = Workspace()
    workspace.sources.set_open(str(path), 1, text)
    return text, FEATURES.complete(workspace, str(path), offset)


def test_percent_completion_inserts_name_and_closing_percent(tmp_path: Path) -> None:
    text, proposals = _complete(
        tmp_path,
        '{"bindings": [{"type": "queue", "direction": "out", "name": "m", "queueName": "%Qu|"}]}',
    )
    chosen = next(p for p in proposals if p.label == "QueueName")
    result = text[: chosen.replace.start] + chosen.insert_text + text[chosen.replace.end :]
    assert '"queueName": "%QueueName%"' in result
    assert {p.label for p in proposals} >= {"QueueName", "Other", "FUNCTIONS_WORKER_RUNTIME"}


def test_percent_completion_replaces_existing_name(tmp_path: Path) -> None:
    text, proposals = _complete(
        tmp_path, '{"bindings": [{"type": "queue", "name": "m", "queueName": "pre-%Q|ueu%-x"}]}'
    )
    chosen = next(p for p in proposals if p.label == "QueueName")
    result = text[: chosen.replace.start] + chosen.insert_text + text[chosen.replace.end :]
    assert '"queueName": "pre-%QueueName%-x"' in result


def test_no_percent_proposals_outside_a_reference(tmp_path: Path) -> None:
    _, proposals = _complete(
        tmp_path, '{"bindings": [{"type": "queue", "name": "m", "queueName": "%A%-|"}]}'
    )
    assert all(p.insert_text.endswith("%") is False for p in proposals)
