"""The only module that registers handlers, one short function per feature area.

Each handler translates the request, calls the core (the checks through `ls.analyzer`, the other
features through `ls.features`, both built on first use), and translates the answer back; every
request handler is wrapped so an exception is logged and answered with an empty result."""

from __future__ import annotations

import functools
import logging
import os
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcInvalidRequest

from funcls.lsp.convert import Positions, completion_list
from funcls.lsp.migration import migration_actions
from funcls.lsp.server import FunclsServer, run_safe, use_lsp_lines
from funcls.lsp.stdio import watch_client

if TYPE_CHECKING:
    from funcls.core.features.symbols import Symbol

log = logging.getLogger(__name__)

WATCHED_GLOBS = (
    "**/function.json",
    "**/host.json",
    "**/local.settings.json",
    "**/requirements.txt",
    "**/.funcignore",
    "**/extensions.csproj",
    "**/*.py",
    "**/proxies.json",  # not analysed, but its presence is reported on host.json (C-14)
)
TRIGGER_CHARACTERS = ['"', ":", "%", "(", ",", "["]

_SYMBOL_KINDS = {
    "object": types.SymbolKind.Module,
    "array": types.SymbolKind.Array,
    "property": types.SymbolKind.Property,
    "string": types.SymbolKind.String,
    "number": types.SymbolKind.Number,
    "boolean": types.SymbolKind.Boolean,
    "null": types.SymbolKind.Null,
    "event": types.SymbolKind.Event,
    "binding": types.SymbolKind.Interface,
}


def _warm_up(ls: FunclsServer) -> None:
    """Load the core and build the feature service and the analyzer ahead of the first request."""
    try:
        ls.features  # noqa: B018  (built on first access)
        ls.analyzer  # noqa: B018
    except Exception:
        log.exception("loading the analysis failed")


def create_server() -> FunclsServer:
    """A server with every handler registered, one feature area after the other."""
    server = FunclsServer()
    for register in (
        _register_lifecycle,
        _register_documents,
        _register_diagnostics,
        _register_completion,
        _register_hover_and_symbols,
        _register_code_actions,
        _register_navigation,
    ):
        register(server)
    return server


# -- lifecycle -------------------------------------------------------------------------------------
def _register_lifecycle(server: FunclsServer) -> None:
    server.feature(types.INITIALIZE)(initialize)
    server.feature(types.INITIALIZED)(initialized)
    server.feature(types.SHUTDOWN)(shutdown)
    server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)(did_change_configuration)


def initialize(ls: FunclsServer, params: types.InitializeParams) -> None:
    """Record what the client can do; watch its process; apply the initialization options."""
    use_lsp_lines(ls.workspace)
    if params.process_id is not None:
        watch_client(params.process_id)
    options = params.initialization_options
    ls.init_options = options if isinstance(options, dict) else {}
    capabilities = ls.client_capabilities
    ls.pull_diagnostics = get_capability(capabilities, "text_document.diagnostic", None) is not None
    ls.snippets = bool(
        get_capability(
            capabilities, "text_document.completion.completion_item.snippet_support", False
        )
    )
    resolvable = get_capability(
        capabilities, "text_document.completion.completion_item.resolve_support.properties", []
    )
    ls.lazy_documentation = "documentation" in (resolvable or [])
    defaults = get_capability(
        capabilities, "text_document.completion.completion_list.item_defaults", []
    )
    ls.shared_edit_range = "editRange" in (defaults or [])
    ls.apply_settings()
    log.info(
        "funcls initialised (%s diagnostics, encoding %s)",
        "pull" if ls.pull_diagnostics else "push",
        ls.workspace.position_encoding,
    )


async def initialized(ls: FunclsServer, params: types.InitializedParams) -> None:
    """Load the core in the background, register watchers, fetch settings, scan the workspace."""
    try:
        ls.executor.submit(_warm_up, ls)
        await _register_dynamic(ls)
        await _fetch_configuration(ls)
        await ls.initial_scan()
    except Exception:
        log.exception("post-initialisation set-up failed")


def shutdown(ls: FunclsServer, params: None) -> None:
    """Stop the analysis thread; jobs not started are dropped."""
    ls.executor.shutdown(wait=False, cancel_futures=True)


async def did_change_configuration(
    ls: FunclsServer, params: types.DidChangeConfigurationParams
) -> None:
    """Take the settings pushed (or fetch them) and re-check."""
    settings = params.settings
    if isinstance(settings, dict) and isinstance(settings.get("funcls"), dict):
        ls.client_settings = settings["funcls"]
        ls.apply_settings()
    else:
        await _fetch_configuration(ls)
    ls.refresh_related(None)


# -- documents and files ---------------------------------------------------------------------------
def _register_documents(server: FunclsServer) -> None:
    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(did_open)
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    server.feature(types.TEXT_DOCUMENT_DID_SAVE)(did_save)
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)(did_change_watched)


def did_open(ls: FunclsServer, params: types.DidOpenTextDocumentParams) -> None:
    """Read the buffer into the core; deliver its diagnostics and re-check the files it affects."""
    path = ls.sync_document(params.text_document.uri)
    ls.schedule(params.text_document.uri, 0)
    if ls.pull_diagnostics:
        ls.workspace_diagnostics.deliver_soon()  # a file pushed unopened is pulled now
    if path is not None:
        ls.refresh_related(path)


def did_change(ls: FunclsServer, params: types.DidChangeTextDocumentParams) -> None:
    """Copy the edited buffer into the core and re-check the files of its app."""
    uri = params.text_document.uri
    if ls.open_document(uri) is None:
        return  # not open (logged by the protocol)
    path = ls.sync_document(uri)
    ls.refresh_related(path)


def did_save(ls: FunclsServer, params: types.DidSaveTextDocumentParams) -> None:
    """A save changes nothing for an open buffer; an unopened file is read again."""
    # An open buffer is what the analysis reads, saved or not: nothing changed for it (a
    # structural change would drop every cached result, a whole-app re-check per save).
    path = ls.path_of(params.text_document.uri)
    if path is not None and not ls.core.sources.is_open(path):
        ls.core.sources.file_changed(path)


def did_close(ls: FunclsServer, params: types.DidCloseTextDocumentParams) -> None:
    """The file is read from disk again; its diagnostics are cleared or kept (workspace scope)."""
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is not None:
        ls.core.sources.close(path)
        ls.forget(path)
    ls.clear(uri)
    if path is not None:
        ls.refresh_related(path)


def did_change_watched(ls: FunclsServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Files changed on disk (not open): forget them and re-check their apps."""
    changed: list[str] = []
    for event in params.changes:
        path = ls.path_of(event.uri)
        if path is None or ls.core.sources.is_open(path):
            continue
        ls.core.sources.file_changed(path)
        ls.forget(path)
        changed.append(path)
    roots = {ls.core.app_root_for(p) for p in changed}
    for root in roots:
        ls.refresh_related(os.path.join(root, "host.json") if root else None)


# -- diagnostics (pull) ----------------------------------------------------------------------------
def _register_diagnostics(server: FunclsServer) -> None:
    options = types.DiagnosticOptions(
        identifier="funcls", inter_file_dependencies=True, workspace_diagnostics=True
    )
    server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, options)(pull_diagnostics)
    server.feature(types.WORKSPACE_DIAGNOSTIC)(workspace_diagnostics)


@run_safe(lambda: types.RelatedFullDocumentDiagnosticReport(items=[]))
async def pull_diagnostics(
    ls: FunclsServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport:
    """The problems of one file, computed on the analysis thread for its current version."""
    path = ls.path_of(params.text_document.uri)
    if path is None or ls.features.file_kind(path) is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    uri = params.text_document.uri
    ls.core.sources.disk_changed(path)  # a file pulled unopened may have changed on disk
    for _ in range(3):  # results of a version edited meanwhile are dropped and redone
        opened = ls.open_document(uri)
        version = opened.version if opened else None
        problems = await ls.run_analysis(functools.partial(ls.problems_of, path))
        opened = ls.open_document(uri)
        if (opened.version if opened else None) == version:
            break
    entry = ls.workspace_diagnostics.pulled(path, problems)
    if params.previous_result_id == entry.result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=entry.result_id)
    return types.RelatedFullDocumentDiagnosticReport(
        items=ls.to_diagnostics(path, problems), result_id=entry.result_id
    )


@run_safe(lambda: types.WorkspaceDiagnosticReport(items=[]))
async def workspace_diagnostics(
    ls: FunclsServer, params: types.WorkspaceDiagnosticParams
) -> types.WorkspaceDiagnosticReport:
    """The files of the workspace not open (see `workspace_diagnostics.py`)."""
    return await ls.workspace_diagnostics.report(list(params.previous_result_ids))


# -- completion ------------------------------------------------------------------------------------
def _register_completion(server: FunclsServer) -> None:
    options = types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS, resolve_provider=True)
    server.feature(types.TEXT_DOCUMENT_COMPLETION, options)(completion)
    server.feature(types.COMPLETION_ITEM_RESOLVE)(resolve_completion)


@run_safe(lambda: types.CompletionList(is_incomplete=False, items=[]))
async def completion(ls: FunclsServer, params: types.CompletionParams) -> types.CompletionList:
    """JSON completion on the loop (cheap); Python completion on the analysis thread."""
    path, offset = _locate(ls, params.text_document.uri, params.position)
    positions = ls.positions(path) if path else None
    if path is None or positions is None:
        return types.CompletionList(is_incomplete=False, items=[])
    features = ls.features
    if path.endswith(".py"):
        call = functools.partial(features.complete_python, ls.core, path, offset, ls.settings)
        proposals = await ls.run_analysis(call)
    else:
        proposals = features.complete(ls.snapshot(), path, offset)
    result = completion_list(proposals, positions, ls.snippets, ls.shared_edit_range)
    if ls.lazy_documentation:
        _defer_documentation(ls, result, [p.documentation for p in proposals])
    return result


def _defer_documentation(
    ls: FunclsServer, result: types.CompletionList, documentation: list[str | None]
) -> None:
    """Leave the items' documentation for `completionItem/resolve` (see `lazy_documentation`)."""
    if not any(item.documentation for item in result.items):
        return
    token = ls.remember_documentation(documentation)
    for index, item in enumerate(result.items):
        if item.documentation is not None:
            item.documentation = None
            item.data = [token, index]


@run_safe(lambda: None)
async def resolve_completion(ls: FunclsServer, item: types.CompletionItem) -> types.CompletionItem:
    """An item's documentation, kept since its list was sent."""
    data = item.data
    if isinstance(data, list) and len(data) == 2:
        documentation = ls.documentation_of(data[0], data[1])
        if documentation:
            item.documentation = types.MarkupContent(
                kind=types.MarkupKind.Markdown, value=documentation
            )
    return item


# -- hover and outline -----------------------------------------------------------------------------
def _register_hover_and_symbols(server: FunclsServer) -> None:
    server.feature(types.TEXT_DOCUMENT_HOVER)(on_hover)
    server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)(symbols)


@run_safe(lambda: None)
async def on_hover(ls: FunclsServer, params: types.HoverParams) -> types.Hover | None:
    """JSON hover on the loop (cheap); Python hover on the analysis thread."""
    path, offset = _locate(ls, params.text_document.uri, params.position)
    positions = ls.positions(path) if path else None
    if path is None or positions is None:
        return None
    features = ls.features
    if path.endswith(".py"):
        call = functools.partial(features.hover_python, ls.core, path, offset, ls.settings)
        result = await ls.run_analysis(call)
    else:
        result = features.hover(ls.snapshot(), path, offset)
    if result is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=result.markdown),
        range=positions.range(result.span),
    )


@run_safe(lambda: [])
async def symbols(
    ls: FunclsServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    """The outline of a JSON file."""
    path = ls.path_of(params.text_document.uri)
    positions = ls.positions(path) if path else None
    if path is None or positions is None:
        return []
    return [_symbol(s, positions) for s in ls.features.symbols(ls.snapshot(), path)]


# -- code actions ----------------------------------------------------------------------------------
def _register_code_actions(server: FunclsServer) -> None:
    kinds = [types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]
    options = types.CodeActionOptions(code_action_kinds=kinds)
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)(code_actions)


@run_safe(lambda: [])
async def code_actions(ls: FunclsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """The fixes of the problems in the range, then the migration actions."""
    path = ls.path_of(params.text_document.uri)
    positions = ls.positions(path) if path else None
    if path is None or positions is None:
        return []
    start = positions.offset(params.range.start)
    end = positions.offset(params.range.end)
    problems = await ls.run_analysis(functools.partial(ls.problems_of, path))
    actions: list[types.CodeAction] = []
    for problem in problems:
        if not problem.fixes or problem.span.end < start or problem.span.start > end:
            continue
        diagnostic = ls.to_diagnostics(path, [problem])
        for fix in problem.fixes:
            edit = _workspace_edit(ls, fix.edits)
            if edit is None:
                continue
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=diagnostic,
                    edit=edit,
                    is_preferred=fix.preferred or None,
                )
            )
    return actions + await migration_actions(ls, path, params)


# -- navigation and rename -------------------------------------------------------------------------
def _register_navigation(server: FunclsServer) -> None:
    server.feature(types.TEXT_DOCUMENT_DEFINITION)(definition)
    server.feature(types.TEXT_DOCUMENT_REFERENCES)(references)
    server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)(prepare_rename)
    server.feature(types.TEXT_DOCUMENT_RENAME)(rename)


@run_safe(lambda: [])
async def definition(ls: FunclsServer, params: types.DefinitionParams) -> list[types.Location]:
    """Binding name <-> parameter, `scriptFile` -> script, `entryPoint` -> function."""
    path, offset = _locate(ls, params.text_document.uri, params.position)
    if path is None:
        return []
    call = functools.partial(ls.features.definition, ls.core, path, offset)
    return _locations(ls, await ls.run_analysis(call))


@run_safe(lambda: [])
async def references(ls: FunclsServer, params: types.ReferenceParams) -> list[types.Location]:
    """A binding name and its parameter's uses, in both files."""
    path, offset = _locate(ls, params.text_document.uri, params.position)
    if path is None:
        return []
    include = params.context.include_declaration
    call = functools.partial(ls.features.references, ls.core, path, offset, include)
    return _locations(ls, await ls.run_analysis(call))


@run_safe(lambda: None)
async def prepare_rename(ls: FunclsServer, params: types.PrepareRenameParams) -> types.Range | None:
    """The range a rename would change here, or None."""
    path, offset = _locate(ls, params.text_document.uri, params.position)
    if path is None:
        return None
    call = functools.partial(ls.features.prepare_rename, ls.core, path, offset)
    span = await ls.run_analysis(call)
    positions = ls.positions(path)
    return positions.range(span) if span is not None and positions else None


async def rename(ls: FunclsServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    """Rename a binding and its parameter together; a refusal is answered as an error."""
    path, offset = _locate(ls, params.text_document.uri, params.position)
    if path is None:
        return None
    features = ls.features
    try:
        call = functools.partial(features.rename, ls.core, path, offset, params.new_name)
        result = await ls.run_analysis(call)
    except Exception:
        log.exception("rename failed")
        return None
    if isinstance(result, features.RenameError):
        raise JsonRpcInvalidRequest(result.message)
    return _workspace_edit(ls, result)


def _locate(ls: FunclsServer, uri: str, position: types.Position) -> tuple[str | None, int]:
    path = ls.path_of(uri)
    positions = ls.positions(path) if path else None
    if path is None or positions is None:
        return None, 0
    return path, positions.offset(position)


def _locations(ls: FunclsServer, found: list) -> list[types.Location]:  # type: ignore[type-arg]
    result = []
    for location in found:
        positions = ls.positions(location.path)
        if positions is not None:
            result.append(
                types.Location(uri=ls.uri_of(location.path), range=positions.range(location.span))
            )
    return result


def _workspace_edit(ls: FunclsServer, edits: object) -> types.WorkspaceEdit | None:
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:  # type: ignore[attr-defined]
        positions = ls.positions(edit.path)
        if positions is None:
            return None
        changes.setdefault(ls.uri_of(edit.path), []).append(
            types.TextEdit(range=positions.range(edit.span), new_text=edit.new_text)
        )
    return types.WorkspaceEdit(changes=changes) if changes else None


def _symbol(symbol: Symbol, positions: Positions) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=symbol.name or "\u200b",
        detail=symbol.detail,
        kind=_SYMBOL_KINDS.get(symbol.kind, types.SymbolKind.Field),
        range=positions.range(symbol.span),
        selection_range=positions.range(symbol.selection),
        children=[_symbol(c, positions) for c in symbol.children] or None,
    )


async def _register_dynamic(ls: FunclsServer) -> None:
    registrations = []
    if get_capability(
        ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False
    ):
        registrations.append(
            types.Registration(
                id="funcls-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED_GLOBS]
                ),
            )
        )
    if get_capability(
        ls.client_capabilities, "workspace.did_change_configuration.dynamic_registration", False
    ):
        registrations.append(
            types.Registration(
                id="funcls-configuration", method=types.WORKSPACE_DID_CHANGE_CONFIGURATION
            )
        )
    if registrations:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=registrations)
        )


async def _fetch_configuration(ls: FunclsServer) -> None:
    if not get_capability(ls.client_capabilities, "workspace.configuration", False):
        return
    try:
        result = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="funcls")])
        )
    except Exception:
        log.debug("workspace/configuration failed", exc_info=True)
        return
    value = result[0] if result else None
    ls.client_settings = value if isinstance(value, dict) else {}
    ls.apply_settings()
