"""The initial scan of a large workspace reports progress with percentages."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import SERVER

FUNCTION_JSON = (
    '{"bindings": [{"type": "queueTrigger", "direction": "in", "name": "msg", '
    '"queueName": "q%d", "connection": "AzureWebJobsStorage"}]}'
)
SCRIPT = "import azure.functions as func\n\n\ndef main(msg: func.QueueMessage) -> None:\n    pass\n"


def _big_app(root: Path, functions: int) -> Path:
    (root / "host.json").parent.mkdir(parents=True, exist_ok=True)
    (root / "host.json").write_text('{"version": "2.0"}')
    for index in range(functions):
        folder = root / f"Fn{index:04d}"
        folder.mkdir()
        (folder / "function.json").write_text(FUNCTION_JSON % index)
        (folder / "__init__.py").write_text(SCRIPT)
    return root


@pytest.fixture(scope="module")
def big_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _big_app(tmp_path_factory.mktemp("scan") / "app", 1500)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def scanning_client(lsp_client: LanguageClient, big_app: Path):  # type: ignore[no-untyped-def]
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        return None

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=big_app.as_uri(), name="app")],
            initialization_options={"diagnostics": {"debounceMs": 0}},
        )
    )
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=10)


async def test_progress_is_reported_with_percentages(scanning_client: LanguageClient) -> None:
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        reports = [
            r for token_reports in scanning_client.progress_reports.values() for r in token_reports
        ]
        if any(isinstance(r, types.WorkDoneProgressEnd) for r in reports):
            break
        assert asyncio.get_running_loop().time() < deadline, reports
        await asyncio.sleep(0.05)
    begin = next(r for r in reports if isinstance(r, types.WorkDoneProgressBegin))
    assert begin.percentage == 0
    percentages = [r.percentage for r in reports if isinstance(r, types.WorkDoneProgressReport)]
    assert percentages and percentages[-1] == 100
    assert percentages == sorted(percentages)
