"""Through the LSP client: app modules the entry script imports, the add-a-binding quick fix
when the annotation fits several binding types, and entry-point completion."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import (
    apply_text_edits,
    change_document,
    code_actions_for,
    completion_edit,
    diagnostics_for,
    open_document,
)

MISSING = "import surely_not_a_module_xyz\n"


def _has(code: str):  # type: ignore[no-untyped-def]
    return lambda found: any(d.code == code for d in found)


def _lacks(code: str):  # type: ignore[no-untyped-def]
    return lambda found: not any(d.code == code for d in found)


async def test_an_edit_of_an_imported_module_updates_the_entry_script(
    client: LanguageClient, app: Path
) -> None:
    await _imported_module_edits(client, app)


async def test_an_edit_of_an_imported_module_updates_pulled_diagnostics(
    pull_client: LanguageClient, app: Path
) -> None:
    await _imported_module_edits(pull_client, app)


async def _imported_module_edits(client: LanguageClient, app: Path) -> None:
    script = app / "HttpHello" / "__init__.py"
    text = script.read_text().replace("import logging\n", "import logging\n\nfrom . import util\n")
    script.write_text(text)
    helper = app / "HttpHello" / "util.py"
    helper.write_text("X = 1\n")
    script_uri = open_document(client, script)
    helper_uri = open_document(client, helper)
    await diagnostics_for(client, script_uri, _lacks("FUNC306"))
    change_document(client, helper_uri, 2, MISSING + "X = 1\n")
    in_helper = await diagnostics_for(client, helper_uri, _has("FUNC306"))
    in_script = await diagnostics_for(client, script_uri, _has("FUNC306"))
    inner = next(d for d in in_helper if d.code == "FUNC306")
    outer = next(d for d in in_script if d.code == "FUNC306")
    assert inner.severity == types.DiagnosticSeverity.Error
    assert outer.severity == types.DiagnosticSeverity.Error
    assert text.splitlines()[outer.range.start.line] == "from . import util"
    assert outer.related_information
    assert outer.related_information[0].location.uri == helper_uri
    assert outer.related_information[0].location.range == inner.range
    change_document(client, helper_uri, 3, "X = 2\n")
    await diagnostics_for(client, script_uri, _lacks("FUNC306"))
    await diagnostics_for(client, helper_uri, _lacks("FUNC306"))


async def test_add_binding_offers_each_type_the_annotation_fits(
    client: LanguageClient, app: Path
) -> None:
    json_path = app / "HttpHello" / "function.json"
    script = app / "HttpHello" / "__init__.py"
    text = script.read_text().replace(
        "(req: func.HttpRequest)", "(req: func.HttpRequest, note: func.Out[str])"
    )
    json_uri = open_document(client, json_path)
    uri = open_document(client, script, text)
    found = await diagnostics_for(client, uri, _has("FUNC210"))
    problem = next(d for d in found if d.code == "FUNC210")
    actions = await code_actions_for(client, uri, problem)
    titles = [a.title for a in actions if a.title.startswith("Add a ")]
    assert titles[0] == "Add a blob binding 'note' to function.json"
    assert titles[1] == "Add a queue binding 'note' to function.json"
    assert len(titles) > 10
    queue = next(a for a in actions if a.title.startswith("Add a queue binding"))
    assert not queue.is_preferred
    assert queue.edit is not None and queue.edit.changes is not None
    new_json = apply_text_edits(json_path.read_text(), list(queue.edit.changes[json_uri]))
    assert '"type": "queue"' in new_json and '"name": "note"' in new_json
    change_document(client, json_uri, 2, new_json)
    await diagnostics_for(client, uri, _lacks("FUNC210"))


async def test_entry_point_completion_leaves_constants_out(
    client: LanguageClient, app: Path
) -> None:
    script = app / "HttpHello" / "__init__.py"
    script.write_text(
        script.read_text() + "\n\nGREETING = 'hello'\nLIMITS = {'a': 1}\n\n"
        "class Handler:\n    def __call__(self, req):\n        pass\n\n\nhandler = Handler()\n"
    )
    path = app / "HttpHello" / "function.json"
    text = path.read_text().replace(
        '"scriptFile": "__init__.py",', '"scriptFile": "__init__.py",\n  "entryPoint": "",'
    )
    uri = open_document(client, path, text)
    line = next(i for i, t in enumerate(text.splitlines()) if '"entryPoint"' in t)
    character = text.splitlines()[line].index('""') + 1
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert result is not None
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = {i.label for i in items}
    assert labels == {"main", "Handler", "handler"}
    edit = completion_edit(result, next(i for i in items if i.label == "handler"))
    assert edit is not None and edit.new_text == '"handler"'
