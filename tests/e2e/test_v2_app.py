"""Through the LSP client: a v2 app's function_app.py gets diagnostics on the decorator argument
at fault, in the negotiated position encoding, and an edit that fixes it clears them."""

from __future__ import annotations

import shutil
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

SAMPLE = Path(__file__).resolve().parents[1] / "apps" / "v2" / "web-and-jobs"
GOOD = '@app.queue_trigger(arg_name="msg", queue_name="orders-in", connection="OrdersStorage")'
# non-ASCII text before the argument makes UTF-8, UTF-16 and code-point columns differ
BAD = '@app.queue_trigger(queue_name="x😀x", arg_name="mgs", connection="OrdersStorage")'


def _v2_app(tmp_path: Path) -> Path:
    target = tmp_path / "web-and-jobs"
    shutil.copytree(SAMPLE, target)
    return target


def _column(client: LanguageClient, line_text: str, offset: int) -> int:
    general = client.capabilities.general
    offered = (general.position_encodings or []) if general else []
    prefix = line_text[:offset]
    if "utf-8" in offered:
        return len(prefix.encode("utf-8"))
    return len(prefix.encode("utf-16-le")) // 2


async def test_decorator_argument_diagnostic(client: LanguageClient, tmp_path: Path) -> None:
    app = _v2_app(tmp_path)
    script = app / "function_app.py"
    good = script.read_text(encoding="utf-8")
    assert GOOD in good
    bad = good.replace(GOOD, BAD)
    uri = open_document(client, script, bad)
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC211" for d in ds))
    problem = next(d for d in found if d.code == "FUNC211")
    assert problem.severity == types.DiagnosticSeverity.Error
    assert problem.source == "funcls"
    line_text = bad.splitlines()[problem.range.start.line]
    start = line_text.index('"mgs"')
    assert problem.range.start.character == _column(client, line_text, start)
    assert problem.range.end.character == _column(client, line_text, start + len('"mgs"'))
    change_document(client, uri, 2, good)
    await diagnostics_for(client, uri, lambda ds: not any(d.code == "FUNC211" for d in ds))


async def test_pulled_diagnostics_of_a_blueprint(
    pull_client: LanguageClient, tmp_path: Path
) -> None:
    app = _v2_app(tmp_path)
    blueprint = app / "blueprints" / "reports.py"
    text = blueprint.read_text(encoding="utf-8").replace('"0 0 * * * *"', '"0 0 * * *"')
    uri = open_document(pull_client, blueprint, text)
    found = await diagnostics_for(pull_client, uri, lambda ds: any(d.code for d in ds))
    (problem,) = [d for d in found if d.severity == types.DiagnosticSeverity.Error]
    line_text = text.splitlines()[problem.range.start.line]
    assert line_text[problem.range.start.character : problem.range.end.character] in (
        '"0 0 * * *"',
        "0 0 * * *",
    )


def _position(text: str, needle: str, shift: int) -> types.Position:
    offset = text.index(needle) + shift
    line = text.count("\n", 0, offset)
    return types.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


async def test_editor_features_on_decorators(client: LanguageClient, tmp_path: Path) -> None:
    app = _v2_app(tmp_path)
    script = app / "function_app.py"
    text = script.read_text(encoding="utf-8")
    uri = open_document(client, script, text)
    document = types.TextDocumentIdentifier(uri=uri)
    # definition: from arg_name="msg" to the parameter msg
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=document, position=_position(text, 'arg_name="msg"', 11)
        )
    )
    assert isinstance(result, list) and len(result) == 1
    target = result[0]
    assert isinstance(target, types.Location)
    assert target.range.start == _position(text, "msg: func.QueueMessage, receipt", 0)
    # hover on a decorator: the binding's documentation and the schedule in words
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=_position(text, "schedule(", 2))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "timerTrigger" in hover.contents.value and "fires" in hover.contents.value
    # rename from the arg_name side renames the parameter and its uses
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=document,
            position=_position(text, 'arg_name="receipt"', 11),
            new_name="invoice",
        )
    )
    assert edit is not None
    changes = edit.changes or {}
    edits = changes.get(uri) or [
        e
        for change in edit.document_changes or []
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        for e in change.edits
        if isinstance(e, types.TextEdit)
    ]
    renamed = apply_text_edits(text, list(edits))
    assert 'arg_name="invoice"' in renamed and "invoice: func.Out[str]" in renamed
    assert "invoice.set(" in renamed and "receipt" not in renamed.split("def process_order")[1]


async def test_completion_in_a_half_typed_decorator(client: LanguageClient, tmp_path: Path) -> None:
    app = _v2_app(tmp_path)
    script = app / "function_app.py"
    old = 'connection="OrdersStorage")\n@app.blob_output'
    text = script.read_text(encoding="utf-8").replace(old, 'connection="Or\n@app.blob_output')
    uri = open_document(client, script, text)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=_position(text, 'connection="Or\n', len('connection="Or')),
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    item = next(i for i in items if i.label == "OrdersStorage")
    edit = completion_edit(result, item)
    assert edit is not None
    completed = apply_text_edits(text, [edit])
    assert 'connection="OrdersStorage\n@app.blob_output' in completed


async def test_quick_fix_edits_the_decorator(client: LanguageClient, tmp_path: Path) -> None:
    """The code action of a binding without its parameter renames `arg_name` in the decorator
    call; no action edits a function.json."""
    app = _v2_app(tmp_path)
    script = app / "function_app.py"
    good = script.read_text(encoding="utf-8")
    bad = good.replace(GOOD, GOOD.replace('arg_name="msg"', 'arg_name="mgs"'))
    uri = open_document(client, script, bad)
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC211" for d in ds))
    problem = next(d for d in found if d.code == "FUNC211")
    actions = await code_actions_for(client, uri, problem)
    assert actions
    for action in actions:
        assert action.edit is not None and action.edit.changes is not None
        assert all(not target.endswith("function.json") for target in action.edit.changes)
    fix = next(a for a in actions if a.title == "Rename binding 'mgs' to 'msg' in the decorators")
    assert fix.is_preferred
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply_text_edits(bad, list(fix.edit.changes[uri]))
    assert fixed == good
    change_document(client, uri, 2, fixed)
    await diagnostics_for(client, uri, lambda ds: not any(d.code == "FUNC211" for d in ds))
