"""Every file of the app has its diagnostics without being opened (`diagnostics.scope`):
pushed to push clients, answered through `workspace/diagnostic` to pull clients, updated by
edits of other files, cleared when a function goes away."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import SERVER, change_document, open_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-app"

Found = list[types.Diagnostic]


def capabilities(name: str) -> types.ClientCapabilities:
    """Recorded capabilities of a client; `pull` is VS Code's with pull diagnostics."""
    caps = client_capabilities("visual-studio-code" if name == "pull" else name)
    if name == "pull":
        assert caps.text_document is not None and caps.workspace is not None
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
            dynamic_registration=False, related_document_support=True
        )
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    return caps


def _has(code: str) -> Callable[[Found], bool]:
    return lambda found: any(d.code == code for d in found)


def _lacks(code: str) -> Callable[[Found], bool]:
    return lambda found: not any(d.code == code for d in found)


async def _start(client: LanguageClient, caps: str, app: Path, options: dict[str, Any]) -> None:
    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        return None

    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(caps),
            initialization_options={"diagnostics": {"debounceMs": 0, **options}},
            workspace_folders=[types.WorkspaceFolder(uri=app.as_uri(), name="app")],
            root_uri=app.as_uri(),
            process_id=None,
        )
    )
    client.server_caps = result.capabilities  # type: ignore[attr-defined]


@pytest.fixture
def app(tmp_path: Path) -> Path:
    target = tmp_path / "sample-app"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER), params=["visual-studio-code", "neovim"]
)
async def push_client(
    lsp_client: LanguageClient, app: Path, request: pytest.FixtureRequest
) -> AsyncIterator[None]:
    """A push client whose workspace folder is the app."""
    await _start(lsp_client, request.param, app, {})
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=5)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pull_client(lsp_client: LanguageClient, app: Path) -> AsyncIterator[None]:
    """A pull client (current VS Code's capabilities) whose workspace folder is the app."""
    await _start(lsp_client, "pull", app, {})
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=5)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def open_files_client(lsp_client: LanguageClient, app: Path) -> AsyncIterator[None]:
    """A push client with `diagnostics.scope` = `openFiles`."""
    await _start(lsp_client, "visual-studio-code", app, {"scope": "openFiles"})
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=5)


async def pushed(
    client: LanguageClient, path: Path, predicate: Callable[[Found], bool], timeout: float = 30
) -> Found:
    """The diagnostics pushed for `path` once they satisfy `predicate`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = client.diagnostics.get(path.as_uri())
        if found is not None and predicate(list(found)):
            return list(found)
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no matching diagnostics pushed for {path}: {found}")
        await asyncio.sleep(0.02)


def _watched(client: LanguageClient, *changes: tuple[Path, types.FileChangeType]) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=p.as_uri(), type=t) for p, t in changes]
        )
    )


# -- push --------------------------------------------------------------------------------------
async def test_unopened_files_get_their_diagnostics_after_the_scan(
    push_client: LanguageClient, app: Path
) -> None:
    timer = app / "NightlyCleanup" / "function.json"
    found = await pushed(push_client, timer, lambda d: _has("FUNC211")(d) and _has("FUNC130")(d))
    assert all(d.source == "funcls" for d in found)
    line = timer.read_text().splitlines()[
        next(d for d in found if d.code == "FUNC211").range.start.line
    ]
    assert '"name": "timer"' in line
    await pushed(push_client, app / "NightlyCleanup" / "__init__.py", _has("FUNC210"))
    await pushed(push_client, app / "QueueWorker" / "function.json", _has("FUNC511"))
    await pushed(push_client, app / "HttpHello" / "function.json", _has("FUNC010"))


async def test_an_edit_of_a_script_updates_its_unopened_function_json(
    push_client: LanguageClient, app: Path
) -> None:
    json_path = app / "HttpHello" / "function.json"
    script = app / "HttpHello" / "__init__.py"
    await pushed(push_client, json_path, _has("FUNC010"))
    uri = open_document(push_client, script)
    renamed = script.read_text().replace("req", "request")
    change_document(push_client, uri, 2, renamed)
    found = await pushed(push_client, json_path, _has("FUNC211"))
    assert any("'req'" in d.message for d in found if d.code == "FUNC211")
    change_document(push_client, uri, 3, script.read_text())
    await pushed(push_client, json_path, _lacks("FUNC211"))


async def test_an_edited_setting_updates_the_functions_that_use_it(
    push_client: LanguageClient, app: Path
) -> None:
    queue = app / "QueueWorker" / "function.json"
    await pushed(push_client, queue, _has("FUNC511"))
    settings = app / "local.settings.json"
    uri = open_document(push_client, settings)
    text = settings.read_text().replace(
        '"FUNCTIONS_WORKER_RUNTIME"',
        '"OrdersQueue": "UseDevelopmentStorage=true",\n    "FUNCTIONS_WORKER_RUNTIME"',
    )
    change_document(push_client, uri, 2, text)
    await pushed(push_client, queue, _lacks("FUNC511"))


async def test_a_deleted_function_has_its_diagnostics_cleared(
    push_client: LanguageClient, app: Path
) -> None:
    timer = app / "NightlyCleanup" / "function.json"
    script = app / "NightlyCleanup" / "__init__.py"
    await pushed(push_client, timer, _has("FUNC211"))
    shutil.rmtree(app / "NightlyCleanup")
    _watched(
        push_client,
        (timer, types.FileChangeType.Deleted),
        (script, types.FileChangeType.Deleted),
    )
    await pushed(push_client, timer, lambda found: found == [])
    await pushed(push_client, script, lambda found: found == [])


async def test_a_file_changed_on_disk_is_checked_again(
    push_client: LanguageClient, app: Path
) -> None:
    timer = app / "NightlyCleanup" / "function.json"
    await pushed(push_client, timer, _has("FUNC130"))
    timer.write_text(timer.read_text().replace('"0 2 * * *"', '"0 0 2 * * *"'))
    _watched(push_client, (timer, types.FileChangeType.Changed))
    await pushed(push_client, timer, _lacks("FUNC130"))


async def test_closing_a_file_keeps_the_diagnostics_of_its_disk_text(
    push_client: LanguageClient, app: Path
) -> None:
    """(With Neovim's capabilities the open document is pulled, and its push cleared.)"""
    json_path = app / "HttpHello" / "function.json"
    await pushed(push_client, json_path, _has("FUNC010"))
    uri = open_document(push_client, json_path)
    change_document(push_client, uri, 2, json_path.read_text().replace('"nobody"', '"function"'))
    await pushed(push_client, json_path, _lacks("FUNC010"))
    push_client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await pushed(push_client, json_path, _has("FUNC010"))  # the unsaved edit is gone


# -- pull --------------------------------------------------------------------------------------
async def _workspace(
    client: LanguageClient, previous: dict[str, str] | None = None
) -> dict[str, Any]:
    report = await client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(
            previous_result_ids=[
                types.PreviousResultId(uri=u, value=v) for u, v in (previous or {}).items()
            ]
        )
    )
    return {item.uri: item for item in report.items}


def _ids(items: dict[str, Any]) -> dict[str, str]:
    return {uri: item.result_id for uri, item in items.items() if item.result_id}


async def test_workspace_diagnostics_are_pulled_with_result_ids(
    pull_client: LanguageClient, app: Path
) -> None:
    options = pull_client.server_caps.diagnostic_provider  # type: ignore[attr-defined]
    assert options.workspace_diagnostics is True
    items = await _workspace(pull_client)
    timer = items[(app / "NightlyCleanup" / "function.json").as_uri()]
    assert timer.kind == "full"
    assert {d.code for d in timer.items} >= {"FUNC211", "FUNC130"}
    assert (app / "host.json").as_uri() in items
    again = await _workspace(pull_client, _ids(items))
    assert again.keys() == items.keys()
    assert all(item.kind == "unchanged" for item in again.values())

    # An edit of the open script changes the unopened function.json, and only it and the script.
    script = app / "NightlyCleanup" / "__init__.py"
    uri = open_document(pull_client, script)
    change_document(pull_client, uri, 2, script.read_text().replace("mytimer", "timer"))
    changed = await _workspace(pull_client, _ids(items))
    full = {u for u, item in changed.items() if item.kind == "full"}
    assert full == {timer.uri, uri}
    assert not any(d.code == "FUNC211" for d in changed[timer.uri].items)
    assert changed[uri].version == 2
    await asyncio.sleep(0.3)
    assert pull_client.diagnostics == {}  # nothing pushed to a client that pulls


async def test_a_pull_client_is_asked_to_refresh_when_an_unopened_file_changes(
    pull_client: LanguageClient, app: Path
) -> None:
    items = await _workspace(pull_client)
    refreshes = pull_client.diagnostic_refresh_count
    timer = app / "NightlyCleanup" / "function.json"
    timer.write_text(timer.read_text().replace('"0 2 * * *"', '"0 0 2 * * *"'))
    _watched(pull_client, (timer, types.FileChangeType.Changed))
    deadline = asyncio.get_running_loop().time() + 30
    while pull_client.diagnostic_refresh_count == refreshes:
        assert asyncio.get_running_loop().time() < deadline, "no workspace/diagnostic/refresh"
        await asyncio.sleep(0.02)
    changed = await _workspace(pull_client, _ids(items))
    assert not any(d.code == "FUNC130" for d in changed[timer.as_uri()].items)
    # Its script's problem points at a line of it (related information): sent again too.
    full = {u for u, item in changed.items() if item.kind == "full"}
    assert timer.as_uri() in full
    assert full <= {timer.as_uri(), (app / "NightlyCleanup" / "__init__.py").as_uri()}


async def test_a_deleted_function_is_reported_empty_to_a_pull_client(
    pull_client: LanguageClient, app: Path
) -> None:
    items = await _workspace(pull_client)
    timer = app / "NightlyCleanup" / "function.json"
    shutil.rmtree(app / "NightlyCleanup")
    _watched(pull_client, (timer, types.FileChangeType.Deleted))
    changed = await _workspace(pull_client, _ids(items))
    assert changed[timer.as_uri()].kind == "full" and list(changed[timer.as_uri()].items) == []
    assert (app / "NightlyCleanup" / "__init__.py").as_uri() in changed
    assert all(
        item.kind == "unchanged"
        for uri, item in changed.items()
        if "NightlyCleanup" not in uri and "HttpHello" not in uri
    )


async def test_a_pull_client_that_never_pulls_the_workspace_gets_unopened_files_pushed(
    pull_client: LanguageClient, app: Path
) -> None:
    """Neovim 0.11 pulls open documents only: the others are pushed, and a file it opens is
    cleared from the push side (it is pulled from then on)."""
    timer = app / "NightlyCleanup" / "function.json"
    await pushed(pull_client, timer, _has("FUNC211"))
    open_document(pull_client, timer)
    await pushed(pull_client, timer, lambda found: found == [])
    report = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=timer.as_uri())
        )
    )
    assert any(d.code == "FUNC211" for d in report.items)
    unchanged = await pull_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=timer.as_uri()),
            previous_result_id=report.result_id,
        )
    )
    assert unchanged.kind == "unchanged" and unchanged.result_id == report.result_id
    # Asking for workspace diagnostics stops the pushes and clears those already made.
    script = app / "NightlyCleanup" / "__init__.py"
    await pushed(pull_client, script, _has("FUNC210"))
    await _workspace(pull_client)
    await pushed(pull_client, script, lambda found: found == [])


# -- scope -------------------------------------------------------------------------------------
async def test_scope_open_files_reports_open_documents_only(
    open_files_client: LanguageClient, app: Path
) -> None:
    json_path = app / "HttpHello" / "function.json"
    open_document(open_files_client, json_path)
    await pushed(open_files_client, json_path, _has("FUNC010"))
    await asyncio.sleep(1.0)  # the scan is over well before (4 functions)
    assert set(open_files_client.diagnostics) == {json_path.as_uri()}
    items = await _workspace(open_files_client)
    assert items == {}


async def test_switching_scope_to_open_files_clears_unopened_files(
    push_client: LanguageClient, app: Path
) -> None:
    timer = app / "NightlyCleanup" / "function.json"
    await pushed(push_client, timer, _has("FUNC211"))
    push_client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"funcls": {"diagnostics": {"debounceMs": 0, "scope": "openFiles"}}}
        )
    )
    await pushed(push_client, timer, lambda found: found == [])
    push_client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"funcls": {"diagnostics": {"debounceMs": 0, "scope": "workspace"}}}
        )
    )
    await pushed(push_client, timer, _has("FUNC211"))
