"""v2 rules (FUNC700-709) and the shared rules applied to decorated functions, each with the
decorator argument they point at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unit.v2model.helpers import HEAD, errors, under, v2_app, v2_problems

HTTP = "@app.route(route='hi')\ndef hi(req: func.HttpRequest) -> func.HttpResponse: ...\n\n"
QUEUE = (
    "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"
    "def on_msg(msg: func.QueueMessage) -> None: ...\n\n"
)


def test_a_correct_app_has_no_problem(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + HTTP + QUEUE)
    assert v2_problems(tmp_path) == []


# -- app objects -----------------------------------------------------------------------------------
def test_no_function_app(tmp_path: Path) -> None:
    v2_app(tmp_path, "import azure.functions as func\n\n\ndef hi(req): ...\n")
    (problem,) = v2_problems(tmp_path, "FUNC700")
    assert under(problem) == "import azure.functions as func"


@pytest.mark.parametrize(
    "source",
    [
        "from shared import app\n",
        "import azure.functions as func\napp = build()\n",
        "from os import *\n",
        "import azure.functions as func\nfrom .core import app\n",
        "import azure.functions as func\ntry:\n    app = func.FunctionApp()\nexcept ImportError:\n"
        "    pass\n",
        "import azure.functions as func\napp, other = func.FunctionApp(), None\n",
    ],
)
def test_no_function_app_is_not_reported_when_an_app_may_come_from_elsewhere(
    tmp_path: Path, source: str
) -> None:
    v2_app(tmp_path, source)
    assert v2_problems(tmp_path, "FUNC700") == []


def test_two_function_apps(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + "other = func.WsgiFunctionApp(app=None)\n")
    (problem,) = v2_problems(tmp_path, "FUNC701")
    assert under(problem) == "other"
    assert "More than one FunctionApp" in problem.message


def test_one_app_and_blueprints_are_fine(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + "bp = func.Blueprint()\napp.register_functions(bp)\n")
    assert v2_problems(tmp_path, "FUNC701") == []


# -- decorators and arguments ----------------------------------------------------------------------
def test_unknown_decorator(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + "@app.queue_triger(arg_name='m')\ndef f(m): ...\n")
    (problem,) = v2_problems(tmp_path, "FUNC705")
    assert under(problem) == "queue_triger"
    assert "Did you mean 'queue_trigger'?" in problem.message


def test_durable_decorators_on_dfapp_are_not_unknown(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        "import azure.durable_functions as df\n\napp = df.DFApp()\n\n"
        "@app.orchestration_trigger(context_name='context')\ndef orchestrator(context): ...\n",
        {"requirements.txt": "azure-functions\nazure-functions-durable\n"},
    )
    assert errors(tmp_path) == []


def test_unknown_keyword_of_a_decorator_without_kwargs(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + "@app.route(route='x', method=['GET'])\ndef f(req): ...\n")
    (problem,) = v2_problems(tmp_path, "FUNC706")
    assert under(problem) == "method"
    assert "Did you mean 'methods'?" in problem.message


def test_misspelt_keyword_passed_through_kwargs(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='m', queue_name='orders', connection='Conn',"
        " data_tipe='string')\ndef f(m: func.QueueMessage) -> None: ...\n",
    )
    (problem,) = v2_problems(tmp_path, "FUNC708")
    assert under(problem) == "data_tipe"
    assert problem.severity.name == "WARNING"
    assert "'dataTipe'" in problem.message


def test_extra_keyword_with_no_close_parameter_is_an_extension_property(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='m', queue_name='orders', connection='Conn',"
        " visibility_timeout='00:00:10')\ndef f(m: func.QueueMessage) -> None: ...\n",
    )
    assert v2_problems(tmp_path, "FUNC708") == []
    assert v2_problems(tmp_path, "FUNC706") == []


def test_missing_required_argument(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + "@app.queue_trigger(arg_name='m', queue_name='q1')\ndef f(m): ...\n")
    (problem,) = v2_problems(tmp_path, "FUNC707")
    assert under(problem) == "queue_trigger"
    assert "'connection'" in problem.message


def test_positional_arguments_count_as_given(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger('msg', 'orders', 'Conn')\n"
        "def f(msg: func.QueueMessage) -> None: ...\n",
    )
    assert errors(tmp_path) == []


# -- triggers and names ----------------------------------------------------------------------------
def test_no_trigger(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_output(arg_name='o', queue_name='q12', connection='Conn')\n"
        "def lonely(o: func.Out[str]) -> None: ...\n",
    )
    (problem,) = v2_problems(tmp_path, "FUNC702")
    assert under(problem) == "lonely"
    assert v2_problems(tmp_path, "FUNC114") == []  # the function.json wording is not repeated


def test_two_triggers(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.route(route='a')\n"
        "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"
        "def twice(req, msg) -> None: ...\n",
    )
    (problem,) = v2_problems(tmp_path, "FUNC703")
    assert under(problem) == "route"  # the second one applied (decorators apply bottom first)
    assert v2_problems(tmp_path, "FUNC113") == []


def test_duplicate_function_names_across_a_blueprint(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        "import azure.functions as func\nfrom more import bp\n\napp = func.FunctionApp()\n"
        "app.register_functions(bp)\n\n" + HTTP,
        {
            "more.py": "import azure.functions as func\n\nbp = func.Blueprint()\n\n"
            "@bp.function_name(name='hi')\n@bp.route(route='other')\n"
            "def other(req: func.HttpRequest) -> func.HttpResponse: ...\n"
        },
    )
    (problem,) = v2_problems(tmp_path, "FUNC704")
    assert Path(problem.path).name == "more.py"
    assert under(problem) == "'hi'"
    assert problem.related and Path(problem.related[0].location.path).name == "function_app.py"


def test_unregistered_blueprint(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "bp = func.Blueprint()\n\n@bp.route(route='x')\n"
        "def x(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    (problem,) = v2_problems(tmp_path, "FUNC709")
    assert under(problem) == "bp"
    v2_app(
        tmp_path,
        HEAD + "bp = func.Blueprint()\napp.register_functions(bp)\n\n@bp.route("
        "route='x')\ndef x(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    assert v2_problems(tmp_path, "FUNC709") == []


# -- the shared rules, on decorator arguments ------------------------------------------------------
def test_binding_without_parameter_points_at_arg_name(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"
        "def f(message) -> None: ...\n",
    )
    found = {p.code: p for p in v2_problems(tmp_path)}
    assert under(found["FUNC211"]) == "'msg'"
    assert "declared in a decorator" in found["FUNC211"].message
    assert under(found["FUNC210"]) == "message"
    # the fixes edit the decorator, never a function.json
    assert all(e.path.endswith(".py") for f in found["FUNC211"].fixes for e in f.edits)


def test_annotation_the_converter_refuses(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"
        "def f(msg: func.HttpRequest) -> None: ...\n",
    )
    codes = {p.code for p in v2_problems(tmp_path) if p.severity.name == "ERROR"}
    assert "FUNC217" in codes, codes


def test_bad_schedule_points_at_the_schedule_argument(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.schedule(schedule='0 */5 * * *', arg_name='t')\n"
        "def tick(t: func.TimerRequest) -> None: ...\n",
    )
    (problem,) = [p for p in v2_problems(tmp_path) if p.severity.name == "ERROR"]
    assert "'0 */5 * * *'" in under(problem) or under(problem) == "0 */5 * * *"


def test_route_conflict_across_a_blueprint(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        "import azure.functions as func\nfrom more import bp\n\napp = func.FunctionApp()\n"
        "app.register_functions(bp)\n\n" + HTTP,
        {
            "more.py": "import azure.functions as func\n\nbp = func.Blueprint()\n\n"
            "@bp.route(route='hi')\n"
            "def other(req: func.HttpRequest) -> func.HttpResponse: ...\n"
        },
    )
    found = v2_problems(tmp_path, "FUNC136")
    assert sorted(Path(p.path).name for p in found) == ["function_app.py", "more.py"]
    assert all(under(p) == "'hi'" for p in found)


def test_missing_connection_setting_points_at_connection(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Missing')\n"
        "def f(msg: func.QueueMessage) -> None: ...\n",
    )
    found = [p for p in v2_problems(tmp_path) if "Missing" in p.message]
    assert found and under(found[0]) in ("Missing", "'Missing'")


def test_bundle_without_the_binding_type(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + QUEUE, {"host.json": '{"version": "2.0"}'})
    (problem,) = v2_problems(tmp_path, "FUNC120")
    assert under(problem) == "queue_trigger"


def test_generic_binding_type_casing(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.generic_trigger(arg_name='msg', type='QueueTrigger', queue_name='orders',"
        " connection='Conn')\ndef f(msg: func.QueueMessage) -> None: ...\n",
    )
    (problem,) = v2_problems(tmp_path, "FUNC118")
    assert under(problem) == "'QueueTrigger'"


def test_cosmos_v3_decorator_under_bundle_4(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.cosmos_db_trigger_v3(arg_name='docs', database_name='d',"
        " collection_name='c', connection_string_setting='Conn')\n"
        "def f(docs: func.DocumentList) -> None: ...\n",
    )
    found = v2_problems(tmp_path, "FUNC122")
    assert found and all(Path(p.path).name == "function_app.py" for p in found)


def test_variable_values_are_not_judged(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "CONN = 'Missing'\nSCHED = 'bad'\n\n"
        "@app.queue_trigger(arg_name='msg', queue_name='orders', connection=CONN)\n"
        "def f(msg: func.QueueMessage) -> None: ...\n\n"
        "@app.schedule(schedule=SCHED, arg_name='t')\ndef tick(t: func.TimerRequest) -> None: ...\n",
    )
    assert errors(tmp_path) == []


def test_unregistered_imported_blueprint(tmp_path: Path) -> None:
    blueprint = (
        "import azure.functions as func\n\nbp = func.Blueprint()\n\n"
        "@bp.route(route='x')\ndef x(req: func.HttpRequest) -> func.HttpResponse: ...\n\n"
        "@bp.queue_output(arg_name='o', queue_name='q12', connection='Conn')\n"
        "def no_trigger(o: func.Out[str]) -> None: ...\n"
    )
    v2_app(tmp_path, "from more import bp\n" + HEAD, {"more.py": blueprint})
    (problem,) = v2_problems(tmp_path, "FUNC709")
    assert under(problem) == "bp" and Path(problem.path).name == "function_app.py"
    assert "2 functions" in problem.message
    # functions never indexed are not validated by the library: no trigger is no error there
    assert v2_problems(tmp_path, "FUNC702") == []
    v2_app(tmp_path, "from more import bp\n" + HEAD + "app.register_functions(bp)\n")
    assert v2_problems(tmp_path, "FUNC709") == []
    (problem,) = v2_problems(tmp_path, "FUNC702")
    assert under(problem) == "no_trigger"


def test_defs_sharing_a_name_are_not_compared_with_the_wrong_signature(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.function_name('a')\n@app.route(route='a')\n"
        "def main(req: func.HttpRequest) -> func.HttpResponse: ...\n\n"
        "@app.function_name('b')\n"
        "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"
        "def main(msg: func.QueueMessage) -> None: ...\n",
    )
    assert errors(tmp_path) == []


@pytest.mark.parametrize(
    ("arguments", "culprit"),
    [
        ("route='x', auth_level='anon'", "'anon'"),
        ("route='x', methods='GET'", "'GET'"),
        ("route='x', methods=['GET', 'FETCH']", "['GET', 'FETCH']"),
        ("route='x', auth_level=func.AuthLevel.ANONYMUS", "func.AuthLevel.ANONYMUS"),
    ],
)
def test_values_the_library_refuses(tmp_path: Path, arguments: str, culprit: str) -> None:
    v2_app(
        tmp_path,
        HEAD + f"@app.route({arguments})\ndef f(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    (problem,) = v2_problems(tmp_path, "FUNC710")
    assert under(problem) == culprit


@pytest.mark.parametrize(
    "arguments",
    [
        "route='x', auth_level='Anonymous', methods=['get', func.HttpMethod.POST]",
        "route='x', auth_level=LEVEL",
        "route='x', methods=('GET',)",
    ],
)
def test_values_the_library_accepts(tmp_path: Path, arguments: str) -> None:
    v2_app(
        tmp_path,
        HEAD + "LEVEL = 'x'\n"
        f"@app.route({arguments})\ndef f(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    assert v2_problems(tmp_path, "FUNC710") == []


def test_http_streaming_extension_relaxes_http_annotations(tmp_path: Path) -> None:
    source = (
        HEAD + "@app.route(route='n')\ndef number(req: func.HttpRequest) -> int:\n    return 1\n"
    )
    v2_app(tmp_path, source)
    assert {c for c, _, _ in errors(tmp_path)} == {"FUNC218"}
    v2_app(tmp_path, "from azurefunctions.extensions.http.fastapi import Request\n" + source)
    assert "FUNC218" not in [c for c, _, _ in errors(tmp_path)]


def test_a_container_alone_is_a_valid_v2_blob_input_path(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.route(route='c')\n"
        "@app.blob_input(arg_name='client', path='samples', connection='Conn')\n"
        "def f(req: func.HttpRequest, client: str) -> str: ...\n",
    )
    assert v2_problems(tmp_path, "FUNC137") == []


def test_a_foreign_decorator_may_add_the_trigger(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "def http(route):\n    return lambda f: app.route(route=route)(f)\n\n"
        "@http('x')\n@app.blob_input(arg_name='blob', path='c1c/x.txt', connection='Conn')\n"
        "def f(req: func.HttpRequest, blob: str) -> func.HttpResponse: ...\n",
    )
    assert errors(tmp_path) == []


def test_routes_of_the_two_models_never_conflict(tmp_path: Path) -> None:
    # a classic folder beside function_app.py is ignored by the host (FUNC101 says so)
    folder = {
        "bindings": [
            {"type": "httpTrigger", "direction": "in", "name": "req", "route": "hi"},
            {"type": "http", "direction": "out", "name": "$return"},
        ]
    }
    v2_app(tmp_path, HEAD + HTTP, {"Hi/function.json": json.dumps(folder)})
    assert v2_problems(tmp_path, "FUNC136") == []


def test_call_style_parameter_problem_lands_in_the_imported_script(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        "import azure.functions as func\n\nfrom Orders import main as _orders_entry\n\n"
        "app = func.FunctionApp()\n\n"
        "orders = _orders_entry\n"
        "orders = app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')("
        "orders)\n",
        {
            "Orders/__init__.py": "import azure.functions as func\n\n\ndef main(message) -> None: ...\n"
        },
    )
    found = {p.code: p for p in v2_problems(tmp_path)}
    assert under(found["FUNC211"]) == "'msg'"
    assert Path(found["FUNC210"].path).name == "__init__.py"
    assert under(found["FUNC210"]) == "message"


def test_service_bus_settlement_client_parameter(tmp_path: Path) -> None:
    # one annotated parameter without a binding may be the v2 worker's settlement client
    v2_app(
        tmp_path,
        HEAD + "from azurefunctions.extensions.bindings.servicebus import ServiceBusMessageActions"
        "\n\n@app.service_bus_queue_trigger(arg_name='msg', queue_name='jobs', connection='Conn')\n"
        "def f(msg: func.ServiceBusMessage, actions: ServiceBusMessageActions) -> None: ...\n",
    )
    assert v2_problems(tmp_path, "FUNC210") == []


def test_an_app_deleted_again_is_not_a_second_app(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + "other = func.FunctionApp()\ndel other\n")
    assert v2_problems(tmp_path, "FUNC701") == []


def test_an_app_handed_to_other_code_may_register_blueprints(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "from setup_module import setup\n\nbp = func.Blueprint()\nsetup(app)\n\n"
        "@bp.route(route='x')\ndef x(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    assert v2_problems(tmp_path, "FUNC709") == []


def test_an_unbound_parameter_without_the_service_bus_extension_is_refused(
    tmp_path: Path,
) -> None:
    # without the extension the worker's deferred binding registry supports no settlement type
    v2_app(
        tmp_path,
        HEAD
        + "@app.service_bus_queue_trigger(arg_name='msg', queue_name='jobs', connection='Conn')\n"
        "def f(msg: func.ServiceBusMessage, extra: str) -> None: ...\n",
    )
    assert [under(p) for p in v2_problems(tmp_path, "FUNC210")] == ["extra"]


def test_a_blueprint_def_below_its_registration_is_not_indexed(tmp_path: Path) -> None:
    # register_functions copies the blueprint's functions of that moment: `late` is never
    # indexed, so its missing trigger is no error; `early` is
    v2_app(
        tmp_path,
        HEAD + "bp = func.Blueprint()\n\n"
        "@bp.queue_output(arg_name='out', queue_name='q', connection='Conn')\n"
        "def early(out: func.Out[str]) -> None: ...\n\n"
        "app.register_functions(bp)\n\n"
        "@bp.queue_output(arg_name='out', queue_name='q', connection='Conn')\n"
        "def late(out: func.Out[str]) -> None: ...\n",
    )
    assert [under(p) for p in v2_problems(tmp_path, "FUNC702")] == ["early"]


def test_two_decorated_defs_of_one_name(tmp_path: Path) -> None:
    # both are registered under the def's name: validate_function_names refuses the app
    trigger = "@app.queue_trigger(arg_name='msg', queue_name='q', connection='Conn')\n"
    v2_app(
        tmp_path,
        HEAD
        + trigger
        + "def main(msg: func.QueueMessage) -> None: ...\n\n"
        + trigger
        + "def main(msg: func.QueueMessage) -> None: ...\n\n"
        + "@app.function_name(name='other')\n"
        + trigger
        + "def main(msg: func.QueueMessage) -> None: ...\n",
    )
    found = v2_problems(tmp_path, "FUNC704")
    assert [under(p) for p in found] == ["main"]
    assert found[0].span.start > (tmp_path / "function_app.py").read_text().index("def main")


def test_an_underscore_in_arg_name_is_reported_for_older_hosts(tmp_path: Path) -> None:
    # hosts before 4.1038 validate worker-indexed (v2) bindings with the same name rule
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='my_msg', queue_name='orders', connection='Conn')\n"
        "def f(my_msg: func.QueueMessage) -> None: ...\n",
    )
    (problem,) = v2_problems(tmp_path)
    assert problem.code == "FUNC111" and problem.severity.name == "WARNING"
    assert under(problem) == "'my_msg'"
    assert "rename arg_name and the Python parameter" in problem.message


@pytest.mark.parametrize(
    ("constructor", "name"),
    [
        ("func.AsgiFunctionApp(app=api)", "http_app_func"),
        ("func.WsgiFunctionApp(app=api, function_name='web')", "web"),
        ("func.AsgiFunctionApp(api, func.AuthLevel.ANONYMOUS, 'web')", "web"),
    ],
)
def test_a_function_named_like_the_web_app_function(
    tmp_path: Path, constructor: str, name: str
) -> None:
    # the library adds a function for the wrapped web app (http_app_func unless named):
    # a decorated function of the same name makes get_functions() refuse the app
    source = (
        "import azure.functions as func\n\napi = object()\n"
        f"app = {constructor}\n\n"
        f"@app.route(route='status')\ndef {name}(req: func.HttpRequest) -> func.HttpResponse: ...\n"
    )
    v2_app(tmp_path, source)
    (problem,) = v2_problems(tmp_path, "FUNC704")
    assert under(problem) == name
    assert "already adds a function" in problem.message
    assert problem.related


def test_other_names_beside_a_web_app_are_fine(tmp_path: Path) -> None:
    source = (
        "import azure.functions as func\n\napi = object()\n"
        "app = func.AsgiFunctionApp(app=api, function_name=NAME)\n\n"
        "@app.route(route='status')\ndef http_app_func(req: func.HttpRequest) -> func.HttpResponse: ...\n"
        "@app.route(route='other')\ndef other(req: func.HttpRequest) -> func.HttpResponse: ...\n"
    )
    v2_app(tmp_path, source)
    assert v2_problems(tmp_path, "FUNC704") == []  # the web app's name is not a literal


def test_the_allow_list_knows_the_web_app_function_and_leaves_opaque_apps_alone(
    tmp_path: Path,
) -> None:
    host = json.dumps({"version": "2.0", "functions": ["http_app_func", "status"]})
    v2_app(
        tmp_path,
        "import azure.functions as func\n\napi = object()\napp = func.AsgiFunctionApp(app=api)\n\n"
        "@app.route(route='status')\ndef status(req: func.HttpRequest) -> func.HttpResponse: ...\n",
        {"host.json": host},
    )
    assert v2_problems(tmp_path, "FUNC103") == []
    host = json.dumps({"version": "2.0", "functions": ["orchestrator", "nothing"]})
    v2_app(
        tmp_path,
        HEAD + "def wrap(f):\n    return f\n\n@wrap\n@app.route(route='x')\n"
        "def orchestrator(req: func.HttpRequest) -> func.HttpResponse: ...\n",
        {"host.json": host},
    )
    assert v2_problems(tmp_path, "FUNC103") == []  # a wrapped def: its name is not known


def test_the_allow_list_names_no_v2_function(tmp_path: Path) -> None:
    host = json.dumps({"version": "2.0", "functions": ["hi", "hello"]})
    v2_app(tmp_path, HEAD + HTTP, {"host.json": host})
    (problem,) = v2_problems(tmp_path, "FUNC103")
    assert under(problem) == '"hello"'
