"""Quick fixes in v2 files: the shared rules' fixes become edits of the decorator call (or of
the def), the v2 rules offer their own, and no fix edits a function.json the app does not have
or leaves function_app.py unparsable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from unit.semantics.helpers import apply_fix, fix_titled, only
from unit.v2model.helpers import HEAD, v2_app, v2_problems

QUEUE = "@app.queue_trigger(arg_name='msg', queue_name='orders', connection='Conn')\n"


def _script(root: Path) -> str:
    return (root / "function_app.py").read_text(encoding="utf-8")


def _fix_and_read(root: Path, code: str, title: str) -> str:
    problem = only(v2_problems(root, code))
    apply_fix(fix_titled(problem, title))
    return _script(root)


# -- the shared rules ------------------------------------------------------------------------------
def test_rename_binding_changes_arg_name(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + QUEUE + "def f(message: func.QueueMessage) -> None: ...\n")
    text = _fix_and_read(tmp_path, "FUNC211", "Rename binding 'msg' to 'message' in the decorators")
    assert "arg_name='message'" in text
    assert v2_problems(tmp_path) == []


def test_remove_binding_removes_its_decorator_line(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + QUEUE + "@app.blob_input(arg_name='blob', path='inbox/b.txt', connection='Conn')\n"
        "def f(msg: func.QueueMessage) -> None: ...\n",
    )
    problem = only(v2_problems(tmp_path, "FUNC211"))
    apply_fix(fix_titled(problem, "Remove binding 'blob'"))
    assert _script(tmp_path) == HEAD + QUEUE + "def f(msg: func.QueueMessage) -> None: ...\n"
    assert v2_problems(tmp_path) == []


def test_add_parameter_for_a_binding(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + QUEUE + "@app.blob_input(arg_name='blob', path='inbox/b.txt', connection='Conn')\n"
        "def f(msg: func.QueueMessage) -> None: ...\n",
    )
    text = _fix_and_read(tmp_path, "FUNC211", "Add parameter 'blob: func.InputStream'")
    assert "def f(msg: func.QueueMessage, blob: func.InputStream)" in text
    assert v2_problems(tmp_path) == []


def test_add_binding_writes_a_decorator_above_the_def(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + QUEUE + "def f(msg: func.QueueMessage, doc: func.InputStream) -> None: ...\n",
    )
    problem = only(v2_problems(tmp_path, "FUNC210"))
    fix = fix_titled(problem, "Add a blob binding 'doc' to the decorators")
    apply_fix(fix)
    lines = _script(tmp_path).splitlines()
    at = lines.index("def f(msg: func.QueueMessage, doc: func.InputStream) -> None: ...")
    assert lines[at - 1].startswith('@app.blob_input(arg_name="doc", path=')
    assert v2_problems(tmp_path, "FUNC210") == []
    assert v2_problems(tmp_path, "FUNC211") == []


def test_schedule_fix_keeps_the_quote_style(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.timer_trigger(schedule='0 */5 * * *', arg_name='t')\n"
        "def f(t: func.TimerRequest) -> None: ...\n",
    )
    text = _fix_and_read(tmp_path, "FUNC130", "Change to '0 0 */5 * * *'")
    assert "schedule='0 0 */5 * * *'" in text
    assert v2_problems(tmp_path) == []


def test_route_fix_on_a_double_quoted_route(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + '@app.route(route="items/{id:innt}")\n'
        "def f(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    text = _fix_and_read(tmp_path, "FUNC133", "Change to 'items/{id:int}'")
    assert 'route="items/{id:int}"' in text


def test_generic_type_casing_fix(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.generic_trigger(arg_name='msg', type='QueueTrigger', queueName='orders', "
        "connection='Conn')\ndef f(msg: func.QueueMessage) -> None: ...\n",
    )
    problem = next(p for p in v2_problems(tmp_path, "FUNC118"))
    apply_fix(fix_titled(problem, "Change to 'queueTrigger'"))
    assert "type='queueTrigger'" in _script(tmp_path)
    assert v2_problems(tmp_path, "FUNC217") == []


def test_cardinality_written_as_an_enum_member_stays_a_member(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.event_hub_message_trigger(arg_name='e', event_hub_name='hub', "
        "connection='Conn', cardinality=func.Cardinality.MANY)\n"
        "def f(e: func.EventHubEvent) -> None: ...\n",
    )
    problem = v2_problems(tmp_path, "FUNC221")[0]
    apply_fix(fix_titled(problem, 'Set cardinality to "one" in the decorators'))
    assert "cardinality=func.Cardinality.ONE" in _script(tmp_path)
    assert v2_problems(tmp_path, "FUNC221") == []


def test_monitor_fixes_remove_or_set_the_keyword(tmp_path: Path) -> None:
    source = (
        HEAD + "@app.timer_trigger(schedule='* * * * * *', arg_name='t', use_monitor=True)\n"
        "def f(t: func.TimerRequest) -> None: ...\n"
    )
    v2_app(tmp_path, source)
    problem = only(v2_problems(tmp_path, "FUNC142"))
    apply_fix(fix_titled(problem, "Remove 'useMonitor'"))
    assert "@app.timer_trigger(schedule='* * * * * *', arg_name='t')\n" in _script(tmp_path)
    (tmp_path / "function_app.py").write_text(source, encoding="utf-8")
    problem = only(v2_problems(tmp_path, "FUNC142"))
    apply_fix(fix_titled(problem, "Set 'useMonitor' to false"))
    assert "use_monitor=False)" in _script(tmp_path)
    assert v2_problems(tmp_path, "FUNC142") == []


def test_a_fix_of_a_property_the_decorator_writes_itself_is_left_out(tmp_path: Path) -> None:
    # '$Return' on an input: the direction comes from the decorator's name, so "Change
    # direction to 'out'" cannot be written on the call; the '$return' spelling fix can.
    v2_app(
        tmp_path,
        HEAD
        + QUEUE
        + "@app.queue_output(arg_name='$Return', queue_name='out', connection='Conn')\n"
        "def f(msg: func.QueueMessage) -> str: ...\n",
    )
    found = v2_problems(tmp_path)
    titles = [f.title for p in found for f in p.fixes]
    assert not any("direction" in t for t in titles)
    problem = next(p for p in found if p.code == "FUNC110")
    apply_fix(fix_titled(problem, "Change to '$return'"))
    assert "arg_name='$return'" in _script(tmp_path)


# -- the v2 rules ----------------------------------------------------------------------------------
def test_misspelt_keyword_is_renamed(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.queue_trigger(arg_name='msg', queue_name='orders', conection='Conn')\n"
        "def f(msg: func.QueueMessage) -> None: ...\n",
    )
    text = _fix_and_read(tmp_path, "FUNC708", "Change to 'connection'")
    assert "connection='Conn')" in text
    assert v2_problems(tmp_path) == []


def test_unknown_keyword_is_renamed(tmp_path: Path) -> None:
    v2_app(
        tmp_path,
        HEAD + "@app.route(route='x', method=['GET'])\n"
        "def f(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    text = _fix_and_read(tmp_path, "FUNC706", "Change to 'methods'")
    assert "methods=['GET']" in text
    assert v2_problems(tmp_path) == []


def test_unknown_decorator_is_renamed(tmp_path: Path) -> None:
    v2_app(tmp_path, HEAD + QUEUE.replace("queue_trigger", "queue_triger") + "def f(msg): ...\n")
    text = _fix_and_read(tmp_path, "FUNC705", "Change to 'queue_trigger'")
    assert "@app.queue_trigger(" in text
    assert v2_problems(tmp_path, "FUNC705") == []


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("'anonymus'", "'anonymous'"),
        ('"Anonymus"', '"anonymous"'),
        ("func.AuthLevel.ANONYMUS", "func.AuthLevel.ANONYMOUS"),
    ],
)
def test_enum_value_the_library_refuses(tmp_path: Path, written: str, fixed: str) -> None:
    v2_app(
        tmp_path,
        HEAD + f"@app.route(route='x', auth_level={written})\n"
        "def f(req: func.HttpRequest) -> func.HttpResponse: ...\n",
    )
    problem = only(v2_problems(tmp_path, "FUNC710"))
    apply_fix(problem.fixes[0])
    assert f"auth_level={fixed})" in _script(tmp_path)
    assert v2_problems(tmp_path) == []


# -- every fix applies -----------------------------------------------------------------------------
BROKEN = [
    QUEUE + "def f(mesage: func.QueueMessage) -> None: ...\n",
    QUEUE + "def f(msg: func.HttpRequest, other: str) -> None: ...\n",
    QUEUE + "@app.queue_output(arg_name='$return', queue_name='o', connection='Conn')\n"
    "def f(msg: func.QueueMessage) -> None: ...\n",
    QUEUE + "@app.queue_output(arg_name='out', queue_name='outq', connection='Con')\n"
    "def f(msg: func.QueueMessage, out: str) -> None: ...\n",
    "@app.route(route='x/{id:innt}', methods=['GEt'], auth_level='anonymus')\n"
    "def f(req: func.HttpRequest) -> str: ...\n",
    "@app.timer_trigger(schedule='0 */5 * * *', arg_name='my_t', use_monitor=True)\n"
    "def f(my_t: func.TimerRequest) -> None: ...\n",
    "@app.generic_trigger(arg_name='m', type='QueueTrigger', queueName='%Q', connection='Conn',"
    " data_type='sting')\ndef f(m: func.QueueMessage) -> None: ...\n",
    "@app.event_hub_message_trigger(arg_name='e', event_hub_name='h', connection='Conn',\n"
    "    cardinality='many',\n)\ndef f(e: func.EventHubEvent) -> None: ...\n",
]


@pytest.mark.parametrize("source", BROKEN)
def test_every_fix_of_a_v2_problem_leaves_python_that_parses(tmp_path: Path, source: str) -> None:
    v2_app(tmp_path, HEAD + source)
    found = v2_problems(tmp_path)
    assert any(p.fixes for p in found)
    for problem in found:
        for fix in problem.fixes:
            for edit in fix.edits:
                assert Path(edit.path).exists(), fix.title
                assert not edit.path.endswith("function.json"), fix.title
            texts: dict[str, str] = {}
            for edit in sorted(fix.edits, key=lambda e: e.span.start, reverse=True):
                text = texts.get(edit.path, Path(edit.path).read_text(encoding="utf-8"))
                texts[edit.path] = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
            for path, text in texts.items():
                if path.endswith(".py"):
                    ast.parse(text)


def test_vetting_drops_fixes_that_break_the_module_or_edit_no_file(tmp_path: Path) -> None:
    from funcls.core.edits.decorator_edits import NO_EDIT, vet_fixes
    from funcls.core.problems import Fix, Problem, Severity, Span, TextEdit

    text = HEAD + QUEUE + "def f(msg: func.QueueMessage) -> None: ...\n\n\ndef g(): ...\n"
    path = str(tmp_path / "function_app.py")
    at = text.index("'orders'")
    good = Fix("good", (TextEdit(path, Span(at, at + 8), "'orderz'"),))
    broken = Fix("broken", (TextEdit(path, Span(at, at + 8), "'orderz"),))
    unmapped = Fix("unmapped", (NO_EDIT,))
    missing = Fix("missing", (TextEdit(str(tmp_path / "F" / "function.json"), Span(0, 0), "{}"),))
    top = Fix("import", (TextEdit(path, Span(0, 0), "from typing import List\n"),))
    bad_top = Fix("bad import", (TextEdit(path, Span(0, 0), "from typing import\n"),))
    problem = Problem(
        "FUNC000",
        Severity.ERROR,
        "m",
        path,
        Span(at, at),
        fixes=(good, broken, unmapped, missing, top, bad_top),
    )
    texts = {path: text}
    vetted = vet_fixes(problem, texts.get)
    assert [f.title for f in vetted.fixes] == ["good", "import"]
