"""function.json, host.json and local.settings.json through the LSP client, as editors use them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import change_document, completion_edit, diagnostics_for, open_document


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n")


async def test_bad_auth_level_is_reported_on_its_line(client: LanguageClient, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    text = path.read_text()
    uri = open_document(client, path)
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC010" for d in ds))
    problem = next(d for d in found if d.code == "FUNC010")
    assert problem.source == "funcls"
    assert problem.range.start.line == _line_of(text, '"nobody"')
    assert problem.severity == types.DiagnosticSeverity.Error
    assert "'function', 'anonymous', 'admin'" in problem.message


async def test_fixing_the_value_clears_the_diagnostic(client: LanguageClient, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    text = path.read_text()
    uri = open_document(client, path)
    await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC010" for d in ds))
    change_document(client, uri, 2, text.replace('"nobody"', '"anonymous"'))
    await diagnostics_for(client, uri, lambda ds: not any(d.code == "FUNC010" for d in ds))


async def test_completion_of_binding_types(client: LanguageClient, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    text = path.read_text().replace('"type": "http"', '"type": ""')
    uri = open_document(client, path, text)
    line = _line_of(text, '"type": ""')
    character = text.splitlines()[line].index('"type": ""') + len('"type": "')
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert result is not None
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = {item.label for item in items}
    assert {"httpTrigger", "queue", "blob", "http"} <= labels
    http = next(item for item in items if item.label == "http")
    edit = completion_edit(result, http)
    assert edit is not None and edit.new_text == '"http"'
    if http.documentation is None:  # a client that resolves documentation lazily
        assert http.data is not None
        http = await client.completion_item_resolve_async(http)
    assert isinstance(http.documentation, types.MarkupContent)
    assert "http" in http.documentation.value.lower()


async def test_hover_shows_schema_docs(client: LanguageClient, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    text = path.read_text()
    uri = open_document(client, path)
    line = _line_of(text, '"authLevel"')
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=text.splitlines()[line].index("auth") + 1),
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "authLevel" in hover.contents.value and "anonymous" in hover.contents.value


async def test_document_symbols_outline_bindings(client: LanguageClient, app: Path) -> None:
    uri = open_document(client, app / "HttpHello" / "function.json")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None
    bindings = next(s for s in symbols if s.name == "bindings")
    assert isinstance(bindings, types.DocumentSymbol) and bindings.children
    first = bindings.children[0]
    assert first.name == "req" and first.detail == "httpTrigger (in)"


async def test_quick_fix_replaces_the_enum_value(client: LanguageClient, app: Path) -> None:
    path = app / "HttpHello" / "function.json"
    text = path.read_text().replace('"nobody"', '"anonymus"')
    uri = open_document(client, path, text)
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC010" for d in ds))
    problem = next(d for d in found if d.code == "FUNC010")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=problem.range,
            context=types.CodeActionContext(diagnostics=[problem]),
        )
    )
    assert actions
    action = actions[0]
    assert isinstance(action, types.CodeAction) and action.edit and action.edit.changes
    (edit,) = action.edit.changes[uri]
    assert edit.new_text == '"anonymous"'


async def test_positions_after_emoji_use_the_negotiated_encoding(
    client: LanguageClient, app: Path
) -> None:
    path = app / "HttpHello" / "function.json"
    text = (
        path.read_text()
        .replace('"route"', '"route"')
        .replace('"authLevel": "nobody"', '"route": "🙂", "authLevel": "nobody"')
    )
    uri = open_document(client, path, text)
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC010" for d in ds))
    problem = next(d for d in found if d.code == "FUNC010")
    line_text = text.splitlines()[problem.range.start.line]
    prefix = line_text[: line_text.index('"nobody"')]
    general = client.capabilities.general
    offered = (general.position_encodings or []) if general else []
    encoding = "utf-8" if "utf-8" in offered else "utf-16"
    expected = (
        len(prefix.encode("utf-8")) if encoding == "utf-8" else len(prefix.encode("utf-16-le")) // 2
    )
    assert problem.range.start.character == expected


async def test_pull_diagnostics(pull_client: LanguageClient, app: Path) -> None:
    uri = open_document(pull_client, app / "HttpHello" / "function.json")
    report = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert any(d.code == "FUNC010" for d in report.items)
    assert uri not in pull_client.diagnostics  # nothing pushed to a pull client


async def test_half_typed_documents_keep_the_server_alive(
    client: LanguageClient, app: Path
) -> None:
    path = app / "HttpHello" / "function.json"
    text = path.read_text()
    uri = open_document(client, path, "")
    for version, end in enumerate(range(0, len(text), 7), start=2):
        change_document(client, uri, version, text[:end])
        await asyncio.wait_for(
            client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(
                        line=text[:end].count("\n"), character=len(text[:end].split("\n")[-1])
                    ),
                )
            ),
            5,
        )
    change_document(client, uri, 999, text)
    await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC010" for d in ds))
