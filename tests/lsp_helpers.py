"""Helpers for end-to-end tests that drive funcls through a pytest-lsp client."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

SERVER = [sys.executable, "-m", "funcls", "--stdio"]


def open_document(client: LanguageClient, path: Path, text: str | None = None) -> str:
    """didOpen a file (its disk text unless given) and return its URI."""
    uri = path.as_uri()
    language = "python" if path.suffix == ".py" else "json"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id=language,
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def change_document(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Replace a document's whole text through an incremental-sync change."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def uses_pull(client: LanguageClient) -> bool:
    """True when the client pulls diagnostics (the server then pushes none)."""
    text_document = client.capabilities.text_document if client.capabilities else None
    return bool(text_document and text_document.diagnostic)


async def diagnostics_for(
    client: LanguageClient, uri: str, predicate=None, timeout: float = 30.0
) -> list[types.Diagnostic]:
    """The document's diagnostics once they satisfy `predicate`: pulled from the server when the
    client pulls, else waited for as pushed notifications."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if uses_pull(client):
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            found = list(getattr(report, "items", []))
        else:
            pushed = client.diagnostics.get(uri)
            found = None if pushed is None else list(pushed)
        if found is not None and (predicate is None or predicate(found)):
            return found
        if loop.time() > deadline:
            raise AssertionError(f"no matching diagnostics for {uri}: {found}")
        await asyncio.sleep(0.02)


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (ASCII-safe positions) to a text, last edit first."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        return min(starts[min(position.line, len(starts) - 1)] + position.character, len(text))

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def code_actions_for(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    """The quick fixes the server offers for one diagnostic."""
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return [a for a in actions or [] if isinstance(a, types.CodeAction)]


def completion_edit(result: object, item: types.CompletionItem) -> types.TextEdit | None:
    """The edit a completion item makes, its list's `itemDefaults.editRange` applied."""
    if isinstance(item.text_edit, types.TextEdit):
        return item.text_edit
    defaults = result.item_defaults if isinstance(result, types.CompletionList) else None
    edit_range = defaults.edit_range if defaults is not None else None
    if isinstance(edit_range, types.Range):
        return types.TextEdit(range=edit_range, new_text=item.text_edit_text or item.label)
    return None
