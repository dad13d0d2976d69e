"""What fails while function_app.py is imported, outside the functions the app indexes:
annotations of every def and annotated variable the import runs (FUNC224), a second trigger on a
function of a blueprint never registered (FUNC703), event_grid_output's arguments (FUNC710), and a
shadowed decorated def named like another function (FUNC704)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unit.v2model.helpers import HEAD, under, v2_app, v2_problems

QUEUE = (
    "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"
    "def on_msg(msg: func.QueueMessage) -> None: ...\n\n"
)


@pytest.mark.parametrize(
    ("source", "culprit"),
    [
        ("def helper(value: undefined) -> None: ...\n", "undefined"),
        ("def helper(value: int) -> func.NoSuchClass: ...\n", "func.NoSuchClass"),
        ("async def helper(*args: missing) -> None: ...\n", "missing"),
        ("class Helper:\n    def run(self, x: missing) -> None: ...\n", "missing"),
        ("class Helper:\n    limit: missing = 3\n", "missing"),
        ("limit: missing = 3\n", "missing"),
        ("def helper(value: func.Out[int, str]) -> None: ...\n", "func.Out[int, str]"),
        ("def helper(value: None | None) -> None: ...\n", "None | None"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from decimal import Decimal\n"
            "def helper(value: Decimal) -> None: ...\n",
            "Decimal",
        ),
        (
            "bp = func.Blueprint()\n\n@bp.queue_trigger(arg_name='msg', queue_name='q', "
            "connection='Conn')\ndef unused(msg: undefined) -> None: ...\n",
            "undefined",
        ),
    ],
)
def test_an_annotation_that_fails_at_import(tmp_path: Path, source: str, culprit: str) -> None:
    v2_app(tmp_path, HEAD + QUEUE + source)
    (problem,) = v2_problems(tmp_path, "FUNC224")
    assert under(problem) == culprit
    assert "imports function_app.py" in problem.message


def test_an_annotation_in_an_imported_blueprint_module(tmp_path: Path) -> None:
    blueprint = "import azure.functions as func\n\nbp = func.Blueprint()\n\n\ndef f(x: nope): ...\n"
    v2_app(tmp_path, "from blueprint import bp\n" + HEAD + QUEUE, {"blueprint.py": blueprint})
    (problem,) = v2_problems(tmp_path, "FUNC224")
    assert problem.path.endswith("blueprint.py") and under(problem) == "nope"


@pytest.mark.parametrize(
    "source",
    [
        "def helper(value: Later) -> None: ...\n\nclass Later: ...\n",  # bound further down
        "def helper(value: 'undefined') -> None: ...\n",  # a string: never evaluated at import
        "def helper(value: typing.Optional['undefined']) -> None: ...\n",
        "class Helper:\n    T = int\n\n    def run(self, x: T) -> None: ...\n",
        "class Helper(metaclass=Meta):\n    def run(self, x: T) -> None: ...\n",
        "if True:\n    def helper(value: undefined) -> None: ...\n",
        "def outer():\n    def helper(value: undefined) -> None: ...\n",
        "from os.path import *\n\ndef helper(value: undefined) -> None: ...\n",
        "globals()['undefined'] = int\n\ndef helper(value: undefined) -> None: ...\n",
        "def helper(value: callable_type()) -> None: ...\n",
        "def helper(value: int, *, flag: bool = True) -> typing.Callable[..., int]: ...\n",
        "def helper(value: __name__) -> None: ...\n",
        "try:\n    from x import y\nexcept ImportError:\n    y = None\n\ndef h(v: y) -> None: ...\n",
    ],
)
def test_what_may_evaluate_is_not_reported(tmp_path: Path, source: str) -> None:
    v2_app(tmp_path, HEAD + "import typing\n\n" + QUEUE + source)
    assert v2_problems(tmp_path, "FUNC224") == []


def test_future_annotations_keep_every_annotation_a_string(tmp_path: Path) -> None:
    source = "from __future__ import annotations\n\n" + HEAD + QUEUE
    v2_app(tmp_path, source + "def helper(value: undefined) -> None: ...\n")
    assert v2_problems(tmp_path, "FUNC224") == []


def test_an_indexed_function_is_judged_once(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + QUEUE.replace("-> None", "-> undefined"))
    assert len(v2_problems(tmp_path, "FUNC224")) == 1


# -- decorators that raise as they run -------------------------------------------------------------
def test_two_triggers_on_a_blueprint_never_registered(tmp_path: Path) -> None:
    source = (
        "bp = func.Blueprint()\n\n@bp.schedule(arg_name='timer', schedule='0 */5 * * * *')\n"
        "@bp.queue_trigger(arg_name='msg', queue_name='q', connection='Conn')\n"
        "def both(msg: func.QueueMessage, timer: func.TimerRequest) -> None: ...\n\n"
        "@bp.queue_output(arg_name='out', queue_name='q', connection='Conn')\n"
        "def none(out: func.Out[str]) -> None: ...\n"
    )
    v2_app(tmp_path, HEAD + QUEUE + source)
    (problem,) = v2_problems(tmp_path, "FUNC703")
    assert under(problem) == "schedule"
    assert v2_problems(tmp_path, "FUNC702") == []  # validated only when indexed


@pytest.mark.parametrize(
    ("arguments", "refused"),
    [
        ("", True),
        (", connection='Conn', topic_key_setting='Key'", True),
        (", topic_endpoint_uri='Uri'", True),
        (", connection='Conn'", False),
        (", topic_endpoint_uri='Uri', topic_key_setting='Key'", False),
        (", connection=CONNECTION", False),  # not a literal: not judged
    ],
)
def test_event_grid_output_arguments(tmp_path: Path, arguments: str, refused: bool) -> None:
    source = (
        f"@app.event_grid_output(arg_name='event'{arguments})\n"
        "@app.queue_trigger(arg_name='msg', queue_name='q', connection='Conn')\n"
        "def main(msg: func.QueueMessage, event: func.Out[str]) -> None: ...\n"
    )
    v2_app(tmp_path, HEAD + source)
    found = v2_problems(tmp_path, "FUNC710")
    assert [under(p) for p in found] == (["event_grid_output"] if refused else [])
    if refused:
        assert "Specify either the 'Connection' property" in found[0].message


def test_event_grid_output_is_modelled(tmp_path: Path) -> None:
    source = (
        "@app.event_grid_output(arg_name='event', connection='Conn')\n"
        "@app.queue_trigger(arg_name='msg', queue_name='q', connection='Conn')\n"
        "def main(msg: func.QueueMessage, event: str) -> None: ...\n"
    )
    v2_app(tmp_path, HEAD + source)
    # the output binding is known: a parameter that is no Out[...] is the worker's error
    assert v2_problems(tmp_path, "FUNC710") == []
    assert any(p.severity.name == "ERROR" for p in v2_problems(tmp_path))


def test_a_shadowed_def_named_like_the_one_that_replaces_it(tmp_path: Path) -> None:
    twin = "@app.function_name(name='main')\n" + QUEUE
    v2_app(tmp_path, HEAD + twin + twin)
    (problem,) = v2_problems(tmp_path, "FUNC704")
    assert under(problem) == "on_msg"
    assert problem.span.start > (HEAD + twin).index("on_msg")


def test_a_shadowed_def_with_another_name_is_fine(tmp_path: Path) -> None:
    first = "@app.function_name(name='first')\n" + QUEUE
    v2_app(tmp_path, HEAD + first + QUEUE)
    assert v2_problems(tmp_path, "FUNC704") == []
