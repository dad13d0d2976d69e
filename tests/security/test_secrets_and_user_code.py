"""No user code runs and no setting value leaves local.settings.json, whatever the client asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import SERVER, diagnostics_for, open_document

SENTINEL = "SENTINEL-5f2c9d1e-never-shown"


def _app(root: Path, marker: Path) -> Path:
    """An app whose every Python file would create `marker` if it were imported or run."""
    touch = f"open({str(marker)!r}, 'w').write('ran')\n"
    (root / "shared_code").mkdir(parents=True)
    (root / "host.json").write_text('{"version": "2.0"}')
    (root / "local.settings.json").write_text(
        json.dumps(
            {
                "IsEncrypted": False,
                "Values": {
                    "FUNCTIONS_WORKER_RUNTIME": "python",
                    "AzureWebJobsStorage": SENTINEL,
                    "OrdersQueue": SENTINEL,
                    "ApiToken": SENTINEL,
                    "Placeholder": "{" + SENTINEL + "}",
                },
            },
            indent=2,
        )
    )
    (root / "requirements.txt").write_text("azure-functions\n")
    (root / "shared_code" / "__init__.py").write_text(touch)
    (root / "shared_code" / "helpers.py").write_text(touch + "def greet():\n    return 'hi'\n")
    function = root / "Orders"
    function.mkdir()
    (function / "function.json").write_text(
        json.dumps(
            {
                "bindings": [
                    {
                        "type": "queueTrigger",
                        "direction": "in",
                        "name": "msg",
                        "queueName": "orders",
                        "connection": "OrdersQueue",
                    },
                    {
                        "type": "queue",
                        "direction": "out",
                        "name": "out",
                        "queueName": "%ApiToken%",
                        "connection": "Missing",
                    },
                ]
            },
            indent=2,
        )
    )
    (function / "__init__.py").write_text(
        "import os\n\nimport azure.functions as func\n\nfrom shared_code import helpers\n"
        + touch
        + "\n\ndef main(msg: func.QueueMessage, out: func.QueueMessage) -> None:\n"
        "    token = os.environ['ApiToken']\n"
        "    other = os.getenv('OrdersQueue')\n"
        "    helpers.greet()\n"
    )
    venv_python = root / ".venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text(f"#!/bin/sh\necho ran > {marker}\n")
    venv_python.chmod(0o755)
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("security")
    marker = base / "PWNED"
    log = base / "server.log"
    return _app(base / "app", marker), marker, log


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, hostile: tuple[Path, Path, Path]):  # type: ignore[no-untyped-def]
    app, _, log = hostile
    lsp_client.server_command = SERVER  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        return None

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=app.as_uri(), name="app")],
            initialization_options={"diagnostics": {"debounceMs": 0}},
        )
    )
    yield
    await lsp_client.shutdown_session()


def _positions(text: str) -> list[types.Position]:
    lines = text.splitlines()
    return [
        types.Position(line=i, character=c)
        for i, line in enumerate(lines)
        for c in range(0, len(line) + 1, 3)
    ]


async def test_nothing_leaks_and_nothing_runs(
    client: LanguageClient, hostile: tuple[Path, Path, Path]
) -> None:
    app, marker, _ = hostile
    seen: list[str] = []
    for path in (
        app / "Orders" / "function.json",
        app / "Orders" / "__init__.py",
        app / "local.settings.json",
        app / "host.json",
    ):
        uri = open_document(client, path)
        found = await diagnostics_for(client, uri)
        seen.append(json.dumps([d.message for d in found]))
        text = path.read_text()
        for position in _positions(text):
            ident = types.TextDocumentIdentifier(uri=uri)
            hover = await client.text_document_hover_async(
                types.HoverParams(text_document=ident, position=position)
            )
            completion = await client.text_document_completion_async(
                types.CompletionParams(text_document=ident, position=position)
            )
            definition = await client.text_document_definition_async(
                types.DefinitionParams(text_document=ident, position=position)
            )
            seen += [repr(hover), repr(completion), repr(definition)]
        for diagnostic in found:
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=diagnostic.range,
                    context=types.CodeActionContext(diagnostics=[diagnostic]),
                )
            )
            seen.append(repr(actions))
    everything = "\n".join(seen) + repr(client.log_messages) + repr(client.diagnostics)
    assert SENTINEL not in everything
    assert any("Missing" in text for text in seen)  # the checks really ran
    assert not marker.exists(), "user code was executed"


def test_check_command_neither_leaks_nor_runs(hostile: tuple[Path, Path, Path]) -> None:
    app, marker, _ = hostile
    for output in ("text", "json", "sarif"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "funcls",
                "check",
                str(app),
                "--format",
                output,
                "--log-level",
                "debug",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert "Missing" in done.stdout
        assert SENTINEL not in done.stdout + done.stderr
    assert not marker.exists(), "user code was executed"
