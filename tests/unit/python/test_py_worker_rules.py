"""One test per worker load rule (validation-rules section 4) on a minimal function, with the
problem placed on both sides where the rule involves both files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from funcls.core.problems import Severity

from .conftest import HTTP_IN, HTTP_RETURN, QUEUE_OUT, App, by_code, function_json

IMPORT = "import azure.functions as func\n\n\n"
Build = Callable[..., App]


def test_correct_http_function_has_no_problem(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN],
        IMPORT + "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('ok')\n",
    )
    assert app.problems("Fn/__init__.py") == []
    assert app.problems("Fn/function.json") == []


def test_w01_script_outside_app_root(make_app: Build) -> None:
    app = make_app(
        {
            "Fn/function.json": function_json(HTTP_IN, scriptFile="../../outside.py"),
        }
    )
    (app.root.parent / "outside.py").write_text("def main(req): pass\n")
    problems = by_code(app.problems("Fn/function.json"), "FUNC201")
    assert len(problems) == 1
    assert app.at(problems[0]) == '"../../outside.py"'


def test_w03_syntax_error_in_script_and_pointer_in_function_json(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main(req:\n    pass\n")
    py = by_code(app.problems("Fn/__init__.py"), "FUNC204")
    js = by_code(app.problems("Fn/function.json"), "FUNC204")
    assert len(py) == 1 and len(js) == 1
    assert "line" in js[0].message
    assert js[0].related[0].location.path == app.path("Fn/__init__.py")


def test_w04_entry_point_missing_both_sides_with_fix(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def handler(req):\n    pass\n")
    js = by_code(app.problems("Fn/function.json"), "FUNC205")
    py = by_code(app.problems("Fn/__init__.py"), "FUNC205")
    assert len(js) == 1 and len(py) == 1
    assert "main() is not present" in js[0].message
    app.apply_fix(js[0].fixes[0])
    assert '"entryPoint": "handler"' in app.text("Fn/function.json")
    assert app.problems("Fn/function.json") == []


def test_w04_entry_point_not_callable(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "main = 42\n")
    assert [p.code for p in app.problems("Fn/__init__.py")] == ["FUNC205"]


def test_w04_entry_point_assigned_from_function(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def handler(request):\n    pass\n\nmain = handler\n")
    # `main` is `handler`, whose parameter is `request`, not `req`
    assert sorted(p.code for p in app.problems("Fn/__init__.py")) == ["FUNC210"]


def test_w12_context_parameter_annotation(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "def main(req: func.HttpRequest, context: str):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC212"
    assert app.at(problem) == "str"
    app.apply_fix(problem.fixes[0])
    assert "context: func.Context" in app.text("Fn/__init__.py")
    assert app.problems("Fn/__init__.py") == []


def test_w12_context_parameter_ok(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN], IMPORT + "def main(req: func.HttpRequest, context: func.Context):\n    pass\n"
    )
    assert app.problems("Fn/__init__.py") == []


def test_w13_parameter_without_binding_on_the_parameter(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "def main(req: func.HttpRequest, extra: str):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC210"
    assert app.at(problem) == "extra"
    assert problem.severity == Severity.ERROR
    assert problem.related[0].location.path == app.path("Fn/function.json")
    assert "'extra'" in problem.message
    assert app.problems("Fn/function.json") == []


def test_w13_args_and_kwargs_count_as_parameters(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main(req, *args, **kwargs):\n    pass\n")
    problems = app.problems("Fn/__init__.py")
    assert sorted(app.at(p) for p in problems) == ["args", "kwargs"]


def test_w14_binding_without_parameter_on_the_binding_name(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, HTTP_RETURN, QUEUE_OUT], IMPORT + "def main(req):\n    pass\n")
    (problem,) = app.problems("Fn/function.json")
    assert problem.code == "FUNC211"
    assert app.at(problem) == '"msg"'
    assert "(queue, out)" in problem.message
    assert problem.related[0].location.path == app.path("Fn/__init__.py")
    assert app.problems("Fn/__init__.py") == []


def test_names_are_case_sensitive(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main(Req):\n    pass\n")
    assert app.codes("Fn/__init__.py") == ["FUNC210"]
    assert app.codes("Fn/function.json") == ["FUNC211"]


def test_return_binding_needs_no_parameter(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, HTTP_RETURN], "def main(req):\n    return 'x'\n")
    assert app.problems("Fn/__init__.py") == []


def test_w15_bare_out(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, QUEUE_OUT], IMPORT + "def main(req, msg: func.Out):\n    pass\n")
    assert app.codes("Fn/__init__.py") == ["FUNC213"]


def test_w15_out_with_two_arguments_fails_to_evaluate(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, QUEUE_OUT], IMPORT + "def main(req, msg: func.Out[str, int]):\n    pass\n"
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224"
    assert "Too many arguments" in problem.message


def test_w16_optional_union_pipe_tuple_list_number(fn_app: Build) -> None:
    script = (
        "import typing\nfrom typing import Optional, Union\n"
        + IMPORT
        + "def main(req: Optional[func.HttpRequest], a: Union[str, bytes], "
        "b: str | None, c: typing.Tuple[str], d: list[str], e: 5):\n    pass\n"
    )
    bindings = [HTTP_IN] + [
        {"type": "blob", "direction": "in", "name": n, "path": "c/b"} for n in "abcde"
    ]
    app = fn_app(bindings, script)
    problems = app.problems("Fn/__init__.py")
    assert sorted(app.at(p) for p in problems) == sorted(
        [
            "Optional[func.HttpRequest]",
            "Union[str, bytes]",
            "str | None",
            "typing.Tuple[str]",
            "list[str]",
            "5",
        ]
    )
    assert {p.code for p in problems} == {"FUNC214"}
    optional = next(p for p in problems if app.at(p).startswith("Optional"))
    app.apply_fix(optional.fixes[0])
    assert "req: func.HttpRequest," in app.text("Fn/__init__.py")


def test_typing_list_passes_w16(fn_app: Build) -> None:
    app = fn_app(
        [
            {
                "type": "eventHubTrigger",
                "direction": "in",
                "name": "events",
                "cardinality": "many",
                "eventHubName": "h",
                "connection": "C",
            }
        ],
        "from typing import List\n"
        + IMPORT
        + "def main(events: List[func.EventHubEvent]):\n    pass\n",
    )
    assert app.problems("Fn/__init__.py") == []


def test_w17_output_without_out_both_sides_and_fix(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN, QUEUE_OUT],
        IMPORT + "def main(req: func.HttpRequest, msg: func.QueueMessage) -> func.HttpResponse:\n"
        "    return func.HttpResponse('ok')\n",
    )
    py = by_code(app.problems("Fn/__init__.py"), "FUNC215")
    js = by_code(app.problems("Fn/function.json"), "FUNC215")
    assert len(py) == 1 and len(js) == 1
    assert app.at(py[0]) == "func.QueueMessage"
    assert app.at(js[0]) == '"out"'
    assert "func.Out[func.QueueMessage]" in py[0].message
    app.apply_fix(py[0].fixes[0])
    assert "msg: func.Out[func.QueueMessage]" in app.text("Fn/__init__.py")
    assert app.all_problems() == []


def test_w18_input_with_out(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "def main(req: func.Out[func.HttpRequest]):\n    pass\n")
    py = by_code(app.problems("Fn/__init__.py"), "FUNC216")
    assert len(py) == 1 and len(by_code(app.problems("Fn/function.json"), "FUNC216")) == 1
    app.apply_fix(py[0].fixes[0])
    assert "req: func.HttpRequest)" in app.text("Fn/__init__.py")
    assert app.all_problems() == []


def test_w19_type_mismatch_both_sides_mirrors_the_worker(fn_app: Build) -> None:
    app = fn_app(
        [{"type": "queueTrigger", "direction": "in", "name": "msg", "queueName": "q"}],
        IMPORT + "def main(msg: func.HttpRequest):\n    pass\n",
    )
    (py,) = app.problems("Fn/__init__.py")
    (js,) = app.problems("Fn/function.json")
    assert py.code == js.code == "FUNC217"
    assert app.at(py) == "func.HttpRequest" and app.at(js) == '"queueTrigger"'
    assert (
        'type of msg binding in function.json "queueTrigger" does not match its Python '
        'annotation "HttpRequest"' in py.message
    )
    assert "func.QueueMessage" in py.message
    assert py.related[0].location.path == app.path("Fn/function.json")
    assert js.related[0].location.path == app.path("Fn/__init__.py")


def test_w19_with_data_type(fn_app: Build) -> None:
    app = fn_app(
        [
            HTTP_IN,
            {"type": "blob", "direction": "in", "name": "doc", "path": "c/b", "dataType": "binary"},
        ],
        IMPORT + "def main(req, doc: func.HttpRequest):\n    pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert 'and dataType "binary"' in problem.message


def test_w19_str_shortcut_and_generic_binding(fn_app: Build) -> None:
    app = fn_app(
        [
            HTTP_IN,
            {"type": "table", "direction": "in", "name": "row", "tableName": "t"},
            {"type": "table", "direction": "in", "name": "other", "tableName": "t"},
        ],
        "def main(req, row: str, other: dict):\n    pass\n",
    )
    problems = app.problems("Fn/__init__.py")
    assert [app.at(p) for p in problems] == ["dict"]
    assert problems[0].code == "FUNC217"


def test_w20_return_out(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, HTTP_RETURN], IMPORT + "def main(req) -> func.Out[str]:\n    pass\n")
    assert app.codes("Fn/__init__.py") == ["FUNC218"]


def test_w21_return_not_a_type(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN],
        "from typing import Optional\n" + IMPORT + "def main(req) -> Optional[func.HttpResponse]:\n"
        "    pass\n",
    )
    assert app.codes("Fn/__init__.py") == ["FUNC218"]


def test_w22_return_none_with_http_return_both_sides(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, HTTP_RETURN], "def main(req) -> None:\n    pass\n")
    (py,) = app.problems("Fn/__init__.py")
    (js,) = app.problems("Fn/function.json")
    assert py.code == js.code == "FUNC218"
    assert 'Python return annotation "NoneType" does not match binding type "http"' in py.message
    app.apply_fix(py.fixes[0])
    assert "-> func.HttpResponse" in app.text("Fn/__init__.py")
    assert "import azure.functions as func" in app.text("Fn/__init__.py")
    assert app.all_problems() == []


def test_w22_event_grid_event_for_output(fn_app: Build) -> None:
    app = fn_app(
        [
            HTTP_IN,
            {
                "type": "eventGrid",
                "direction": "out",
                "name": "$return",
                "topicEndpointUri": "U",
                "topicKeySetting": "K",
            },
        ],
        IMPORT + "def main(req) -> func.EventGridEvent:\n    pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert 'annotation "EventGridEvent" does not match binding type "eventGrid"' in problem.message


def test_w31_implicit_output_str_is_not_shortcut(fn_app: Build) -> None:
    app = fn_app(
        [{"type": "orchestrationTrigger", "direction": "in", "name": "context"}],
        "def main(context: str):\n    return 1\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC217"
    assert "returns its value implicitly" in problem.message


def test_w32_durable_wrapper_needs_context(fn_app: Build) -> None:
    app = fn_app(
        [{"type": "orchestrationTrigger", "direction": "in", "name": "ctx"}],
        "import azure.durable_functions as df\n\n\ndef orchestrator(context):\n    yield 1\n\n\n"
        "main = df.Orchestrator.create(orchestrator)\n",
    )
    (js,) = app.problems("Fn/function.json")
    assert js.code == "FUNC219" and app.at(js) == '"ctx"'
    assert by_code(app.problems("Fn/__init__.py"), "FUNC219")
    app.apply_fix(js.fixes[0])
    assert app.all_problems() == []


def test_w33_durable_client(fn_app: Build) -> None:
    client = {"type": "durableClient", "direction": "in", "name": "starter"}
    app = fn_app([HTTP_IN, HTTP_RETURN, client], "def main(req, starter: dict):\n    return 1\n")
    assert app.codes("Fn/__init__.py") == ["FUNC217"]
    app = fn_app([HTTP_IN, HTTP_RETURN, client], "def main(req, starter):\n    return 1\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC220" and problem.severity == Severity.WARNING
    app.apply_fix(problem.fixes[0])
    assert "starter: str" in app.text("Fn/__init__.py")
    assert app.problems("Fn/__init__.py") == []


def test_w34_cardinality_many_needs_list(fn_app: Build) -> None:
    hub = {
        "type": "eventHubTrigger",
        "direction": "in",
        "name": "event",
        "eventHubName": "h",
        "connection": "C",
        "cardinality": "many",
    }
    app = fn_app([hub], IMPORT + "def main(event: func.EventHubEvent):\n    pass\n")
    (py,) = app.problems("Fn/__init__.py")
    (js,) = app.problems("Fn/function.json")
    assert py.code == js.code == "FUNC221" and py.severity == Severity.WARNING
    assert app.at(js) == '"many"'
    app.apply_fix(py.fixes[0])
    assert "event: List[func.EventHubEvent]" in app.text("Fn/__init__.py")
    assert "from typing import List" in app.text("Fn/__init__.py")
    assert app.all_problems() == []


def test_w34_list_with_default_cardinality(fn_app: Build) -> None:
    hub = {
        "type": "eventHubTrigger",
        "direction": "in",
        "name": "events",
        "eventHubName": "h",
        "connection": "C",
    }
    app = fn_app(
        [hub],
        "import typing\n" + IMPORT + "def main(events: typing.List[func.EventHubEvent]):\n"
        "    pass\n",
    )
    (py,) = app.problems("Fn/__init__.py")
    assert py.code == "FUNC221" and "(the default)" in py.message
    app.apply_fix(py.fixes[0])
    assert '"cardinality": "many"' in app.text("Fn/function.json")
    assert app.all_problems() == []


def test_w35_http_request_as_str(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, HTTP_RETURN], "def main(req: str) -> str:\n    return req\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC222" and problem.severity == Severity.WARNING


def test_w36_returned_value_dropped(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main(req):\n    if req:\n        return 'hello'\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC223" and app.at(problem) == "return 'hello'"
    app.apply_fix(problem.fixes[0])
    assert '"$return"' in app.text("Fn/function.json")
    assert app.all_problems() == []


def test_w36_not_for_implicit_output(fn_app: Build) -> None:
    app = fn_app(
        [{"type": "activityTrigger", "direction": "in", "name": "name"}],
        "def main(name: str) -> str:\n    return f'Hello {name}'\n",
    )
    assert app.problems("Fn/__init__.py") == []


def test_w37_undefined_and_type_checking_only_names(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, {"type": "blob", "direction": "in", "name": "doc", "path": "c/b"}],
        "from __future__ import annotations\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from azure.functions import InputStream\n\n"
        "def main(req: 'Missing', doc: InputStream):\n    pass\n",
    )
    problems = app.problems("Fn/__init__.py")
    assert [p.code for p in problems] == ["FUNC224", "FUNC224"]
    assert "NameError" in problems[0].message and "TYPE_CHECKING" in problems[1].message


def test_w37_attribute_typo(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "def main(req: func.HttpReqest):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224" and "HttpReqest" in problem.message


def test_w30_miscased_type_refuses_a_library_annotation(fn_app: Build) -> None:
    # the worker finds no converter under "HttpTrigger" and checks with its generic binding
    app = fn_app(
        [{"authLevel": "function", "type": "HttpTrigger", "direction": "in", "name": "req"}],
        IMPORT + "def main(req: func.HttpRequest):\n    pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC217" and problem.severity == Severity.ERROR
    assert "'HttpTrigger' is not spelled 'httpTrigger'" in problem.message
    (json_side,) = app.problems("Fn/function.json")
    app.apply_fix(json_side.fixes[0])
    assert '"type": "httpTrigger"' in app.text("Fn/function.json")
    assert app.problems("Fn/__init__.py") == []


def test_w30_miscased_type_loads_with_str_and_warns(fn_app: Build) -> None:
    app = fn_app(
        [
            {"type": "QueueTrigger", "direction": "in", "name": "msg", "queueName": "q"},
            {"type": "Blob", "direction": "out", "name": "out", "path": "c/b"},
        ],
        IMPORT + "def main(msg: str, out: func.Out[bytes]) -> None:\n    pass\n",
    )
    assert app.problems("Fn/__init__.py") == []
    found = by_code(app.problems("Fn/function.json", prefixes=("FUNC1",)), "FUNC118")
    assert [p.severity for p in found] == [Severity.WARNING, Severity.WARNING]
    assert "generic binding" in found[0].message


def test_w30_miscased_return_type_refuses_a_library_annotation(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, {"type": "HTTP", "direction": "out", "name": "$return"}],
        IMPORT + "def main(req: func.HttpRequest) -> func.HttpResponse:\n    pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC218" and "generic binding" in problem.message


def test_all_problems_reported_at_once(fn_app: Build) -> None:
    app = fn_app(
        [
            HTTP_IN,
            HTTP_RETURN,
            QUEUE_OUT,
            {"type": "blob", "direction": "in", "name": "doc", "path": "c/b"},
        ],
        IMPORT + "def main(req: func.QueueMessage, doc: func.Out[str], extra) -> None:\n    pass\n",
    )
    codes = app.codes("Fn/__init__.py")
    assert codes == ["FUNC210", "FUNC216", "FUNC217", "FUNC218"]
    assert app.codes("Fn/function.json") == ["FUNC211", "FUNC216", "FUNC217", "FUNC218"]


def test_folder_name_not_importable_is_a_hint(make_app: Build) -> None:
    app = make_app(
        {
            "my-func/function.json": function_json(HTTP_IN),
            "my-func/__init__.py": "def main(req):\n    pass\n",
        }
    )
    (problem,) = app.problems("my-func/__init__.py")
    assert problem.code == "FUNC225" and problem.severity == Severity.HINT


def test_broken_function_json_does_not_flag_the_script(make_app: Build) -> None:
    app = make_app(
        {
            "Fn/function.json": '{\n  "bindings": [\n    {"type": "httpTrigger", "direction": "in", '
            '"name": "req"},\n    {"type": "queue", "name": "ms\n  ]\n}\n',
            "Fn/__init__.py": "def main(req, msg):\n    pass\n",
        }
    )
    assert app.problems("Fn/__init__.py") == []


def test_python_310_rules(fn_app: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    from funcls.core.checks import worker_context
    from funcls.core.python.environment import PythonEnvironment

    old = PythonEnvironment("/usr/bin/python3.10", (3, 10), (), is_server=False)
    monkeypatch.setattr(worker_context, "environment", lambda *args: old)
    blob = {"type": "blob", "direction": "in", "name": "names", "path": "c/b"}
    app = fn_app(
        [HTTP_IN, QUEUE_OUT, blob],
        IMPORT + "def main(req, names: list[str], msg: func.Out[str] = None):\n    pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")  # default None becomes Optional[...] on 3.10
    assert problem.code == "FUNC214" and app.at(problem) == "func.Out[str]"
