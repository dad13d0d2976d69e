"""A durableClient binding takes str: a class of azure-functions-durable as its annotation fails
the worker's load whether or not that package is installed where funcls looks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from funcls.core.problems import Severity

from .conftest import HTTP_IN, HTTP_RETURN, App, by_code

CLIENT = {"type": "durableClient", "direction": "in", "name": "starter"}
Build = Callable[..., App]


@pytest.mark.parametrize(
    ("imports", "annotation"),
    [
        ("import azure.durable_functions as df\n", "df.DurableOrchestrationClient"),
        (
            "from azure.durable_functions import DurableOrchestrationClient\n",
            "DurableOrchestrationClient",
        ),
        ("import azure.durable_functions\n", "azure.durable_functions.DurableOrchestrationClient"),
    ],
)
def test_durable_class_on_a_durable_client_is_refused(
    fn_app: Build, imports: str, annotation: str
) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN, CLIENT],
        "import azure.functions as func\n" + imports + "\n\n"
        f"async def main(req: func.HttpRequest, starter: {annotation}) -> func.HttpResponse:\n"
        "    return func.HttpResponse('ok')\n",
    )
    (problem,) = by_code(app.problems("Fn/__init__.py"), "FUNC217")
    assert problem.severity == Severity.ERROR
    assert app.at(problem) == annotation
    assert "takes str" in problem.message
    assert by_code(app.problems("Fn/function.json"), "FUNC217")
    app.apply_fix(problem.fixes[0])
    assert "starter: str" in app.text("Fn/__init__.py")
    assert by_code(app.problems("Fn/__init__.py"), "FUNC217") == []


def test_str_on_a_durable_client_loads(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN, HTTP_RETURN, CLIENT],
        "import azure.functions as func\nimport azure.durable_functions as df\n\n\n"
        "async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:\n"
        "    client = df.DurableOrchestrationClient(starter)\n"
        "    return func.HttpResponse(str(client))\n",
    )
    assert by_code(app.problems("Fn/__init__.py"), "FUNC217") == []
