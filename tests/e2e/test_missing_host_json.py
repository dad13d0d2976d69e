"""An app missing its host.json is reported in the editor, not only by `funcls check`."""

from __future__ import annotations

import json
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import diagnostics_for, open_document

QUEUE = {"type": "queueTrigger", "direction": "in", "name": "msg", "queueName": "orders"}


def _hostless_app(root: Path) -> Path:
    for name in ("Orders", "Billing"):
        folder = root / "project" / name
        folder.mkdir(parents=True)
        (folder / "function.json").write_text(json.dumps({"bindings": [QUEUE]}, indent=2))
        (folder / "__init__.py").write_text("def main(msg) -> None:\n    pass\n")
    return root / "project"


async def test_opened_function_json_without_host_json(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = _hostless_app(tmp_path)
    uri = open_document(client, project / "Orders" / "function.json")
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "FUNC108" for d in ds))
    problem = next(d for d in found if d.code == "FUNC108")
    assert problem.severity == types.DiagnosticSeverity.Error
    assert "'Billing'" in problem.message and "'Orders'" in problem.message
    assert problem.range.start == types.Position(line=0, character=0)
    # Adding host.json makes it an app: the error goes.
    (project / "host.json").write_text('{"version": "2.0"}')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(project / "host.json").as_uri(), type=types.FileChangeType.Created
                )
            ]
        )
    )
    await diagnostics_for(client, uri, lambda ds: not any(d.code == "FUNC108" for d in ds))


async def test_pulled_diagnostics_of_a_function_json_without_host_json(
    pull_client: LanguageClient, tmp_path: Path
) -> None:
    project = _hostless_app(tmp_path)
    uri = open_document(pull_client, project / "Billing" / "function.json")
    await diagnostics_for(pull_client, uri, lambda ds: any(d.code == "FUNC108" for d in ds))
