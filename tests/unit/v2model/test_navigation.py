"""What the shared navigation does in a v2 file: a parameter's definition is its decorator
argument, and rename keeps `arg_name` and the parameter in step, or refuses when the name is a
decorator default it cannot edit."""

from __future__ import annotations

from pathlib import Path

from funcls.core.features import navigation
from funcls.core.workspace import Workspace
from unit.v2model.helpers import HEAD, v2_app

SOURCE = HEAD + (
    "@app.route(route='r')\n"
    "@app.blob_output(arg_name='out', path='c/x.txt', connection='Conn')\n"
    "def f(req: func.HttpRequest, out: func.Out[str]) -> func.HttpResponse:\n"
    "    out.set('x')\n"
    "    return func.HttpResponse('ok')\n"
)


def test_definition_and_rename_of_a_parameter(tmp_path: Path) -> None:
    v2_app(tmp_path, SOURCE)
    path = str(tmp_path / "function_app.py")
    offset = SOURCE.index("out: func") + 1
    workspace = Workspace()
    (location,) = navigation.definition(workspace, path, offset)
    assert SOURCE[location.span.start : location.span.end] == "'out'"
    edits = navigation.rename(workspace, path, offset, "blob")
    assert isinstance(edits, list)
    text = SOURCE
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    assert "arg_name='blob'" in text and "blob: func.Out[str]" in text and "blob.set(" in text


def test_rename_refuses_a_name_the_decorator_writes_by_default(tmp_path: Path) -> None:
    v2_app(tmp_path, SOURCE)
    path = str(tmp_path / "function_app.py")
    result = navigation.rename(Workspace(), path, SOURCE.index("req: func") + 1, "request")
    assert isinstance(result, navigation.RenameError)


def test_definition_from_arg_name_to_the_parameter(tmp_path: Path) -> None:
    v2_app(tmp_path, SOURCE)
    path = str(tmp_path / "function_app.py")
    workspace = Workspace()
    for offset in (SOURCE.index("'out'"), SOURCE.index("'out'") + 2, SOURCE.index("'out'") + 4):
        (location,) = navigation.definition(workspace, path, offset)
        assert location.path == path
        assert SOURCE[location.span.start : location.span.end] == "out"
        assert SOURCE[location.span.start : location.span.end + 6] == "out: func"
    # a value of another argument is no binding name
    assert navigation.definition(workspace, path, SOURCE.index("'Conn'") + 1) == []


def test_rename_from_arg_name_keeps_the_parameter_in_step(tmp_path: Path) -> None:
    v2_app(tmp_path, SOURCE)
    path = str(tmp_path / "function_app.py")
    offset = SOURCE.index("'out'") + 2
    workspace = Workspace()
    span = navigation.prepare_rename(workspace, path, offset)
    assert span is not None and SOURCE[span.start : span.end] == "out"
    edits = navigation.rename(workspace, path, offset, "blob")
    assert isinstance(edits, list)
    text = SOURCE
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    assert "arg_name='blob'" in text and "blob: func.Out[str]" in text and "blob.set(" in text
    refs = navigation.references(workspace, path, offset, include_declaration=True)
    assert sorted(SOURCE[r.span.start : r.span.end] for r in refs) == ["'out'", "out", "out"]
