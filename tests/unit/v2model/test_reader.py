"""The static reader of v2 modules and the function model it produces."""

from __future__ import annotations

from pathlib import Path

from funcls.core.jsontree import JsonInvalid
from funcls.core.pyentry import parse_script
from funcls.core.v2.model import read_app
from funcls.core.v2.reader import UNKNOWN, EnumRef, read_module
from funcls.core.workspace import Workspace
from unit.v2model.helpers import HEAD, v2_app

SOURCE = HEAD + (
    "@app.queue_trigger(arg_name='msg', queue_name=f'q{1}', connection='Conn')\n"
    "@app.blob_output(arg_name='out', path='c/{id}', connection='Conn')\n"
    "def worker(msg: func.QueueMessage, out: func.Out[str]) -> None: ...\n"
)


def _bindings(root: Path) -> dict[str, list[dict[str, object]]]:
    v2 = read_app(Workspace(), str(root))
    assert v2 is not None
    return {fn.name: fn.document.value()["bindings"] for fn in v2.functions}  # type: ignore[union-attr]


def test_reader_finds_apps_decorators_bottom_first_and_unknown_values() -> None:
    reading = read_module("f.py", parse_script(SOURCE))
    assert list(reading.apps) == ["app"]
    assert reading.apps["app"].kind == "app"
    (fn,) = reading.functions
    assert fn.def_name == "worker"
    assert [c.method for c in fn.decorators] == ["blob_output", "queue_trigger"]
    queue = fn.decorators[1]
    name = queue.argument("queue_name")
    assert name is not None and name.value is UNKNOWN
    arg = queue.argument("arg_name")
    assert arg is not None and SOURCE[arg.value_span.start : arg.value_span.end] == "'msg'"
    assert SOURCE[arg.key_span.start : arg.key_span.end] == "arg_name"
    assert SOURCE[queue.name_span.start : queue.name_span.end] == "queue_trigger"
    assert SOURCE[fn.name_span.start : fn.name_span.end] == "worker"


def test_positions_are_code_points_after_non_ascii_text() -> None:
    source = HEAD + "@app.route(route='héllo😀', methods=['GET'])\ndef h(req): ...\n"
    (fn,) = read_module("f.py", parse_script(source)).functions
    methods = fn.decorators[0].argument("methods")
    assert methods is not None
    assert source[methods.value_span.start : methods.value_span.end] == "['GET']"


def test_app_classes_by_any_import_spelling() -> None:
    source = (
        "from azure.functions import FunctionApp, Blueprint as BP\n"
        "import azure.functions\n"
        "import azure.durable_functions as df\n"
        "a = FunctionApp()\nb = BP()\nc = azure.functions.WsgiFunctionApp(app=None)\n"
        "d = df.DFApp()\ne = df.Blueprint()\nf = make_app()\n"
    )
    reading = read_module("f.py", parse_script(source))
    kinds = {name: (obj.cls, obj.kind) for name, obj in reading.apps.items()}
    assert kinds == {
        "a": ("FunctionApp", "app"),
        "b": ("Blueprint", "blueprint"),
        "c": ("WsgiFunctionApp", "app"),
        "d": ("DFApp", "app"),
        "e": ("Blueprint", "blueprint"),
    }
    assert reading.opaque_names == {"f"}


def test_enum_references_are_kept_for_the_model() -> None:
    source = HEAD + "@app.route(auth_level=func.AuthLevel.ANONYMOUS)\ndef h(req): ...\n"
    (fn,) = read_module("f.py", parse_script(source)).functions
    level = fn.decorators[0].argument("auth_level")
    assert level is not None and level.value == EnumRef("func.AuthLevel.ANONYMOUS")


def test_model_bindings_are_what_get_functions_writes(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD
        + "@app.function_name(name='Hello')\n"
        + "@app.route(route='hi', methods=[func.HttpMethod.GET, 'post'],"
        + " auth_level=func.AuthLevel.ANONYMOUS)\n"
        + "def hello(req: func.HttpRequest) -> func.HttpResponse: ...\n\n"
        + "@app.schedule('0 */5 * * * *', 'timer', run_on_startup=True)\n"
        + "def tick(timer: func.TimerRequest) -> None: ...\n",
    )
    found = _bindings(tmp_path)
    assert found["Hello"] == [
        {
            "type": "httpTrigger",
            "direction": "in",
            "route": "hi",
            "methods": ["GET", "POST"],
            "authLevel": "ANONYMOUS",
            "name": "req",
        },
        {"type": "http", "direction": "out", "name": "$return"},
    ]
    # positional arguments follow the signature (timer_trigger(arg_name, schedule, ...))
    assert found["tick"] == [
        {
            "type": "timerTrigger",
            "direction": "in",
            "name": "0 */5 * * * *",
            "schedule": "timer",
            "runOnStartup": True,
        }
    ]


def test_kwargs_become_camel_case_properties_and_generic_types_are_read(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD
        + "@app.blob_trigger(arg_name='b', path='c/{name}', connection='Conn', source='EventGrid')\n"
        + "@app.generic_output_binding(arg_name='o', type='queue', queue_name='out',"
        + " connection='Conn')\n"
        + "def on_blob(b: func.InputStream, o: func.Out[str]) -> None: ...\n",
    )
    (bindings,) = _bindings(tmp_path).values()
    assert bindings[0] == {
        "type": "queue",
        "direction": "out",
        "name": "o",
        "queueName": "out",
        "connection": "Conn",
    }
    assert bindings[1]["source"] == "EventGrid"


def test_unknown_values_are_invalid_nodes_so_no_rule_judges_them(tmp_path: Path) -> None:
    v2_app(tmp_path, SOURCE)
    v2 = read_app(Workspace(), str(tmp_path))
    assert v2 is not None
    (fn,) = v2.functions
    trigger = next(b for b in fn.bindings if b.type == "queueTrigger")
    prop = trigger.prop("queueName")
    assert prop is not None and isinstance(prop.value, JsonInvalid)


def test_dynamic_functions_are_left_out(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD
        + "import functools\nNAME = 'msg'\nOPTS = {}\n\n"
        + "@app.queue_trigger(arg_name=NAME, queue_name='q1', connection='Conn')\n"
        + "def by_variable(msg): ...\n\n"
        + "@app.queue_trigger(arg_name='m', queue_name='q1', connection='Conn', **OPTS)\n"
        + "def by_kwargs(m): ...\n\n"
        + "@app.queue_trigger(arg_name='m', queue_name='q1', connection='Conn')\n"
        + "@functools.lru_cache\n"
        + "def wrapped(m): ...\n\n"
        + "@app.queue_trigger(arg_name='m', queue_name='q1', connection='Conn')\n"
        + "def kept(m): ...\n",
    )
    assert list(_bindings(tmp_path)) == ["kept"]


def test_blueprints_are_followed_when_registered(tmp_path: Path) -> None:
    blueprint = (
        "import azure.functions as func\n\nbp = func.Blueprint()\n\n"
        "@bp.route(route='b')\ndef in_bp(req: func.HttpRequest) -> func.HttpResponse: ...\n"
    )
    v2_app(
        tmp_path,
        "import azure.functions as func\nfrom pkg.one import bp\nimport pkg.two as two\n"
        "from pkg import three\n\napp = func.FunctionApp()\n"
        "app.register_functions(bp)\napp.register_blueprint(two.bp)\n",
        {
            "pkg/one.py": blueprint,
            "pkg/two.py": blueprint.replace("in_bp", "in_two"),
            "pkg/three.py": blueprint.replace("in_bp", "not_registered"),
            "pkg/__init__.py": "",
        },
    )
    assert sorted(_bindings(tmp_path)) == ["in_bp", "in_two"]


def test_python_script_file_name_names_the_entry_file(tmp_path: Path) -> None:
    v2_app(tmp_path, "")
    (tmp_path / "local.settings.json").write_text(
        '{"Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "PYTHON_SCRIPT_FILE_NAME": "main.py"}}'
    )
    (tmp_path / "main.py").write_text(
        HEAD + "@app.route(route='m')\ndef m(req: func.HttpRequest) -> func.HttpResponse: ...\n"
    )
    assert list(_bindings(tmp_path)) == ["m"]


def test_decorators_applied_as_calls_as_the_migration_writes_them(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        "import azure.functions as func\n\nfrom Orders import main as _orders_entry\n\n"
        "app = func.FunctionApp()\n\n"
        "def local(req: func.HttpRequest) -> func.HttpResponse: ...\n\n"
        "orders = _orders_entry\n"
        "orders = app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')("
        "orders)\n"
        "orders = app.function_name(name='Orders')(orders)\n\n"
        "hello = local\nhello = app.route(route='hello')(hello)\n\n"
        "other = local\nother = app.route(route='other')(other)\nother = wrap(other)\n",
        {
            "Orders/__init__.py": "import azure.functions as func\n\n\ndef main(message) -> None: ...\n"
        },
    )
    v2 = read_app(Workspace(), str(tmp_path))
    assert v2 is not None
    found = {fn.name: fn for fn in v2.functions}
    assert sorted(found) == ["Orders", "local"]  # `other` is rebound by another call
    orders = found["Orders"]
    assert orders.entry_point == "main"
    assert orders.script_path == str(tmp_path / "Orders" / "__init__.py")
    assert [b.name for b in orders.bindings] == ["msg"]
