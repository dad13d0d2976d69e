"""Annotation resolution (ast first), the library's converters, and the analysed environment."""

from __future__ import annotations

import collections.abc
import os
import sys
import typing
from pathlib import Path

import azure.functions as func
import pytest

from funcls.core.knowledge import converters
from funcls.core.pyentry import parse_script
from funcls.core.python import environment
from funcls.core.python.annotations import ERROR, KNOWN, PARTIAL, UNKNOWN, AnnotationResolver

HEADER = (
    "from __future__ import annotations\nimport typing\nfrom typing import List, Optional\n"
    "import azure.functions as func\nimport azure.functions\nfrom azure.functions import "
    "HttpRequest as R, Out\nfrom azure import functions as af\nimport collections.abc\n"
    "import azure.durable_functions as df\nAlias = func.QueueMessage\nclass Mine: pass\n"
)


def _resolve(annotation: str) -> tuple[str, object]:
    view = parse_script(HEADER + f"def main(x: {annotation}): pass\n")
    parameter = view.callables["main"].parameters[0]
    assert parameter.annotation is not None
    result = AnnotationResolver(view).resolve(parameter.annotation.node, parameter.annotation.span)
    return result.state, result.value


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("func.HttpRequest", func.HttpRequest),
        ("R", func.HttpRequest),
        ("azure.functions.InputStream", func.InputStream),
        ("af.TimerRequest", func.TimerRequest),
        ("Out[str]", func.Out[str]),
        ("func.Out[List[str]]", func.Out[typing.List[str]]),  # noqa: UP006
        ("'func.HttpRequest'", func.HttpRequest),
        ("Alias", func.QueueMessage),
        ("typing.Annotated[func.HttpRequest, 'doc']", func.HttpRequest),
        ("collections.abc.Iterable[str]", collections.abc.Iterable[str]),
        ("typing.Literal['a', 1]", typing.Literal["a", 1]),
        ("None", type(None)),
    ],
)
def test_known_forms(annotation: str, expected: object) -> None:
    state, value = _resolve(annotation)
    assert state == KNOWN and value == expected


@pytest.mark.parametrize(
    ("annotation", "state"),
    [
        ("Mine", UNKNOWN),
        ("df.DurableOrchestrationContext", UNKNOWN),
        ("func.Out[Mine]", PARTIAL),
        ("Optional[Mine]", PARTIAL),
        ("Undefined", ERROR),
        ("func.NoSuchThing", ERROR),
        ("'not valid ('", ERROR),
    ],
)
def test_unknown_partial_and_error_forms(annotation: str, state: str) -> None:
    assert _resolve(annotation)[0] == state


def test_converter_answers_come_from_the_library() -> None:
    assert converters.check_input("httpTrigger", func.HttpRequest)
    assert not converters.check_input("httpTrigger", func.HttpResponse)
    assert converters.has_implicit_output("orchestrationTrigger")
    assert not converters.has_implicit_output("durableClient")
    assert converters.has_implicit_output("table")  # no converter: the generic binding
    assert converters.judge_parameter(func.Out[str], "queue", True).rule is None
    assert converters.judge_parameter(func.Out[str], "queue", False).rule == "W-18"
    assert converters.judge_parameter(str, "queue", True).rule == "W-17"
    assert converters.judge_parameter(typing.Optional[str], "blob", False).rule == "W-16"  # noqa: UP045
    assert converters.judge_return(type(None), "http") == "W-22"


def test_preferred_annotations_are_accepted() -> None:
    for binding_type in converters.known_types():
        for out in (False, True):
            suggestion = converters.preferred(binding_type, out)
            if suggestion is not None:
                value = converters._value_of(suggestion)
                assert converters.judge_parameter(value, binding_type, out).rule is None


def test_interpreter_choice(tmp_path: Path) -> None:
    assert (
        environment.choose_interpreter("/opt/py/bin/python", str(tmp_path)) == "/opt/py/bin/python"
    )
    assert environment.choose_interpreter(None, str(tmp_path)) == sys.executable
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text("")
    assert environment.choose_interpreter(None, str(tmp_path)) == str(venv / "python")


def test_unusable_interpreter_falls_back_to_the_server(tmp_path: Path) -> None:
    env = environment.environment(str(tmp_path / "missing-python"), None)
    assert env.known is False and env.is_server


def test_module_lookup_on_the_file_system(tmp_path: Path) -> None:
    (tmp_path / "ns" / "pkg").mkdir(parents=True)
    (tmp_path / "ns" / "pkg" / "__init__.py").write_text("")
    (tmp_path / "single.py").write_text("")
    (tmp_path / "ext.cpython-311-x86_64-linux-gnu.so").write_text("")
    paths = [str(tmp_path)]
    assert environment.find_module("ns.pkg.sub", paths)
    assert environment.find_module("single", paths)
    assert environment.find_module("ext", paths)
    assert not environment.find_module("ns.other", paths)
    assert not environment.find_module("missing", paths)
    assert environment.guessed_imports("azure-storage-blob") == (
        "azure.storage.blob",
        "azure_storage_blob",
    )
    assert environment.guessed_imports("PyYAML") == ("yaml",)
    assert os.path.basename(environment.PYTHON_PACKAGES) == "site-packages"
