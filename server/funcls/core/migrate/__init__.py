"""Migration of classic (function.json) apps to the v2 decorator model.

`plan_migration` returns plain file changes (create, replace, delete) and the list of what could
not be converted; the CLI prints or writes them, the language server turns them into a
WorkspaceEdit. The decorators and their arguments are asked of the installed azure-functions
library (`funcls.core.v2.library`), and every decorator call is checked on it before it is
written (`convert`).
"""

from funcls.core.migrate.output import apply_changes, unified_diff
from funcls.core.migrate.plan import APP_SCRIPT, FileChange, MigrationPlan, plan_migration

__all__ = [
    "APP_SCRIPT",
    "FileChange",
    "MigrationPlan",
    "apply_changes",
    "plan_migration",
    "unified_diff",
]
