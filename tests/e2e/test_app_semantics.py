"""App-wide checks through the LSP client: they follow edits in other files."""

from __future__ import annotations

import json
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import change_document, diagnostics_for, open_document


def _http_function(app: Path, name: str, route: str) -> Path:
    folder = app / name
    folder.mkdir()
    (folder / "function.json").write_text(
        json.dumps(
            {
                "bindings": [
                    {
                        "type": "httpTrigger",
                        "direction": "in",
                        "name": "req",
                        "authLevel": "anonymous",
                        "methods": ["get"],
                        "route": route,
                    },
                    {"type": "http", "direction": "out", "name": "$return"},
                ]
            },
            indent=2,
        )
    )
    (folder / "__init__.py").write_text(
        "import azure.functions as func\n\n\n"
        "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('ok')\n"
    )
    return folder / "function.json"


async def test_route_conflict_shows_on_both_and_clears_when_one_changes(
    client: LanguageClient, app: Path
) -> None:
    first = _http_function(app, "ListItems", "items/{id}")
    second = _http_function(app, "GetItem", "items/{id}")
    first_uri = open_document(client, first)
    second_uri = open_document(client, second)
    for uri in (first_uri, second_uri):
        found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC136" for d in ds))
        conflict = next(d for d in found if d.code == "FUNC136")
        assert "ListItems" in conflict.message or "GetItem" in conflict.message
    change_document(client, second_uri, 2, second.read_text().replace("items/{id}", "things/{id}"))
    for uri in (first_uri, second_uri):
        await diagnostics_for(client, uri, lambda ds: not any(d.code == "FUNC136" for d in ds))


async def test_setting_defined_in_local_settings_clears_the_warning(
    client: LanguageClient, app: Path
) -> None:
    uri = open_document(client, app / "QueueWorker" / "function.json")
    await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC511" for d in ds))
    settings = app / "local.settings.json"
    settings_uri = open_document(client, settings)
    text = settings.read_text().replace(
        '"AzureWebJobsStorage"',
        '"OrdersQueue": "UseDevelopmentStorage=true",\n    "AzureWebJobsStorage"',
    )
    change_document(client, settings_uri, 2, text)
    await diagnostics_for(client, uri, lambda ds: not any(d.code == "FUNC511" for d in ds))


async def test_hover_on_a_schedule_explains_it(client: LanguageClient, app: Path) -> None:
    path = app / "NightlyCleanup" / "function.json"
    text = path.read_text().replace('"0 2 * * *"', '"0 30 9 * * 1-5"')
    uri = open_document(client, path, text)
    line = next(i for i, t in enumerate(text.splitlines()) if '"schedule"' in t)
    character = text.splitlines()[line].index("0 30") + 2
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "09:30" in hover.contents.value
