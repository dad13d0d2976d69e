"""The v2 migration as code actions: on a function.json ("Convert this function to the v2
model") and on host.json ("Convert the app to the v2 model"), a WorkspaceEdit creating files."""

from __future__ import annotations

import shutil
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from funcls.core.migrate.actions import CONVERT_APP, CONVERT_FUNCTION
from lsp_helpers import open_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _app(tmp_path: Path) -> Path:
    target = tmp_path / "shop-api"
    shutil.copytree(CORPUS / "shop-api", target)
    return target


async def _actions(client: LanguageClient, uri: str) -> list[types.CodeAction]:
    start = types.Position(line=0, character=0)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=start, end=start),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


def _created(action: types.CodeAction) -> dict[str, str]:
    """Created file name (URI tail) -> its text, from the action's document changes."""
    assert action.edit is not None and action.edit.document_changes
    created = {}
    for change in action.edit.document_changes:
        if isinstance(change, types.CreateFile):
            created[change.uri] = ""
        elif isinstance(change, types.TextDocumentEdit):
            (edit,) = change.edits
            assert isinstance(edit, types.TextEdit)
            created[change.text_document.uri] = edit.new_text
    return {uri.rsplit("/", 2)[-2] + "/" + uri.rsplit("/", 1)[-1]: t for uri, t in created.items()}


async def test_a_function_json_offers_its_conversion(
    client: LanguageClient, tmp_path: Path
) -> None:
    app = _app(tmp_path)
    uri = open_document(client, app / "CreateProduct" / "function.json")
    actions = [a for a in await _actions(client, uri) if a.title == CONVERT_FUNCTION]
    assert len(actions) == 1
    assert actions[0].kind == types.CodeActionKind.RefactorRewrite
    files = _created(actions[0])
    assert set(files) == {"CreateProduct/blueprint.py", "shop-api/function_app.py"}
    blueprint = files["CreateProduct/blueprint.py"]
    assert "from CreateProduct import main as _create_product_entry" in blueprint
    assert 'bp.function_name(name="CreateProduct")' in blueprint
    assert "app.register_functions(create_product_bp)" in files["shop-api/function_app.py"]


async def test_host_json_offers_the_conversion_of_the_app(
    client: LanguageClient, tmp_path: Path
) -> None:
    app = _app(tmp_path)
    uri = open_document(client, app / "host.json")
    actions = [a for a in await _actions(client, uri) if a.title == CONVERT_APP]
    assert len(actions) == 1
    files = _created(actions[0])
    assert set(files) == {"shop-api/function_app.py"}
    text = files["shop-api/function_app.py"]
    for name in ("CreateProduct", "Search", "UpdateProduct", "PriceAlerts"):
        assert f'app.function_name(name="{name}")' in text
    # nothing is deleted by the editor's action
    assert all(not isinstance(c, types.DeleteFile) for c in actions[0].edit.document_changes)  # type: ignore[union-attr]


async def test_quick_fix_only_requests_get_no_conversion(
    client: LanguageClient, tmp_path: Path
) -> None:
    app = _app(tmp_path)
    uri = open_document(client, app / "host.json")
    start = types.Position(line=0, character=0)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=start, end=start),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert not [a for a in found or [] if getattr(a, "title", "") == CONVERT_APP]
