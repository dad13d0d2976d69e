"""The function view: one immutable object per function with its script, resolved entry point
and binding <-> parameter pairs, the same for a classic folder and a v2 decorated def."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from funcls.core.function_view import (
    LOADS,
    OUTSIDE_APP,
    SYNTAX_ERROR,
    FunctionView,
    function_view,
    pair_names,
)
from funcls.core.workspace import Workspace
from unit.python.conftest import HTTP_IN, HTTP_RETURN, QUEUE_OUT, App, function_json

Build = Callable[..., App]


def view_of(app: App, name: str = "Fn") -> FunctionView:
    workspace = Workspace()
    model = workspace.app_for(app.path("host.json"))
    assert model is not None
    fn = model.function(name)
    assert fn is not None
    return function_view(workspace, model, fn)


def names(view: FunctionView) -> dict[str, object]:
    return {
        "pairs": sorted((p.binding.name, p.parameter.name) for p in view.pairs),
        "unbound_parameters": sorted(p.name for p in view.unbound_parameters),
        "unbound_bindings": sorted(b.name or "" for b in view.unbound_bindings),
        "context": view.context_parameter.name if view.context_parameter else None,
    }


def test_pairs_by_name_both_ways(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, QUEUE_OUT, HTTP_RETURN],
        "import azure.functions as func\n\ndef main(req, other, context):\n    pass\n",
    )
    view = view_of(app)
    assert view.script_state == LOADS and view.paired
    assert view.entry is not None and view.entry.name == "main"
    assert names(view) == {
        "pairs": [("req", "req")],
        "unbound_parameters": ["other"],
        "unbound_bindings": ["msg"],  # $return is not an argument
        "context": "context",
    }


def test_the_view_is_immutable(fn_app: Build) -> None:
    view = view_of(fn_app([HTTP_IN], "def main(req):\n    pass\n"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.entry = None  # type: ignore[misc]
    assert isinstance(view.pairs, tuple)


def test_pairing_is_a_pure_function_of_bindings_and_entry(fn_app: Build) -> None:
    view = view_of(fn_app([HTTP_IN, QUEUE_OUT], "def main(req, msg):\n    pass\n"))
    assert view.entry is not None
    again = pair_names(view.fn, view.entry)
    assert again == view.pairing
    assert [p.binding for p in again.pairs] == [
        view.fn.binding_named("req"),
        view.fn.binding_named("msg"),
    ]


def test_a_binding_named_context_is_a_binding(fn_app: Build) -> None:
    queue = {**QUEUE_OUT, "name": "context"}
    view = view_of(fn_app([HTTP_IN, queue], "def main(req, context):\n    pass\n"))
    assert names(view)["pairs"] == [("context", "context"), ("req", "req")]
    assert view.context_parameter is None


def test_durable_wrapper_pairs_its_trigger_named_context(fn_app: Build) -> None:
    trigger = {"name": "context", "type": "orchestrationTrigger", "direction": "in"}
    activity = {"name": "other", "type": "activityTrigger", "direction": "in"}
    script = (
        "import azure.durable_functions as df\n\n"
        "def orchestrator_function(context):\n    yield 1\n\n"
        "main = df.Orchestrator.create(orchestrator_function)\n"
    )
    view = view_of(fn_app([trigger, activity], script))
    assert view.entry is not None and view.entry.kind == "durable"
    assert names(view)["pairs"] == [("context", "context")]
    assert names(view)["unbound_bindings"] == ["other"]


def test_no_pairing_while_function_json_is_half_typed(make_app: Build) -> None:
    app = make_app(
        {
            "Fn/function.json": '{\n  "bindings": [\n    {"type": "httpTrigger", "name": "req"},\n',
            "Fn/__init__.py": "def main(req, msg):\n    pass\n",
        }
    )
    view = view_of(app)
    assert view.script_state == LOADS and view.entry is not None
    assert not view.paired and view.pairs == () and view.unbound_parameters == ()


def test_a_script_that_does_not_load_has_no_entry(fn_app: Build, make_app: Build) -> None:
    broken = view_of(fn_app([HTTP_IN], "def main(req:\n"))
    assert broken.script_state == SYNTAX_ERROR and broken.script is None and broken.entry is None
    outside = make_app(
        {
            "Fn/function.json": function_json(HTTP_IN, scriptFile="../../elsewhere.py"),
            "Fn/__init__.py": "def main(req):\n    pass\n",
        }
    )
    assert view_of(outside).script_state == OUTSIDE_APP


def test_a_v2_function_gets_the_same_view(tmp_path: Path) -> None:
    from unit.v2model.helpers import HEAD, v2_app

    root = v2_app(
        tmp_path,
        HEAD + '@app.route(route="hi")\n'
        '@app.queue_output(arg_name="msg", queue_name="q", connection="Conn")\n'
        "def hello(req: func.HttpRequest, msg: func.Out[str], extra) -> func.HttpResponse:\n"
        "    return func.HttpResponse('hi')\n",
    )
    workspace = Workspace()
    model = workspace.app_for(str(root / "host.json"))
    assert model is not None
    (fn,) = [f for f in model.functions if f.is_v2]
    view = function_view(workspace, model, fn)
    assert view.script_state == LOADS and view.paired
    assert view.entry is not None and view.entry.name == "hello"
    assert names(view) == {
        "pairs": [("msg", "msg"), ("req", "req")],
        "unbound_parameters": ["extra"],
        "unbound_bindings": [],
        "context": None,
    }
