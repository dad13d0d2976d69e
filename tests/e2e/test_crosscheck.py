"""function.json and the entry point checked together, through the LSP client."""

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


def _has(code: str):  # type: ignore[no-untyped-def]
    return lambda found: any(d.code == code for d in found)


def _lacks(*codes: str):  # type: ignore[no-untyped-def]
    return lambda found: not any(d.code in codes for d in found)


async def test_a_mismatched_name_shows_in_both_files_and_the_fix_clears_both(
    client: LanguageClient, app: Path
) -> None:
    json_path = app / "NightlyCleanup" / "function.json"
    py_path = app / "NightlyCleanup" / "__init__.py"
    json_uri = open_document(client, json_path)
    py_uri = open_document(client, py_path)
    in_json = await diagnostics_for(client, json_uri, _has("FUNC211"))
    in_py = await diagnostics_for(client, py_uri, _has("FUNC210"))
    binding = next(d for d in in_json if d.code == "FUNC211")
    parameter = next(d for d in in_py if d.code == "FUNC210")
    json_text = json_path.read_text()
    assert json_text.splitlines()[binding.range.start.line].strip().startswith('"name": "timer"')
    assert binding.related_information and binding.related_information[0].location.uri == py_uri
    assert parameter.related_information

    actions = await code_actions_for(client, py_uri, parameter)
    rename = next(a for a in actions if a.title.startswith("Rename binding"))
    assert rename.edit is not None and rename.edit.changes is not None
    new_json = apply_text_edits(json_text, list(rename.edit.changes[json_uri]))
    assert '"name": "mytimer"' in new_json
    change_document(client, json_uri, 2, new_json)
    await diagnostics_for(client, json_uri, _lacks("FUNC211", "FUNC210"))
    await diagnostics_for(client, py_uri, _lacks("FUNC211", "FUNC210"))


async def test_editing_the_script_updates_function_json(client: LanguageClient, app: Path) -> None:
    json_uri = open_document(client, app / "NightlyCleanup" / "function.json")
    py_path = app / "NightlyCleanup" / "__init__.py"
    py_uri = open_document(client, py_path)
    await diagnostics_for(client, json_uri, _has("FUNC211"))
    change_document(client, py_uri, 2, py_path.read_text().replace("mytimer", "timer"))
    await diagnostics_for(client, json_uri, _lacks("FUNC211"))
    await diagnostics_for(client, py_uri, _lacks("FUNC210"))


async def test_a_script_not_open_is_read_from_disk(client: LanguageClient, app: Path) -> None:
    json_uri = open_document(client, app / "QueueWorker" / "function.json")
    found = await diagnostics_for(client, json_uri, _has("FUNC215"))
    problem = next(d for d in found if d.code == "FUNC215")
    assert "func.Out[func.QueueMessage]" in problem.message


async def test_five_field_cron_quick_fix(client: LanguageClient, app: Path) -> None:
    path = app / "NightlyCleanup" / "function.json"
    uri = open_document(client, path)
    found = await diagnostics_for(client, uri, _has("FUNC130"))
    problem = next(d for d in found if d.code == "FUNC130")
    actions = await code_actions_for(client, uri, problem)
    fix = actions[0]
    assert fix.edit and fix.edit.changes
    text = apply_text_edits(path.read_text(), list(fix.edit.changes[uri]))
    assert '"schedule": "0 0 2 * * *"' in text
    change_document(client, uri, 2, text)
    await diagnostics_for(client, uri, _lacks("FUNC130"))


async def test_missing_setting_fix_edits_local_settings(client: LanguageClient, app: Path) -> None:
    uri = open_document(client, app / "QueueWorker" / "function.json")
    found = await diagnostics_for(client, uri, _has("FUNC511"))
    problem = next(d for d in found if d.code == "FUNC511")
    actions = await code_actions_for(client, uri, problem)
    settings_uri = (app / "local.settings.json").as_uri()
    fix = next(a for a in actions if a.edit and a.edit.changes and settings_uri in a.edit.changes)
    assert fix.edit is not None and fix.edit.changes is not None
    settings = apply_text_edits(
        (app / "local.settings.json").read_text(), list(fix.edit.changes[settings_uri])
    )
    assert '"OrdersQueue": ""' in settings


async def test_hover_on_a_parameter_shows_its_binding(client: LanguageClient, app: Path) -> None:
    path = app / "QueueWorker" / "__init__.py"
    uri = open_document(client, path)
    line = next(i for i, text in enumerate(path.read_text().splitlines()) if "def main" in text)
    character = path.read_text().splitlines()[line].index("msg") + 1
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "queueTrigger" in hover.contents.value and "orders" in hover.contents.value


async def test_definition_from_binding_name_to_parameter(client: LanguageClient, app: Path) -> None:
    path = app / "QueueWorker" / "function.json"
    uri = open_document(client, path)
    text = path.read_text()
    line = next(i for i, t in enumerate(text.splitlines()) if '"name": "msg"' in t)
    character = text.splitlines()[line].index('"msg"') + 2
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert result
    location = result[0] if isinstance(result, list) else result
    assert isinstance(location, types.Location)
    assert location.uri.endswith("QueueWorker/__init__.py")


async def test_parameter_list_completion_offers_unbound_bindings(
    client: LanguageClient, app: Path
) -> None:
    path = app / "QueueWorker" / "__init__.py"
    text = path.read_text().replace(", receipt: func.QueueMessage)", ", )")
    uri = open_document(client, path, text)
    line = next(i for i, t in enumerate(text.splitlines()) if "def main" in t)
    character = text.splitlines()[line].index(", )") + 2
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert result is not None
    items = result.items if isinstance(result, types.CompletionList) else result
    item = next(i for i in items if i.label.startswith("receipt"))
    edit = completion_edit(result, item)
    assert edit is not None
    assert edit.new_text == "receipt: func.Out[func.QueueMessage]"
