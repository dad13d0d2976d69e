"""pytest-lsp fixtures: `funcls --stdio` as a subprocess, driven with real clients' capabilities.

`client` runs each test with VS Code's and Neovim's recorded capabilities (push diagnostics;
Neovim negotiates UTF-8 positions); `pull_client` adds pull diagnostics as current VS Code has.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import SERVER

INIT_OPTIONS = {"diagnostics": {"debounceMs": 0}}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-app"

pytestmark = pytest.mark.e2e


def capabilities(name: str) -> types.ClientCapabilities:
    """Recorded capabilities of a client, or VS Code's plus pull diagnostics for `pull`."""
    if name != "pull":
        return client_capabilities(name)
    caps = client_capabilities("visual-studio-code")
    assert caps.text_document is not None
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
        dynamic_registration=False, related_document_support=True
    )
    if caps.workspace is not None:
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    return caps


async def _start(lsp_client: LanguageClient, name: str) -> None:
    # Real clients accept dynamic registrations; the test client needs a handler for them.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        lsp_client.registrations = getattr(lsp_client, "registrations", []) + list(  # type: ignore[attr-defined]
            params.registrations
        )

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(name),
            initialization_options=INIT_OPTIONS,
            process_id=None,
        )
    )


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER), params=["visual-studio-code", "neovim"]
)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A session with a push-diagnostics client."""
    await _start(lsp_client, request.param)
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=5)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pull_client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    """A session with a pull-diagnostics client."""
    await _start(lsp_client, "pull")
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=5)


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A fresh copy of the example app."""
    target = tmp_path / "sample-app"
    shutil.copytree(EXAMPLE, target)
    return target
