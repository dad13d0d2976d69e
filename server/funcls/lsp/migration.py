"""Code actions converting a classic function or app to the v2 model: the core's file changes
as a WorkspaceEdit (CreateFile + TextDocumentEdit), offered when the client applies such edits."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.capabilities import get_capability

from funcls.core.migrate.actions import migration_offers
from funcls.core.migrate.plan import FileChange
from funcls.core.problems import Span

if TYPE_CHECKING:
    from funcls.lsp.server import FunclsServer

KIND = types.CodeActionKind.RefactorRewrite


async def migration_actions(
    ls: FunclsServer, path: str, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """The migration actions for `path`, when the client wants refactorings and can create
    files through a WorkspaceEdit."""
    only = params.context.only
    if only and not any(KIND.value.startswith(getattr(k, "value", k)) for k in only):
        return []
    # Creating a file is a resource operation, which exists only inside `documentChanges`: a
    # client announcing it applies those (Neovim's recorded capabilities omit documentChanges).
    operations = get_capability(
        ls.client_capabilities, "workspace.workspace_edit.resource_operations", None
    )
    if types.ResourceOperationKind.Create not in (operations or []):
        return []
    offers = await ls.run_analysis(functools.partial(migration_offers, ls.core, path))
    actions = []
    for offer in offers:
        edit = _edit(ls, offer.changes)
        if edit is not None:
            actions.append(types.CodeAction(title=offer.title, kind=KIND, edit=edit))
    return actions


def _edit(ls: FunclsServer, changes: tuple[FileChange, ...]) -> types.WorkspaceEdit | None:
    operations: list[types.TextDocumentEdit | types.CreateFile] = []
    for change in changes:
        uri = ls.uri_of(change.path)
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None)
        if change.kind == "create":
            operations.append(types.CreateFile(uri=uri))
            start = types.Position(line=0, character=0)
            edit = types.TextEdit(range=types.Range(start=start, end=start), new_text=change.text)
        elif change.kind == "replace":
            positions = ls.positions(change.path)
            source = ls.core.read(change.path)
            if positions is None or source is None or source.text is None:
                return None
            span, text = _changed_part(source.text, change.text)
            edit = types.TextEdit(range=positions.range(span), new_text=text)
        else:
            continue  # the editor's action never deletes function.json
        if change.text:
            operations.append(types.TextDocumentEdit(text_document=document, edits=[edit]))
    return types.WorkspaceEdit(document_changes=operations) if operations else None


def _changed_part(before: str, after: str) -> tuple[Span, str]:
    """The smallest span of `before` to replace, and its new text, to make `after` (the common
    start and end stay out of the edit: an inserted setting carries no other setting's value)."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]
    ):
        suffix += 1
    return Span(prefix, len(before) - suffix), after[prefix : len(after) - suffix]
