"""Quick fixes on both sides: apply the edits, analyse again, the problem is gone and no new
error or warning appears."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import HTTP_IN, HTTP_RETURN, QUEUE_OUT, App, by_code, fix_titled

IMPORT = "import azure.functions as func\n\n\n"
Build = Callable[..., App]


def test_add_missing_parameter_with_alias(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN, QUEUE_OUT],
        IMPORT + "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('ok')\n",
    )
    (problem,) = app.problems("Fn/function.json")
    app.apply_fix(fix_titled(problem, "Add parameter"))
    assert "def main(req: func.HttpRequest, msg: func.Out[func.QueueMessage])" in app.text(
        "Fn/__init__.py"
    )
    assert app.all_problems() == []


def test_add_missing_parameter_adds_the_import(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN, QUEUE_OUT],
        '"""Doc."""\nimport logging\n\n\ndef main(req):\n    return "ok"\n',
    )
    (problem,) = app.problems("Fn/function.json")
    app.apply_fix(fix_titled(problem, "Add parameter"))
    text = app.text("Fn/__init__.py")
    assert text.startswith('"""Doc."""\nimport logging\nimport azure.functions as func\n')
    assert "def main(req, msg: func.Out[func.QueueMessage])" in text
    assert app.all_problems() == []


def test_add_parameter_before_defaults_and_on_its_own_line(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, QUEUE_OUT],
        IMPORT + "def main(\n    req: func.HttpRequest,\n    *,\n    flag: bool = False,\n):\n"
        "    pass\n",
    )
    problems = app.problems("Fn/function.json")
    app.apply_fix(fix_titled(by_code(problems, "FUNC211")[0], "Add parameter"))
    text = app.text("Fn/__init__.py")
    assert "    req: func.HttpRequest,\n    msg: func.Out[func.QueueMessage],\n    *," in text
    compile(text, "x", "exec")


def test_add_missing_binding_from_annotation(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN],
        IMPORT + "def main(req: func.HttpRequest, out: func.Out[func.QueueMessage]) -> str:\n"
        "    return 'ok'\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    app.apply_fix(fix_titled(problem, "Add a queue binding"))
    text = app.text("Fn/function.json")
    assert '"name": "out"' in text and '"queueName"' in text and '"connection"' in text
    assert app.all_problems() == []


def test_add_trigger_binding_when_none_exists(make_app: Build) -> None:
    app = make_app(
        {
            "Fn/function.json": '{\n  "bindings": []\n}\n',
            "Fn/__init__.py": IMPORT + "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
            "    return func.HttpResponse('x')\n",
        }
    )
    (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC210")
    app.apply_fix(fix_titled(problem, "Add a httpTrigger binding"))
    assert '"type": "httpTrigger"' in app.text("Fn/function.json")
    assert by_code(app.problems("Fn/__init__.py"), "FUNC210") == []


def _add_binding_titles(problem: object) -> list[str]:
    return [f.title for f in problem.fixes if f.title.startswith("Add a ")]  # type: ignore[attr-defined]


def test_add_binding_when_the_annotation_fits_several_types(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN],
        IMPORT + "def main(req: func.HttpRequest, note: func.Out[str]) -> str:\n    return 'ok'\n",
    )
    (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC210")
    titles = _add_binding_titles(problem)
    kinds = [t.split()[2] for t in titles]
    # likely ones first: types the library has a converter for, from the extension bundles
    assert kinds[:2] == ["blob", "queue"]
    assert {"serviceBus", "eventHub", "cosmosDB"} <= set(kinds[:9])
    # then every other output type whose converter takes Out[str]
    assert {"table", "sendGrid", "twilioSms", "signalR"} <= set(kinds[9:])
    # outputs only, no legacy names, no triggers, each once
    assert not any(k.endswith("Trigger") for k in kinds)
    assert "documentDB" not in kinds and len(kinds) == len(set(kinds))
    assert not any(f.preferred for f in problem.fixes if f.title.startswith("Add a "))
    app.apply_fix(fix_titled(problem, "Add a queue binding"))
    text = app.text("Fn/function.json")
    assert '"type": "queue"' in text and '"name": "note"' in text and '"direction": "out"' in text
    assert by_code(app.all_problems(), "FUNC210") == []


def test_add_binding_for_a_plain_input_annotation(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN],
        IMPORT + "def main(req: func.HttpRequest, data: bytes) -> str:\n    return 'ok'\n",
    )
    (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC210")
    kinds = [t.split()[2] for t in _add_binding_titles(problem)]
    assert kinds[0] == "blob" and "table" in kinds
    # the function has a trigger: no second one is offered
    assert not any(k.endswith("Trigger") for k in kinds)
    app.apply_fix(fix_titled(problem, "Add a blob binding"))
    assert '"direction": "in"' in app.text("Fn/function.json").split('"blob"')[1]
    assert by_code(app.all_problems(), "FUNC210") == []


def test_add_binding_for_a_list_output(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN],
        "import typing\n" + IMPORT + "def main(req: func.HttpRequest, "
        "batch: func.Out[typing.List[str]]) -> str:\n    return 'ok'\n",
    )
    (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC210")
    kinds = [t.split()[2] for t in _add_binding_titles(problem)]
    assert set(kinds) == {"queue", "eventHub", "eventGrid", "kafka"}


def test_add_binding_for_a_library_class_asks_the_converters(make_app: Build) -> None:
    def titles(annotation: str) -> list[str]:
        app = make_app(
            {
                "Fn/function.json": '{\n  "bindings": []\n}\n',
                "Fn/__init__.py": IMPORT + f"def main(event: {annotation}) -> None:\n    pass\n",
            }
        )
        (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC210")
        return [t.split()[2] for t in _add_binding_titles(problem)]

    # the converter of eventGridTrigger takes CloudEvent too; activityTrigger (which takes
    # anything) is no suggestion for a class of the library
    assert titles("func.CloudEvent") == ["eventGridTrigger"]
    assert titles("func.InputStream") == ["blobTrigger", "blob"]
    assert titles("func.HttpRequest") == ["httpTrigger"]


def test_rename_pair_fix_both_ways(fn_app: Build) -> None:
    script = IMPORT + "def main(req: func.HttpRequest, msgs: func.Out[str]):\n    msgs.set('x')\n"
    app = fn_app([HTTP_IN, QUEUE_OUT], script)
    (py,) = app.problems("Fn/__init__.py")
    app.apply_fix(fix_titled(py, "Rename parameter 'msgs' to 'msg'"))
    assert "msg: func.Out[str]):\n    msg.set('x')" in app.text("Fn/__init__.py")
    assert app.all_problems() == []
    app = fn_app([HTTP_IN, QUEUE_OUT], script)
    (js,) = app.problems("Fn/function.json")
    app.apply_fix(fix_titled(js, "Rename binding 'msg' to 'msgs'"))
    assert '"name": "msgs"' in app.text("Fn/function.json")
    assert app.all_problems() == []


def test_remove_unused_binding(fn_app: Build) -> None:
    app = fn_app([HTTP_IN, QUEUE_OUT, HTTP_RETURN], "def main(req):\n    return 'x'\n")
    (problem,) = app.problems("Fn/function.json")
    app.apply_fix(fix_titled(problem, "Remove binding"))
    assert '"msg"' not in app.text("Fn/function.json")
    assert app.all_problems(prefixes=("FUNC",)) == []


def test_no_remove_fix_for_a_trigger(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main():\n    pass\n")
    (problem,) = app.problems("Fn/function.json")
    assert not [f for f in problem.fixes if f.title.startswith("Remove")]


def test_named_http_output_becomes_return(fn_app: Build) -> None:
    res = {"type": "http", "direction": "out", "name": "res"}
    app = fn_app([HTTP_IN, res], "def main(req):\n    return 'x'\n")
    (problem,) = app.problems("Fn/function.json")
    app.apply_fix(fix_titled(problem, "Make 'res' the return value"))
    assert '"name": "$return"' in app.text("Fn/function.json")
    assert app.all_problems() == []


def test_remove_unused_parameter(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main(req, unused=None):\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    app.apply_fix(fix_titled(problem, "Remove parameter"))
    assert "def main(req):" in app.text("Fn/__init__.py")
    assert app.all_problems() == []


def test_wrap_in_list_uses_typing_module_when_imported(fn_app: Build) -> None:
    hub = {
        "type": "eventHubTrigger",
        "direction": "in",
        "name": "events",
        "eventHubName": "h",
        "connection": "C",
        "cardinality": "many",
    }
    app = fn_app(
        [hub], "import typing\n" + IMPORT + "def main(events: func.EventHubEvent):\n    pass\n"
    )
    (problem,) = app.problems("Fn/__init__.py")
    app.apply_fix(problem.fixes[0])
    assert "events: typing.List[func.EventHubEvent]" in app.text("Fn/__init__.py")
    assert app.all_problems() == []


def test_change_annotation_fix_for_mismatch(fn_app: Build) -> None:
    app = fn_app(
        [
            {
                "type": "queueTrigger",
                "direction": "in",
                "name": "msg",
                "queueName": "q",
                "connection": "AzureWebJobsStorage",
            }
        ],
        "from azure.functions import HttpRequest\n\n\ndef main(msg: HttpRequest):\n    pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    app.apply_fix(problem.fixes[0])
    text = app.text("Fn/__init__.py")
    assert "msg: func.QueueMessage" in text and "import azure.functions as func" in text
    assert app.all_problems() == []
