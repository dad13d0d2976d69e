"""Through the LSP client: a v2 app's function_app.py gets diagnostics on the decorator argument
at fault, in the negotiated position encoding, and an edit that fixes it clears them."""

from __future__ import annotations

import shutil
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import change_document, diagnostics_for, open_document

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
