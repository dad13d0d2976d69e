"""JSON completion and hover answer while the analysis thread is held in the middle of a rescan.

The server (`held_analysis_server.py`) stops its analysis thread inside the workspace's lock
while a `hold` file exists, as a long rescan of a large app does; the requests are answered
meanwhile, and the diagnostics arrive once the hold is released.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import diagnostics_for, open_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-app"
# made by the fixture and removed after the test (nothing is created when tests are collected)
HOLD = Path(tempfile.gettempdir()) / f"funcls-held-analysis-{os.getpid()}"
SERVER = [sys.executable, str(Path(__file__).with_name("held_analysis_server.py")), str(HOLD)]
ANSWER_WITHIN = 20.0  # seconds: only a request waiting for the held analysis comes near it

pytestmark = pytest.mark.e2e


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def held_client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    """A push-diagnostics session whose analysis thread waits while `HOLD/hold` exists."""
    HOLD.mkdir(exist_ok=True)
    (HOLD / "entered").unlink(missing_ok=True)
    (HOLD / "hold").write_text("")

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        """Accepted, as real clients do."""

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"diagnostics": {"debounceMs": 0}},
            process_id=None,
        )
    )
    yield
    (HOLD / "hold").unlink(missing_ok=True)
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=10)
    shutil.rmtree(HOLD, ignore_errors=True)


async def _entered() -> None:
    for _ in range(3000):
        if (HOLD / "entered").exists():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the analysis never reached the held rescan")


def _position(text: str, needle: str) -> types.Position:
    offset = text.index(needle) + len(needle)
    line = text[:offset].count("\n")
    return types.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


async def test_completion_and_hover_answer_while_the_analysis_is_held(
    held_client: LanguageClient, tmp_path: Path
) -> None:
    app = tmp_path / "sample-app"
    shutil.copytree(EXAMPLE, app)
    function_json = app / "HttpHello" / "function.json"
    uri = open_document(held_client, function_json)  # its diagnostics start the analysis
    await _entered()

    text = function_json.read_text()
    completion = held_client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=_position(text, '"bindings": [\n    {'),
        )
    )
    result = await asyncio.wait_for(completion, ANSWER_WITHIN)
    items = result.items if isinstance(result, types.CompletionList) else result or []
    labels = {item.label for item in items}
    assert "route" in labels and "authLevel" not in labels  # keys of this httpTrigger
    settings = app / "local.settings.json"
    settings_uri = open_document(held_client, settings)
    hover = held_client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=settings_uri),
            position=_position(settings.read_text(), '"Values": {\n    "'),
        )
    )
    answer = await asyncio.wait_for(hover, ANSWER_WITHIN)
    assert answer is not None and "App setting" in str(answer.contents)
    assert (HOLD / "hold").exists()  # the analysis was held all along
    assert held_client.diagnostics.get(uri) is None

    (HOLD / "hold").unlink()
    await diagnostics_for(held_client, uri, lambda ds: any(d.code == "FUNC010" for d in ds))
