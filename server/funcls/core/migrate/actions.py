"""The editor's migration actions: on a function.json, convert that function; on host.json, the
whole app. Plain file changes; the language server turns them into a WorkspaceEdit.

The function.json files stay (the editor's action creates and edits files only; `funcls migrate
--write` removes them): the generated code lists that they are to be deleted once checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from funcls.core.app_model import FUNCTION_JSON, HOST_JSON
from funcls.core.migrate.plan import APP_SCRIPT, FileChange, plan_migration
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace

CONVERT_FUNCTION = "Convert this function to the v2 model"
CONVERT_APP = "Convert the app to the v2 model"


@dataclass(frozen=True)
class MigrationOffer:
    """One action: its title, the file changes, and what it could not convert."""

    title: str
    changes: tuple[FileChange, ...]
    notes: tuple[str, ...]


def migration_offers(workspace: Workspace, path: str) -> list[MigrationOffer]:
    """The migration actions offered in the file at `path` (none for other files)."""
    path = normalize_path(path)
    name = os.path.basename(path)
    root = workspace.app_root_for(path)
    if root is None or name not in (FUNCTION_JSON, HOST_JSON):
        return []
    if name == FUNCTION_JSON:
        folder = os.path.dirname(path)
        if os.path.dirname(folder) != root:
            return []
        plan = plan_migration(workspace, root, only=folder, remove_function_json=False)
        title = CONVERT_FUNCTION
    else:
        if os.path.dirname(path) != root or workspace.sources.exists(
            os.path.join(root, APP_SCRIPT)
        ):
            return []
        plan = plan_migration(workspace, root, remove_function_json=False)
        title = CONVERT_APP
    if not plan.converted:
        return []
    return [MigrationOffer(title, tuple(plan.changes), tuple(plan.notes))]
