"""Values with Functions meaning: schedules, routes and conflicts, blob paths, names, tokens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funcls.core.engine import Analyzer
from funcls.core.workspace import Workspace
from semantics.helpers import (
    GOOD_HOST,
    apply_fix,
    fix_titled,
    function_json,
    make_app,
    only,
    problems,
    text_under,
)

RETURN = {"type": "http", "direction": "out", "name": "$return"}


def _timer(schedule: str) -> dict[str, object]:
    return {"type": "timerTrigger", "direction": "in", "name": "timer", "schedule": schedule}


def _http(**extra: object) -> dict[str, object]:
    return {"type": "httpTrigger", "direction": "in", "name": "req", **extra}


# -- schedules -------------------------------------------------------------------------------------
def test_five_field_cron_error_and_fix(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": function_json(_timer("*/5 * * * *"))})
    problem = only(problems(tmp_path, "FUNC130"))
    assert "five-field" in problem.message and "'timer'" in problem.message
    assert text_under(problem) == "*/5 * * * *"
    apply_fix(fix_titled(problem, "Change to '0 */5 * * * *'"))
    assert problems(tmp_path, "FUNC130") == []


def test_schedule_error_points_at_the_field(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": function_json(_timer("0 0 25 * * *"))})
    problem = only(problems(tmp_path, "FUNC130"))
    assert text_under(problem) == "25"


@pytest.mark.parametrize("schedule", ["0 */5 * * * *", "0 30 9 * * 1-5", "%TimerSchedule%"])
def test_valid_schedules(tmp_path: Path, schedule: str) -> None:
    local = json.dumps(
        {
            "IsEncrypted": False,
            "Values": {
                "FUNCTIONS_WORKER_RUNTIME": "python",
                "AzureWebJobsStorage": "UseDevelopmentStorage=true",
                "TimerSchedule": "0 0 * * * *",
            },
        }
    )
    make_app(
        tmp_path,
        {"Tick/function.json": function_json(_timer(schedule)), "local.settings.json": local},
    )
    assert [p.code for p in problems(tmp_path) if p.code.startswith("FUNC13")] == []


def test_timespan_schedule_is_information(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": function_json(_timer("00:05:00"))})
    problem = only(problems(tmp_path, "FUNC131"))
    assert "every 5 minutes" in problem.message


# -- useMonitor (H-34) -----------------------------------------------------------------------------
def _monitored(schedule: str, value: object = True, key: str = "useMonitor") -> str:
    """A timer function.json with `key: value` (left out when `value` is None)."""
    extra = {} if value is None else {key: value}
    return function_json({**_timer(schedule), **extra})


@pytest.mark.parametrize(
    ("schedule", "described"),
    [
        ("*/30 * * * * *", "every 30 seconds"),
        ("* * * * * *", "every second"),
        ("10,20,45 * * * * *", "seconds 10, 20 and 45"),
        ("0,30 0-59 0-23 1-31 1-12 0-6", "every 30 seconds"),
        ("00:00:30", "every 30 seconds"),
    ],
)
def test_use_monitor_on_sub_minute_schedule(tmp_path: Path, schedule: str, described: str) -> None:
    make_app(tmp_path, {"Tick/function.json": _monitored(schedule)})
    problem = only(problems(tmp_path, "FUNC142"))
    assert problem.severity.name == "INFORMATION"
    assert text_under(problem) == "true"
    assert described in problem.message and f"'{schedule}'" in problem.message
    assert "'timer'" in problem.message


def test_use_monitor_fix_removes_the_property(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": _monitored("*/10 * * * * *")})
    apply_fix(fix_titled(only(problems(tmp_path, "FUNC142")), "Remove 'useMonitor'"))
    binding = json.loads((tmp_path / "Tick" / "function.json").read_text())["bindings"][0]
    assert "useMonitor" not in binding and binding["schedule"] == "*/10 * * * * *"
    assert problems(tmp_path, "FUNC142") == []
    assert problems(tmp_path, "FUNC001") == []


def test_use_monitor_fix_sets_false(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": _monitored("00:00:15")})
    apply_fix(fix_titled(only(problems(tmp_path, "FUNC142")), "Set 'useMonitor' to false"))
    binding = json.loads((tmp_path / "Tick" / "function.json").read_text())["bindings"][0]
    assert binding["useMonitor"] is False
    assert problems(tmp_path, "FUNC142") == []


@pytest.mark.parametrize(("key", "value"), [("useMonitor", "true"), ("UseMonitor", True)])
def test_use_monitor_as_the_host_reads_it(tmp_path: Path, key: str, value: object) -> None:
    make_app(tmp_path, {"Tick/function.json": _monitored("*/5 * * * * *", value, key)})
    problem = only(problems(tmp_path, "FUNC142"))
    assert f"'{key}'" in problem.message


@pytest.mark.parametrize(
    ("schedule", "value"),
    [
        ("0 * * * * *", True),  # exactly once a minute
        ("30 * * * * *", True),
        ("0 */5 * * * *", True),
        ("* 30 * * * *", True),  # every second of minute 30: the host keeps the monitor
        ("*/10 * 9 * * *", True),  # restricted to one hour: the host keeps the monitor
        ("00:01:00", True),
        ("01:00:00", True),
        ("%TimerSchedule%", True),  # setting values are never read
        ("*/5 * * * *", True),  # invalid: FUNC130 says so
        ("00:00:00", True),  # zero interval: FUNC132 says so
        ("*/30 * * * * *", False),
        ("*/30 * * * * *", "false"),
        ("*/30 * * * * *", None),  # the default is turned off silently
    ],
)
def test_use_monitor_not_reported(tmp_path: Path, schedule: str, value: object) -> None:
    local = json.dumps(
        {
            "IsEncrypted": False,
            "Values": {
                "FUNCTIONS_WORKER_RUNTIME": "python",
                "AzureWebJobsStorage": "UseDevelopmentStorage=true",
                "TimerSchedule": "*/10 * * * * *",
            },
        }
    )
    make_app(
        tmp_path,
        {"Tick/function.json": _monitored(schedule, value), "local.settings.json": local},
    )
    assert problems(tmp_path, "FUNC142") == []


def test_use_monitor_without_schedule_or_trigger(tmp_path: Path) -> None:
    no_schedule = {"type": "timerTrigger", "direction": "in", "name": "timer", "useMonitor": True}
    output = {**_timer("*/10 * * * * *"), "direction": "out", "useMonitor": True}
    make_app(
        tmp_path,
        {
            "A/function.json": function_json(no_schedule),
            "B/function.json": function_json(_http(), output),
        },
    )
    assert problems(tmp_path, "FUNC142") == []


# -- routes ----------------------------------------------------------------------------------------
def test_route_syntax_error(tmp_path: Path) -> None:
    make_app(tmp_path, {"Get/function.json": function_json(_http(route="items/{id"), RETURN)})
    problem = only(problems(tmp_path, "FUNC133"))
    assert "function 'Get'" in problem.message


def test_unknown_constraint(tmp_path: Path) -> None:
    make_app(
        tmp_path, {"Get/function.json": function_json(_http(route="items/{id:integer}"), RETURN)}
    )
    problem = only(problems(tmp_path, "FUNC133"))
    assert "integer" in text_under(problem)


@pytest.mark.parametrize(
    "route", ["items/{id:int}", "items/{id:guid}/{*rest}", "a/{name:alpha:minlength(2)?}", "{x=1}"]
)
def test_routes_with_constraints_pass(tmp_path: Path, route: str) -> None:
    make_app(tmp_path, {"Get/function.json": function_json(_http(route=route), RETURN)})
    assert [p.code for p in problems(tmp_path) if p.code in ("FUNC133", "FUNC134", "FUNC135")] == []


def test_reserved_route(tmp_path: Path) -> None:
    make_app(tmp_path, {"Get/function.json": function_json(_http(route="Admin/tools"), RETURN)})
    problem = only(problems(tmp_path, "FUNC135"))
    assert text_under(problem) == '"Admin/tools"'


def test_reserved_function_name_without_route(tmp_path: Path) -> None:
    make_app(tmp_path, {"runtimeInfo/function.json": function_json(_http(), RETURN)})
    problem = only(problems(tmp_path, "FUNC135"))
    assert "Without 'route'" in problem.message and text_under(problem) == '"httpTrigger"'


def test_route_conflict_reported_on_both_functions(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "A/function.json": function_json(_http(route="items/{id}", methods=["get"]), RETURN),
            "B/function.json": function_json(
                _http(route="/Items/{id}/", methods=["GET", "post"]), RETURN
            ),
            "C/function.json": function_json(_http(route="items/{id}", methods=["delete"]), RETURN),
        },
    )
    found = problems(tmp_path, "FUNC136")
    assert sorted(Path(p.path).parent.name for p in found) == ["A", "B"]
    a = next(p for p in found if Path(p.path).parent.name == "A")
    assert text_under(a) == '"items/{id}"'
    assert "function 'B'" in a.message and "GET" in a.message
    related = a.related[0].location
    assert Path(related.path).parent.name == "B"
    assert Path(related.path).read_text()[related.span.start : related.span.end] == '"/Items/{id}/"'


def test_route_conflict_follows_edits_of_the_other_file(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "A/function.json": function_json(_http(route="items"), RETURN),
            "B/function.json": function_json(_http(route="things"), RETURN),
        },
    )
    workspace = Workspace()
    analyzer = Analyzer(workspace)
    a_path = str(tmp_path / "A" / "function.json")
    b_path = str(tmp_path / "B" / "function.json")
    assert [p for p in analyzer.problems_for_file(a_path) if p.code == "FUNC136"] == []
    workspace.sources.set_open(b_path, 1, function_json(_http(route="items"), RETURN))
    assert len([p for p in analyzer.problems_for_file(a_path) if p.code == "FUNC136"]) == 1
    workspace.sources.set_open(b_path, 2, function_json(_http(route="other"), RETURN))
    assert [p for p in analyzer.problems_for_file(a_path) if p.code == "FUNC136"] == []


def test_function_name_is_the_default_route(tmp_path: Path) -> None:
    make_app(
        tmp_path,
        {
            "Items/function.json": function_json(_http(), RETURN),
            "B/function.json": function_json(_http(route="items"), RETURN),
        },
    )
    assert len(problems(tmp_path, "FUNC136")) == 2


# -- names and blob paths --------------------------------------------------------------------------
def test_blob_path_without_container(tmp_path: Path) -> None:
    blob = {"type": "blob", "direction": "out", "name": "out", "path": "report.txt"}
    make_app(tmp_path, {"Fn/function.json": function_json(_http(), RETURN, blob)})
    problem = only(problems(tmp_path, "FUNC137"))
    assert "container/blob" in problem.message and "'out'" in problem.message


def test_names_the_service_always_rejects_are_errors(tmp_path: Path) -> None:
    trigger = {
        "type": "blobTrigger",
        "direction": "in",
        "name": "blob",
        "path": "Reports_Archive/{name}",
    }
    blob = {"type": "blob", "direction": "out", "name": "out", "path": "Reports/{rand-guid}.txt"}
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "my_queue"}
    make_app(tmp_path, {"Fn/function.json": function_json(trigger, blob, queue)})
    found = problems(tmp_path, "FUNC138")
    assert {text_under(p) for p in found} >= {"R", "_"}
    assert all(p.severity.name == "ERROR" for p in found)
    built = [p for p in found if "binding 'out'" in p.message]
    assert built and all("whatever its expressions resolve to" in p.message for p in built)


def test_queue_names_with_capitals_are_lower_cased_by_the_extension(tmp_path: Path) -> None:
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "Orders-{id}"}
    trigger = {"type": "queueTrigger", "direction": "in", "name": "msg2", "queueName": "MyQueue"}
    make_app(tmp_path, {"Fn/function.json": function_json(trigger, queue)})
    assert problems(tmp_path, "FUNC138") == []


def test_names_built_from_expressions_alone_are_not_judged(tmp_path: Path) -> None:
    blob = {"type": "blob", "direction": "out", "name": "out", "path": "{container}/{name}"}
    make_app(tmp_path, {"Fn/function.json": function_json(_http(), RETURN, blob)})
    assert problems(tmp_path, "FUNC138") == []


def test_good_names_pass(tmp_path: Path) -> None:
    blob = {"type": "blobTrigger", "direction": "in", "name": "blob", "path": "uploads/{name}.csv"}
    queue = {"type": "queue", "direction": "out", "name": "msg", "queueName": "done-{name}"}
    make_app(tmp_path, {"Fn/function.json": function_json(blob, queue)})
    assert [p.code for p in problems(tmp_path) if p.code in ("FUNC137", "FUNC138", "FUNC140")] == []


# -- expressions and tokens ------------------------------------------------------------------------
def test_unbalanced_brace(tmp_path: Path) -> None:
    blob = {"type": "blob", "direction": "out", "name": "out", "path": "out/{name.txt"}
    make_app(tmp_path, {"Fn/function.json": function_json(_http(), RETURN, blob)})
    problem = only(problems(tmp_path, "FUNC139"))
    assert text_under(problem) == "{"


def test_blob_trigger_tokens(tmp_path: Path) -> None:
    trigger = {"type": "blobTrigger", "direction": "in", "name": "blob", "path": "in/{name}.png"}
    out = {
        "type": "blob",
        "direction": "out",
        "name": "thumb",
        "path": "out/{name}-{BlobTrigger}-{file}-{rand-guid}-{DateTime:yyyy}.png",
    }
    make_app(tmp_path, {"Fn/function.json": function_json(trigger, out)})
    problem = only(problems(tmp_path, "FUNC140"))
    assert text_under(problem) == "{file}"
    assert "{name}" in problem.message


def test_http_tokens_outside_the_route_get_a_hint(tmp_path: Path) -> None:
    # The host adds query-string parameters and JSON body properties to the binding data, so a
    # name that is not a route parameter may still be supplied: a hint, not a warning.
    trigger = _http(route="items/{id:int}", methods=["get"])
    doc = {
        "type": "blob",
        "direction": "in",
        "name": "doc",
        "path": "items/{id}/{query.version}/{headers.x-v}/{itemId}.json",
    }
    make_app(tmp_path, {"Fn/function.json": function_json(trigger, RETURN, doc)})
    assert problems(tmp_path, "FUNC140") == []
    problem = only(problems(tmp_path, "FUNC141"))
    assert text_under(problem) == "{itemId}"
    assert problem.severity.name == "HINT" and "{id}" in problem.message


def test_queue_payload_tokens_are_not_judged(tmp_path: Path) -> None:
    trigger = {"type": "queueTrigger", "direction": "in", "name": "msg", "queueName": "orders"}
    doc = {"type": "blob", "direction": "out", "name": "doc", "path": "orders/{orderId}.json"}
    make_app(tmp_path, {"Fn/function.json": function_json(trigger, doc)})
    assert problems(tmp_path, "FUNC140") == []


def test_timer_supplies_no_tokens(tmp_path: Path) -> None:
    blob = {"type": "blob", "direction": "out", "name": "out", "path": "logs/{name}.txt"}
    make_app(tmp_path, {"Fn/function.json": function_json(_timer("0 0 * * * *"), blob)})
    assert text_under(only(problems(tmp_path, "FUNC140"))) == "{name}"


def test_route_prefix_does_not_change_checks(tmp_path: Path) -> None:
    host = json.loads(GOOD_HOST)
    host["extensions"] = {"http": {"routePrefix": ""}}
    make_app(
        tmp_path,
        {
            "host.json": json.dumps(host),
            "Fn/function.json": function_json(_http(route="/items"), RETURN),
        },
    )
    assert problems(tmp_path, "FUNC133") == []


def test_schedule_that_never_fires_warns(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": function_json(_timer("0 0 0 30 2 *"))})
    problem = only(problems(tmp_path, "FUNC132"))
    assert "never fires" in problem.message


def test_every_second_during_every_tenth_minute_warns(tmp_path: Path) -> None:
    make_app(tmp_path, {"Tick/function.json": function_json(_timer("* */10 * * * *"))})
    problem = only(problems(tmp_path, "FUNC132"))
    assert text_under(problem) == "*"
    assert "every second during minutes 0, 10, 20, 30, 40 and 50" in problem.message
    assert "'0 */10 * * * *' (every 10 minutes)" in problem.message
    apply_fix(fix_titled(problem, "Change to '0 */10 * * * *'"))
    assert problems(tmp_path, "FUNC132") == []


@pytest.mark.parametrize("schedule", ["* * * * * *", "*/5 * * * * *", "0 */10 * * * *"])
def test_schedules_every_second_on_purpose_are_quiet(tmp_path: Path, schedule: str) -> None:
    make_app(tmp_path, {"Tick/function.json": function_json(_timer(schedule))})
    assert problems(tmp_path, "FUNC132") == []


def test_route_warning_with_fix(tmp_path: Path) -> None:
    make_app(tmp_path, {"Get/function.json": function_json(_http(route="a/{b?}/c"), RETURN)})
    problem = only(problems(tmp_path, "FUNC134"))
    assert text_under(problem) == "{b?}"
    other = tmp_path / "other"
    make_app(other, {"Get/function.json": function_json(_http(route="~/x"), RETURN)})
    problem = only(problems(other, "FUNC134"))
    apply_fix(problem.fixes[0])
    assert problems(other, "FUNC134") == []
