"""Definition, references, rename, hover and completion across function.json and the script."""

from __future__ import annotations

from collections.abc import Callable

from funcls.core.features import navigation
from funcls.core.features.python_features import complete_python, hover_python
from funcls.core.features.service import default_service
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

from .conftest import HTTP_IN, HTTP_RETURN, QUEUE_OUT, App

FEATURES = default_service()

Build = Callable[..., App]
SCRIPT = (
    "import azure.functions as func\n\n\n"
    "def main(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:\n"
    "    name = req.params.get('name')\n"
    "    msg.set(name)\n"
    "    def inner(msg):\n        return msg\n"
    "    return func.HttpResponse([msg for msg in 'ab'][0])\n"
)


def _app(fn_app: Build) -> App:
    return fn_app([HTTP_IN, QUEUE_OUT, HTTP_RETURN], SCRIPT)


def _offset(app: App, relative: str, needle: str, nth: int = 0) -> int:
    text = app.text(relative)
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    return index + 1


def test_definition_binding_name_to_parameter_and_back(fn_app: Build) -> None:
    app = _app(fn_app)
    ws = Workspace()
    (location,) = navigation.definition(
        ws, app.path("Fn/function.json"), _offset(app, "Fn/function.json", '"msg"')
    )
    assert location.path == app.path("Fn/__init__.py")
    assert app.text("Fn/__init__.py")[location.span.start : location.span.end] == "msg"
    (back,) = navigation.definition(ws, location.path, location.span.start)
    assert back.path == app.path("Fn/function.json")
    assert app.text("Fn/function.json")[back.span.start : back.span.end] == '"msg"'


def test_definition_script_file_and_entry_point(make_app: Build) -> None:
    app = make_app(
        {
            "Fn/function.json": '{\n  "scriptFile": "run.py",\n  "entryPoint": "handler",\n'
            '  "bindings": [{"type": "httpTrigger", "direction": "in", "name": "req"}]\n}\n',
            "Fn/run.py": "def handler(req):\n    pass\n",
        }
    )
    ws = Workspace()
    (script,) = navigation.definition(
        ws, app.path("Fn/function.json"), _offset(app, "Fn/function.json", '"run.py"')
    )
    assert script.path == app.path("Fn/run.py")
    (entry,) = navigation.definition(
        ws, app.path("Fn/function.json"), _offset(app, "Fn/function.json", '"handler"')
    )
    assert app.text("Fn/run.py")[entry.span.start : entry.span.end] == "handler"


def test_references_both_sides_without_shadowed_names(fn_app: Build) -> None:
    app = _app(fn_app)
    found = navigation.references(
        Workspace(), app.path("Fn/__init__.py"), _offset(app, "Fn/__init__.py", "msg:"), True
    )
    paths = sorted((loc.path.split("/")[-1], loc.span.start) for loc in found)
    assert [p for p, _ in paths] == ["__init__.py", "__init__.py", "function.json"]
    text = app.text("Fn/__init__.py")
    starts = [s for p, s in paths if p == "__init__.py"]
    assert [text[s : s + 8] for s in starts] == ["msg: fun", "msg.set("]


def test_rename_from_the_binding_changes_both_files(fn_app: Build) -> None:
    app = _app(fn_app)
    ws = Workspace()
    path = app.path("Fn/function.json")
    offset = _offset(app, "Fn/function.json", '"msg"')
    span = navigation.prepare_rename(ws, path, offset)
    assert span is not None and app.text("Fn/function.json")[span.start : span.end] == "msg"
    edits = navigation.rename(ws, path, offset, "outbox")
    assert not isinstance(edits, navigation.RenameError)
    app.apply(edits)
    script = app.text("Fn/__init__.py")
    assert "outbox: func.Out[str]" in script and "outbox.set(name)" in script
    assert "def inner(msg):\n        return msg" in script
    assert "[msg for msg in 'ab']" in script
    assert '"name": "outbox"' in app.text("Fn/function.json")
    assert app.all_problems() == []


def test_rename_from_a_use_in_the_body(fn_app: Build) -> None:
    app = _app(fn_app)
    edits = navigation.rename(
        Workspace(),
        app.path("Fn/__init__.py"),
        _offset(app, "Fn/__init__.py", "req.params"),
        "request",
    )
    assert not isinstance(edits, navigation.RenameError)
    app.apply(edits)
    assert "request.params.get" in app.text("Fn/__init__.py")
    assert '"name": "request"' in app.text("Fn/function.json")


def test_rename_refuses_invalid_names(fn_app: Build) -> None:
    app = _app(fn_app)
    ws = Workspace()
    path = app.path("Fn/function.json")
    offset = _offset(app, "Fn/function.json", '"msg"')
    for bad in ("class", "two__underscores", "9lives", "with-dash", "req"):
        result = navigation.rename(ws, path, offset, bad)
        assert isinstance(result, navigation.RenameError), bad
    assert (
        navigation.prepare_rename(ws, path, _offset(app, "Fn/function.json", '"$return"')) is None
    )


def test_hover_on_parameter_shows_its_binding(fn_app: Build) -> None:
    app = _app(fn_app)
    result = hover_python(
        Workspace(), app.path("Fn/__init__.py"), _offset(app, "Fn/__init__.py", "msg:"), Settings()
    )
    assert result is not None
    assert "`queue`" in result.markdown and "queueName: `outqueue`" in result.markdown
    assert "func.Out[str]" in result.markdown


def test_hover_on_binding_name_shows_the_signature(fn_app: Build) -> None:
    app = _app(fn_app)
    result = FEATURES.hover(
        Workspace(), app.path("Fn/function.json"), _offset(app, "Fn/function.json", '"msg"')
    )
    assert result is not None
    assert (
        "def main(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse"
        in result.markdown
    )


def test_completion_in_the_parameter_list(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, QUEUE_OUT, HTTP_RETURN],
        "import azure.functions as func\n\n\ndef main(req: func.HttpRequest, ):\n    pass\n",
    )
    offset = _offset(app, "Fn/__init__.py", ", )") + 1
    proposals = complete_python(Workspace(), app.path("Fn/__init__.py"), offset, Settings())
    assert [p.insert_text for p in proposals] == ["msg: func.Out[func.QueueMessage]"]


def test_completion_of_setting_names(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "import os\n\n\ndef main(req):\n    return os.environ['QU']\n")
    offset = _offset(app, "Fn/__init__.py", "'QU") + 2
    proposals = complete_python(Workspace(), app.path("Fn/__init__.py"), offset, Settings())
    labels = [p.label for p in proposals]
    assert "QUEUE_NAME" in labels
    text = app.text("Fn/__init__.py")
    assert text[proposals[0].replace.start : proposals[0].replace.end] == "QU"


def test_hover_on_setting_says_where_never_the_value(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "import os\n\n\ndef main(req):\n    return os.environ['QUEUE_NAME']\n")
    result = hover_python(
        Workspace(),
        app.path("Fn/__init__.py"),
        _offset(app, "Fn/__init__.py", "'QUEUE"),
        Settings(),
    )
    assert result is not None
    assert "local.settings.json, line" in result.markdown and "orders" not in result.markdown


def test_rename_in_a_script_shared_by_two_functions(make_app: Build) -> None:
    from .conftest import function_json

    shared = function_json(HTTP_IN, HTTP_RETURN, scriptFile="../shared_code/hooks.py")
    other = function_json(
        HTTP_IN, HTTP_RETURN, scriptFile="../shared_code/hooks.py", entryPoint="b"
    )
    app = make_app(
        {
            "A/function.json": shared,
            "B/function.json": shared,
            "C/function.json": other,
            "shared_code/__init__.py": "",
            "shared_code/hooks.py": "def main(req):\n    return req.url\n\n\n"
            "def b(req):\n    return 'b'\n",
        }
    )
    offset = app.text("shared_code/hooks.py").index("req") + 1
    edits = navigation.rename(Workspace(), app.path("shared_code/hooks.py"), offset, "request")
    assert not isinstance(edits, navigation.RenameError)
    app.apply(edits)
    assert '"name": "request"' in app.text("A/function.json")
    assert '"name": "request"' in app.text("B/function.json")
    assert '"name": "req"' in app.text("C/function.json")
    assert app.text("shared_code/hooks.py").startswith(
        "def main(request):\n    return request.url\n"
    )
    assert app.all_problems() == []


def test_parameter_completion_in_a_class_entry_point_follows_the_worker(fn_app: Build) -> None:
    # the worker calls the class: the list to complete is `__init__`'s, whose `self` it skips
    app = fn_app(
        [HTTP_IN, QUEUE_OUT, HTTP_RETURN],
        "class main:\n    def __init__(self, req, ):\n        pass\n",
    )
    offset = _offset(app, "Fn/__init__.py", "req, ") + 4
    proposals = complete_python(Workspace(), app.path("Fn/__init__.py"), offset, Settings())
    assert [p.filter_text for p in proposals] == ["msg"]


def test_no_parameter_completion_in_a_def_the_worker_does_not_call(fn_app: Build) -> None:
    # an imported decorator: what the worker calls is unknown, so nothing is proposed
    app = fn_app(
        [HTTP_IN, QUEUE_OUT, HTTP_RETURN],
        "from helpers import traced\n\n\n@traced\ndef main(req, ):\n    pass\n",
    )
    offset = _offset(app, "Fn/__init__.py", "req, ") + 4
    assert complete_python(Workspace(), app.path("Fn/__init__.py"), offset, Settings()) == []


def test_parameter_completion_reads_the_text_while_it_does_not_parse(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, QUEUE_OUT, HTTP_RETURN], "def main(req, \n")
    offset = _offset(app, "Fn/__init__.py", "req, ") + 4
    proposals = complete_python(Workspace(), app.path("Fn/__init__.py"), offset, Settings())
    assert [p.filter_text for p in proposals] == ["msg"]
