"""The migration core: decorators asked of the library, calls checked on it, the plan's files."""

from __future__ import annotations

import json
from pathlib import Path

from funcls.core.migrate import plan_migration
from funcls.core.migrate.compare import differences
from funcls.core.migrate.convert import build, convert_bindings
from funcls.core.migrate.render import render_call
from funcls.core.v2 import library
from funcls.core.workspace import Workspace

HOST = '{"version": "2.0"}'


def _lib() -> library.Library:
    lib = library.load()
    assert lib is not None
    return lib


def _app(tmp_path: Path, functions: dict[str, dict], scripts: dict[str, str] | None = None) -> Path:
    (tmp_path / "host.json").write_text(HOST)
    for name, doc in functions.items():
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
        (tmp_path / name / "function.json").write_text(json.dumps(doc))
        if not scripts or not any(p.startswith(f"{name}/") for p in scripts):
            (tmp_path / name / "__init__.py").write_text("def main(msg):\n    pass\n")
    for path, text in (scripts or {}).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    return tmp_path


def _queue(name: str = "msg", **extra: object) -> dict:
    return {"name": name, "type": "queueTrigger", "direction": "in", "queueName": "q", **extra}


def _text(plan, name: str = "function_app.py") -> str:  # type: ignore[no-untyped-def]
    return next(c.text for c in plan.changes if c.path.endswith(name))


def test_the_library_is_asked_where_each_argument_goes() -> None:
    lib = _lib()
    route = lib.decorators["route"]
    trigger, output = route.bindings
    assert (trigger.type, trigger.direction, trigger.is_trigger) == ("httpTrigger", "in", True)
    assert trigger.arguments["trigger_arg_name"] == "name"
    assert trigger.arguments["auth_level"] == "authLevel"
    assert trigger.extras == "trigger_extra_fields"
    assert (output.type, output.arguments["binding_arg_name"]) == ("http", "name")
    queue = lib.decorators["queue_trigger"].bindings[0]
    assert queue.arguments["queue_name"] == "queueName" and queue.extras == "**"
    # aliases are not offered twice, and FunctionRegister's methods are no decorators
    assert "schedule" not in lib.decorators and "timer_trigger" in lib.decorators
    assert "get_functions" not in lib.decorators


def test_specific_decorators_are_chosen_when_they_reproduce_the_entry() -> None:
    http = {"name": "req", "type": "httpTrigger", "direction": "in", "methods": ["get"]}
    out = {"name": "$return", "type": "http", "direction": "out"}
    conversion = convert_bindings(
        _lib(), [http, out, _queue("q2") | {"type": "queue", "direction": "out"}]
    )
    names = [c.name for c in conversion.calls]
    assert names[0] == "route" and conversion.calls[0].covers == (0, 1)
    # a queue *output* with no connection: queue_output requires it, the generic one does not
    assert names[1] == "generic_output_binding" and conversion.problems == []


def test_an_enum_value_the_decorator_refuses_falls_back_to_the_generic_one() -> None:
    entry = _queue(dataType="json")
    conversion = convert_bindings(_lib(), [entry | {"connection": "C"}])
    (call,) = conversion.calls
    assert call.name == "generic_trigger"
    assert call.arguments["dataType"] == "json"  # as an extra: data_type= would be parsed
    assert conversion.problems == []


def test_keyword_properties_are_written_as_a_splat() -> None:
    entry = {"name": "$return", "type": "sendGrid", "direction": "out", "from": "a@b.example"}
    conversion = convert_bindings(_lib(), [_queue(connection="C"), entry])
    call = conversion.calls[1]
    assert call.name == "generic_output_binding" and call.arguments["from"] == "a@b.example"
    line = "".join(render_call("f", "app", call.name, call.arguments))
    assert '**{"from": "a@b.example"}' in line
    built = build(call.name, call.arguments)
    assert built is not None and differences(entry, built[0]) == []


def test_what_no_decorator_declares_is_listed() -> None:
    entry = {"name": "x", "type": "blob", "direction": "inout", "path": "p"}
    conversion = convert_bindings(_lib(), [_queue(connection="C"), entry])
    assert [c.name for c in conversion.calls] == ["queue_trigger"]
    assert conversion.problems == ["binding 'x' (blob): direction 'inout' has no decorator"]


def test_differences_name_the_property() -> None:
    produced = {"name": "a", "type": "t", "direction": "IN", "dataType": "STRING"}
    original = {"name": "a", "type": "t", "path": "x", "dataType": "string"}
    assert differences(original, produced) == ["'path' is lost"]


def test_the_plan_imports_entry_points_and_removes_function_json(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {"Orders": {"bindings": [_queue(connection="C")], "excluded": False}},
    )
    plan = plan_migration(Workspace(), str(app))
    assert plan.converted == ["Orders"]
    text = _text(plan)
    assert "from Orders import main as _orders_entry" in text
    assert 'orders = app.queue_trigger(arg_name="msg", queue_name="q", connection="C")' in text
    assert 'app.function_name(name="Orders")(orders)' in text
    assert plan.notes == ["Orders: 'excluded' of function.json has no v2 equivalent and is dropped"]
    assert "# - Orders: 'excluded'" in text
    assert [c.kind for c in plan.changes if c.path.endswith("function.json")] == ["delete"]
    compile(text, "function_app.py", "exec")


def test_app_package_is_recreated_when_a_module_climbs_above_its_folder(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {"my-func": {"bindings": [_queue(connection="C")]}},
        {"my-func/__init__.py": "from ..shared import x\n\ndef main(msg):\n    pass\n"},
    )
    text = _text(plan_migration(Workspace(), str(app)))
    assert 'sys.modules["__app__"] = _app_package' in text
    assert 'getattr(importlib.import_module("__app__.my-func"), "main")' in text
    compile(text, "function_app.py", "exec")


def test_retry_and_a_nested_script_file(tmp_path: Path) -> None:
    doc = {
        "scriptFile": "../jobs/run.py",
        "entryPoint": "go",
        "bindings": [_queue(connection="C")],
        "retry": {"strategy": "fixedDelay", "maxRetryCount": 2, "delayInterval": "00:00:05"},
    }
    app = _app(tmp_path, {"Job": doc}, {"jobs/run.py": "def go(msg):\n    pass\n"})
    plan = plan_migration(Workspace(), str(app))
    text = _text(plan)
    assert "from jobs.run import go as _job_entry" in text
    assert 'strategy="fixed_delay"' in text and 'max_retry_count="2"' in text
    assert any(c.path.endswith("jobs/__init__.py") and c.kind == "create" for c in plan.changes)


def test_blueprints_are_registered_in_function_app(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"bindings": [_queue(connection="C")]}})
    plan = plan_migration(Workspace(), str(app), blueprints=True)
    assert "bp = func.Blueprint()" in _text(plan, "A/blueprint.py")
    main = _text(plan)
    assert "from A.blueprint import bp as a_bp" in main
    assert "app.register_functions(a_bp)" in main


def test_one_function_into_an_existing_function_app(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"bindings": [_queue(connection="C")]}})
    (app / "function_app.py").write_text(
        "import azure.functions as func\n\nmy = func.FunctionApp()\n"
    )
    assert plan_migration(Workspace(), str(app)).converted == []  # the whole app: refused
    plan = plan_migration(Workspace(), str(app), only=str(app / "A"), remove_function_json=False)
    replaced = next(c for c in plan.changes if c.path.endswith("function_app.py"))
    assert replaced.kind == "replace"
    assert replaced.text.endswith(
        "from A.blueprint import bp as a_bp\nmy.register_functions(a_bp)\n"
    )
    assert not [c for c in plan.changes if c.kind == "delete"]


def test_disabled_becomes_an_app_setting(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"disabled": True, "bindings": [_queue(connection="C")]}})
    (app / "local.settings.json").write_text('{"Values": {"X": "1"}}')
    plan = plan_migration(Workspace(), str(app))
    settings = json.loads(_text(plan, "local.settings.json"))
    assert settings["Values"] == {"X": "1", "AzureWebJobs.A.Disabled": "true"}
    assert plan.notes == [] and plan.advice


def test_unconvertible_functions_are_listed_and_kept(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"bindings": [_queue(connection="C")]}, "B": {"bindings": 3}})
    plan = plan_migration(Workspace(), str(app))
    assert plan.converted == ["A"]
    assert plan.notes == ["B: `bindings` is not a list of objects"]
    assert not any(c.path.endswith("B/function.json") for c in plan.changes)


def test_an_entry_module_that_would_stop_the_app_is_not_converted(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {n: {"bindings": [_queue(connection="C")]} for n in ("A", "B", "C", "D")},
        {
            "A/__init__.py": "def main(msg):\n    pass\n",
            "B/__init__.py": "def main(msg:\n",
            "C/__init__.py": "def other(msg):\n    pass\n",
            "D/__init__.py": "from .impl import *\n",
        },
    )
    plan = plan_migration(Workspace(), str(app))
    assert plan.converted == ["A", "D"]
    assert plan.notes == [
        "B: the entry script cannot be parsed: importing it would stop the whole app",
        "C: the entry point 'main' is not defined in __init__.py: importing it would stop the "
        "whole app",
    ]


def test_an_old_azure_functions_pin_is_pointed_out(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"bindings": [_queue(connection="C")]}})
    (app / "requirements.txt").write_text("requests\nazure-functions==1.0.0b3\n")
    plan = plan_migration(Workspace(), str(app))
    assert plan.converted == ["A"]
    assert [a for a in plan.advice if "azure-functions==1.0.0b3" in a]


def test_a_function_already_in_the_v2_model_is_not_offered_again(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"bindings": [_queue(connection="C")]}})
    plan = plan_migration(Workspace(), str(app), remove_function_json=False)
    from funcls.core.migrate import apply_changes

    assert not apply_changes(plan.changes)  # function.json stays, as after the editor's action
    again = plan_migration(Workspace(), str(app), only=str(app / "A"))
    assert again.converted == [] and again.notes == ["A: already declared in the v2 model"]


def test_the_disabled_setting_is_inserted_without_touching_the_rest(tmp_path: Path) -> None:
    app = _app(tmp_path, {"A": {"disabled": True, "bindings": [_queue(connection="C")]}})
    original = '{\r\n  "IsEncrypted": false,\r\n  "Values": {\r\n\t"Key": "s3cret"\r\n  }\r\n}\r\n'
    (app / "local.settings.json").write_bytes(original.encode())
    text = _text(plan_migration(Workspace(), str(app)), "local.settings.json")
    assert text == original.replace(
        '"Values": {\r\n', '"Values": {\r\n\t"AzureWebJobs.A.Disabled": "true",\r\n'
    )
    (app / "local.settings.json").write_text('{"Values": {}}')
    text = _text(plan_migration(Workspace(), str(app)), "local.settings.json")
    assert json.loads(text) == {"Values": {"AzureWebJobs.A.Disabled": "true"}}


def test_folders_become_packages_once(tmp_path: Path) -> None:
    doc = {"scriptFile": "../lib/jobs.py", "bindings": [_queue(connection="C")]}
    app = _app(
        tmp_path,
        {"A": doc, "B": doc},
        {"lib/jobs.py": "def main(msg):\n    pass\n", "A/x.txt": "", "B/x.txt": ""},
    )
    plan = plan_migration(Workspace(), str(app), blueprints=True)
    created = sorted(
        Path(c.path).relative_to(app).as_posix()
        for c in plan.changes
        if c.path.endswith("__init__.py")
    )
    assert created == ["A/__init__.py", "B/__init__.py", "lib/__init__.py"]
