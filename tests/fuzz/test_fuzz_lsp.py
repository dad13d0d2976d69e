"""Property-based fuzzing of the running server: random edit sequences on the example app's
function.json, host.json, local.settings.json and `__init__.py`, interleaved with requests.

Every request must be answered in time and without an error response, the server must log no
error or traceback, and every range it returns (diagnostics, completion edits, hovers, symbols)
must lie inside the document as the client sees it, in the negotiated position encoding.

CI runs a bounded number of sequences; `FUNCLS_FUZZ_EXAMPLES=1000` (and optionally
`FUNCLS_FUZZ_STEPS`) runs a long one. A failure prints the seed and a `@reproduce_failure` blob;
replay it with `--hypothesis-seed=...` and `FUNCLS_FUZZ_SHRINK=1` to shrink it.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from fuzz.lsp_session import (
    TOTALS,
    Document,
    FuzzSession,
    apply_change,
    check_range,
    dump_server_stacks,
    position_of,
    safe_offset,
    start_session,
    stop_session,
)
from lsp_helpers import completion_edit

EXAMPLES = int(os.environ.get("FUNCLS_FUZZ_EXAMPLES", "15"))
STEPS = int(os.environ.get("FUNCLS_FUZZ_STEPS", "20"))
TIMEOUT = 15.0
_EXAMPLE = 0

FILES = (
    "HttpHello/function.json",
    "QueueWorker/function.json",
    "host.json",
    "local.settings.json",
    "HttpHello/__init__.py",
    "QueueWorker/__init__.py",
)

# Characters that break naive position arithmetic or parsers: astral emoji (two UTF-16 units,
# four UTF-8 bytes), a ZWJ sequence, CJK, combining marks, every line break LSP knows, characters
# Python's str.splitlines also treats as line breaks (LSP does not), NUL, a BOM, a lone
# surrogate, JSON and Python punctuation.
SPECIAL = [
    "😀",
    "👩\u200d💻",
    "漢字",
    "é",
    "e\u0301",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\x0c",
    "\x85",
    "\x00",
    "\ufeff",
    "\ud83d",  # a lone surrogate: JSON can carry one ("\ud83d"), so a client can send it
    '"',
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\\",
    "%",
    "$return",
    "def ",
    "(",
    ")",
    "# ",
    '"type": ',
    '"bindings": [',
    "httpTrigger",
    "func.",
    "import ",
    "os.environ[",
]
PLAIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 _-./", max_size=8)
INSERTED = st.lists(st.one_of(st.sampled_from(SPECIAL), PLAIN), min_size=1, max_size=5).map("".join)
REQUESTS = ("completion", "hover", "definition", "documentSymbol", "codeAction", "diagnostic")


async def _answer(session: FuzzSession, call: Any, what: str) -> Any:
    session.requests += 1
    try:
        return await asyncio.wait_for(call, timeout=TIMEOUT)
    except asyncio.TimeoutError as exc:
        raise AssertionError(
            f"{what}: no answer in {TIMEOUT} s; {dump_server_stacks(session)}"
        ) from exc


async def _request(session: FuzzSession, doc: Document, method: str, offset: int, end: int) -> None:
    client, encoding = session.client, session.encoding
    ident = types.TextDocumentIdentifier(uri=doc.uri)
    position = position_of(doc.text, offset, encoding)
    what = f"{method} at {position} of {doc.uri} v{doc.version}"
    if method == "completion":
        result = await _answer(
            session,
            client.text_document_completion_async(
                types.CompletionParams(text_document=ident, position=position)
            ),
            what,
        )
        items = result.items if isinstance(result, types.CompletionList) else (result or [])
        for item in items:
            edit = completion_edit(result, item)
            if edit is not None:
                check_range(doc.text, edit.range, encoding, f"{what}: item {item.label!r}")
    elif method == "hover":
        result = await _answer(
            session,
            client.text_document_hover_async(
                types.HoverParams(text_document=ident, position=position)
            ),
            what,
        )
        if result is not None and result.range is not None:
            check_range(doc.text, result.range, encoding, what)
    elif method == "definition":
        result = await _answer(
            session,
            client.text_document_definition_async(
                types.DefinitionParams(text_document=ident, position=position)
            ),
            what,
        )
        for location in result or []:
            target = session.documents.get(getattr(location, "uri", ""))
            if target is not None:
                check_range(target.text, location.range, encoding, what)
    elif method == "documentSymbol":
        result = await _answer(
            session,
            client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=ident)
            ),
            what,
        )
        stack = list(result or [])
        while stack:
            symbol = stack.pop()
            if isinstance(symbol, types.DocumentSymbol):
                check_range(doc.text, symbol.range, encoding, f"{what}: {symbol.name!r}")
                check_range(doc.text, symbol.selection_range, encoding, f"{what}: selection")
                stack.extend(symbol.children or [])
    elif method == "codeAction":
        rng = types.Range(start=position, end=position_of(doc.text, end, encoding))
        result = await _answer(
            session,
            client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=ident,
                    range=rng,
                    context=types.CodeActionContext(diagnostics=[]),
                )
            ),
            what,
        )
        for action in result or []:
            edit = getattr(action, "edit", None)
            for uri, edits in ((edit.changes or {}) if edit else {}).items():
                target = session.documents.get(uri)
                for text_edit in edits if target else []:
                    check_range(target.text, text_edit.range, encoding, f"{what}: fix")
    elif method == "diagnostic" and session.pull:
        result = await _answer(
            session,
            client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=ident)
            ),
            what,
        )
        for diagnostic in getattr(result, "items", []):
            check_range(doc.text, diagnostic.range, encoding, f"{what}: {diagnostic.code}")


def _send_change(session: FuzzSession, doc: Document, changes: list[Any]) -> None:
    doc.version += 1
    doc.history[doc.version] = doc.text
    session.edits += 1
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
            content_changes=changes,
        )
    )


def _edit(session: FuzzSession, doc: Document, data: st.DataObject) -> None:
    kind = data.draw(
        st.sampled_from(["insert", "insert", "delete", "paste", "multi", "replace", "line-ends"]),
        label="edit",
    )
    encoding = session.encoding
    if kind in ("insert", "delete", "paste", "multi"):
        count = data.draw(st.integers(2, 3), label="changes") if kind == "multi" else 1
        changes = []
        for _ in range(count):
            start = safe_offset(doc.text, data.draw(st.integers(0, len(doc.text)), label="at"))
            if kind == "delete":
                length = data.draw(st.integers(0, 40), label="length")
                end = safe_offset(doc.text, min(len(doc.text), start + length))
                new = ""
            else:
                end = start
                if kind == "paste":
                    source = session.documents[
                        data.draw(st.sampled_from(sorted(session.documents)))
                    ]
                    a = data.draw(st.integers(0, len(source.text)), label="from")
                    new = source.text[a : a + data.draw(st.integers(1, 200), label="size")]
                else:
                    new = data.draw(INSERTED, label="text")
            rng = types.Range(
                start=position_of(doc.text, start, encoding),
                end=position_of(doc.text, end, encoding),
            )
            doc.text = apply_change(doc.text, start, end, new)
            changes.append(types.TextDocumentContentChangePartial(range=rng, text=new))
        _send_change(session, doc, changes)
        return
    if kind == "replace":
        choice = data.draw(st.sampled_from(["other file", "prefix", "empty", "original"]))
        if choice == "other file":
            text = session.documents[data.draw(st.sampled_from(sorted(session.documents)))].text
        elif choice == "prefix":
            text = doc.text[: data.draw(st.integers(0, len(doc.text)))]
        elif choice == "empty":
            text = ""
        else:
            text = (session.app / _relative(session, doc.uri)).read_text(encoding="utf-8")
    else:
        text = (
            re.sub(r"\r?\n", "\r\n", doc.text)
            if data.draw(st.booleans(), label="crlf")
            else doc.text.replace("\r\n", "\n")
        )
    doc.text = text
    _send_change(session, doc, [types.TextDocumentContentChangeWholeDocument(text=text)])


def _relative(session: FuzzSession, uri: str) -> str:
    return next(name for name in FILES if (session.app / name).as_uri() == uri)


async def _check_published(session: FuzzSession, edited: set[str]) -> None:
    """Push clients: every edited document gets diagnostics for its final version, and every
    published range lies inside the text of the version it was computed for."""
    published: list[types.PublishDiagnosticsParams] = session.client.published  # type: ignore[attr-defined]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    for uri in edited:
        doc = session.documents[uri]
        while not any(p.uri == uri and p.version == doc.version for p in published):
            assert loop.time() < deadline, (
                f"no diagnostics for {uri} v{doc.version}; {dump_server_stacks(session)}"
            )
            await asyncio.sleep(0.02)
    for params in published:
        doc = session.documents.get(params.uri)
        if doc is None or params.version is None:
            continue
        text = doc.history.get(params.version)
        assert text is not None, f"diagnostics for unknown version {params.version}"
        for diagnostic in params.diagnostics:
            check_range(text, diagnostic.range, session.encoding, f"{params.uri} v{params.version}")
    published.clear()


# VS Code 1.65's capabilities: push diagnostics, UTF-16; Neovim 0.11's: pull diagnostics, UTF-8.
@pytest.mark.parametrize("client_name", ["visual-studio-code", "neovim"])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    # One server per example makes shrinking slow; FUNCLS_FUZZ_SHRINK=1 turns it on.
    phases=[Phase.explicit, Phase.generate]
    + ([Phase.shrink] if os.environ.get("FUNCLS_FUZZ_SHRINK") else []),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
async def test_random_edits_and_requests(
    client_name: str, tmp_path: Path, data: st.DataObject
) -> None:
    """One server per example, so a failing example replays (and shrinks) on its own."""
    global _EXAMPLE
    _EXAMPLE += 1
    session = await start_session(client_name, tmp_path, log_name=f"server-{_EXAMPLE}.log")
    try:
        await _run_example(session, data)
    finally:
        await stop_session(session)
    TOTALS["edits"] += session.edits
    TOTALS["requests"] += session.requests


async def _run_example(session: FuzzSession, data: st.DataObject) -> None:
    client = session.client
    session.documents.clear()
    for name in FILES:
        path = session.app / name
        text = path.read_text(encoding="utf-8")
        doc = Document(uri=path.as_uri(), text=text, history={1: text})
        session.documents[doc.uri] = doc
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=doc.uri,
                    language_id="python" if name.endswith(".py") else "json",
                    version=1,
                    text=text,
                )
            )
        )
    uris = sorted(session.documents)
    edited: set[str] = set()
    try:
        for _ in range(data.draw(st.integers(1, STEPS), label="steps")):
            doc = session.documents[data.draw(st.sampled_from(uris), label="document")]
            if data.draw(st.integers(0, 4), label="op") < 3:
                _edit(session, doc, data)
                edited.add(doc.uri)
            else:
                method = data.draw(st.sampled_from(REQUESTS), label="request")
                offset = safe_offset(doc.text, data.draw(st.integers(0, len(doc.text))))
                end = safe_offset(doc.text, data.draw(st.integers(offset, len(doc.text))))
                await _request(session, doc, method, offset, end)
        # One more request per document: the server is still there and caught up.
        for uri in uris:
            doc = session.documents[uri]
            await _request(session, doc, "diagnostic" if session.pull else "hover", 0, 0)
        if not session.pull:
            await _check_published(session, edited)
        errors = session.new_log_errors()
        assert not errors, "the server logged errors:\n" + "\n".join(errors[:20])
    finally:
        for uri in uris:
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=uri)
                )
            )
