"""Hover in a v2 file: a decorator shows its binding's documentation from the schemas (the text
the function.json hover shows for the binding type), a route its URL, a schedule its times in
words, a connection where its setting is defined (never its value)."""

from __future__ import annotations

import shutil
from pathlib import Path

from funcls.core import schemas
from funcls.core.features import navigation
from funcls.core.features.hover import binding_type_markdown
from funcls.core.features.service import default_service
from funcls.core.features.v2_features import hover_v2
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

SAMPLE = Path(__file__).resolve().parents[2] / "apps" / "v2" / "web-and-jobs"


def _app(tmp_path: Path) -> tuple[Workspace, str, str]:
    target = tmp_path / "app"
    shutil.copytree(SAMPLE, target)
    path = str(target / "function_app.py")
    return Workspace(), path, Path(path).read_text(encoding="utf-8")


def test_decorator_shows_the_schema_documentation(tmp_path: Path) -> None:
    workspace, path, text = _app(tmp_path)
    offset = text.index('queue_trigger(arg_name="msg", queue_name="orders-in"') + 3
    result = default_service().hover_python(workspace, path, offset, Settings())
    assert result is not None
    assert text[result.span.start : result.span.end] == "queue_trigger"
    definition = schemas.binding_definition("queueTrigger")
    assert definition is not None
    assert binding_type_markdown("queueTrigger", definition) in result.markdown
    assert "`msg`" in result.markdown and "process_order" in result.markdown
    # the `@` and the receiver lead to the same hover
    at = text.rindex("@", 0, offset)
    assert hover_v2(workspace, path, at) == result


def test_route_decorator_shows_the_effective_url(tmp_path: Path) -> None:
    workspace, path, text = _app(tmp_path)
    offset = text.index('route(route="orders/{id:int}"') + 1
    result = hover_v2(workspace, path, offset)
    assert result is not None
    assert "httpTrigger" in result.markdown
    assert "**GET** `/api/orders/{id:int}`" in result.markdown
    assert "- `id` (int)" in result.markdown
    # on the value alone: only the URL
    value = hover_v2(workspace, path, text.index('"orders/{id:int}"') + 3)
    assert value is not None and value.markdown.startswith("**GET** `/api/orders/{id:int}`")
    assert text[value.span.start : value.span.end] == '"orders/{id:int}"'


def test_schedule_decorator_describes_the_schedule(tmp_path: Path) -> None:
    workspace, path, text = _app(tmp_path)
    result = hover_v2(workspace, path, text.index("schedule(schedule=") + 2)
    assert result is not None
    assert "timerTrigger" in result.markdown
    assert "**Timer schedule**: fires" in result.markdown
    assert "02:30:00" in result.markdown
    value = hover_v2(workspace, path, text.index('"0 30 2 * * *"') + 2)
    assert value is not None and value.markdown.startswith("**Timer schedule**: fires")


def test_connection_value_shows_where_the_setting_is_defined(tmp_path: Path) -> None:
    workspace, path, text = _app(tmp_path)
    offset = text.index('connection="OrdersStorage"') + len('connection="') + 2
    result = hover_v2(workspace, path, offset)
    assert result is not None
    assert result.markdown.startswith("**Connection** `OrdersStorage`")
    assert "local.settings.json" in result.markdown
    assert "UseDevelopmentStorage" not in result.markdown


def test_no_hover_off_the_decorators(tmp_path: Path) -> None:
    workspace, path, text = _app(tmp_path)
    assert hover_v2(workspace, path, text.index("json.dumps")) is None
    assert hover_v2(workspace, path, text.index('queue_name="orders-in"') + 2) is None


def test_blueprint_decorators_and_navigation(tmp_path: Path) -> None:
    workspace, path, _text = _app(tmp_path)
    blueprint = str(Path(path).parent / "blueprints" / "reports.py")
    text = Path(blueprint).read_text(encoding="utf-8")
    result = hover_v2(workspace, blueprint, text.index("timer_trigger(") + 1)
    assert result is not None and "timerTrigger" in result.markdown
    assert "hourly_report" in result.markdown and "**Timer schedule**: fires" in result.markdown
    (location,) = navigation.definition(workspace, blueprint, text.index('"template"') + 2)
    assert location.path == blueprint
    assert text[location.span.start : location.span.end + 5] == "template: str"


def test_arg_name_shows_the_parameter_it_binds(tmp_path: Path) -> None:
    workspace, path, text = _app(tmp_path)
    result = hover_v2(workspace, path, text.index('arg_name="receipt"') + 11)
    assert result is not None
    assert text[result.span.start : result.span.end] == '"receipt"'
    assert "def process_order(msg: func.QueueMessage, receipt: func.Out[str]) -> None" in (
        result.markdown
    )
    assert "Binds the parameter `receipt: func.Out[str]`." in result.markdown
    returned = hover_v2(workspace, path, text.index('arg_name="$return"') + 11)
    assert returned is not None and "The return value of `poison()`." in returned.markdown


DURABLE_APP = """import azure.functions as func
import azure.durable_functions as df

app = df.DFApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orchestrators/{functionName}")
@app.durable_client_input(client_name="client")
async def http_start(req: func.HttpRequest, client):
    return None


@app.orchestration_trigger(context_name="context")
def hello_orchestrator(context):
    return None


@app.activity_trigger(input_name="city")
def hello(city: str):
    return None


@app.entity_trigger(context_name="context")
def counter(context):
    return None
"""


def test_durable_decorators_show_their_binding_documentation(tmp_path: Path) -> None:
    (tmp_path / "host.json").write_text('{"version": "2.0"}', encoding="utf-8")
    script = tmp_path / "function_app.py"
    script.write_text(DURABLE_APP, encoding="utf-8")
    workspace = Workspace()
    for method, binding_type in (
        ("durable_client_input", "durableClient"),
        ("orchestration_trigger", "orchestrationTrigger"),
        ("activity_trigger", "activityTrigger"),
        ("entity_trigger", "entityTrigger"),
    ):
        offset = DURABLE_APP.index(method) + 2
        result = default_service().hover_python(workspace, str(script), offset, Settings())
        assert result is not None, method
        assert DURABLE_APP[result.span.start : result.span.end] == method
        definition = schemas.binding_definition(binding_type)
        assert definition is not None
        assert binding_type_markdown(binding_type, definition) in result.markdown
        assert "Durable Functions" in result.markdown


def test_a_decorator_of_no_durable_binding_has_no_durable_hover(tmp_path: Path) -> None:
    from funcls.core.features.v2_features import durable_binding_type

    assert durable_binding_type("queue_trigger") is None  # a binding, not of the durable family
    assert durable_binding_type("function_name") is None
    assert durable_binding_type("durable_client_input") == "durableClient"
