"""The one list of checks and problem codes. A new check family adds its entries here.

The worker's load rules (FUNC201-225) are one function check, `worker_load.check_function`: it
builds the function's view once and runs their families (entry, context, pairing, annotations,
invocation, return) in the worker's order; `worker_load.CODES` gathers the families' codes."""

from __future__ import annotations

from funcls.core.checks import (
    app_storage_checks,
    binding_type_checks,
    discovery,
    extensions_checks,
    funcignore_checks,
    function_semantics,
    host_checks,
    imports,
    json_checks,
    local_settings_checks,
    requirements_checks,
    settings_checks,
    v2_checks,
    v2_import_checks,
    values_checks,
    worker_load,
)
from funcls.core.checks.base import AppCheck, FileCheck, FunctionCheck
from funcls.core.checks.json_file import check_json_file
from funcls.core.checks.schema_overlap import without_duplicates
from funcls.core.checks.unreadable import check_unreadable
from funcls.core.problems import Code

FILE_CHECKS: dict[str, tuple[FileCheck, ...]] = {
    "function.json": (
        without_duplicates(check_json_file, "function.json"),
        discovery.check_function_json_location,
        discovery.check_hostless_function_json,
    ),
    "host.json": (without_duplicates(check_json_file, "host.json"), host_checks.check_host_json),
    "local.settings.json": (
        without_duplicates(check_json_file, "local.settings.json"),
        local_settings_checks.check_local_settings,
    ),
    "requirements.txt": (check_unreadable, requirements_checks.check_requirements),
    ".funcignore": (check_unreadable, funcignore_checks.check_funcignore),
    "extensions.csproj": (check_unreadable, extensions_checks.check_extensions_project),
    "python": (
        check_unreadable,
        imports.check_python_file,
        discovery.check_hostless_v2_script,
    ),
}

FUNCTION_CHECKS: tuple[FunctionCheck, ...] = (
    discovery.check_function_discovery,
    function_semantics.check_function_semantics,
    values_checks.check_function_values,
    settings_checks.check_function_settings,
    worker_load.check_function,
    imports.check_function_imports,
)

# A v2 function: the same rules on the bindings its decorators produce; the function.json
# folder's own rules (folder name, script discovery, allow-list) do not apply.
V2_FUNCTION_CHECKS: tuple[FunctionCheck, ...] = (
    function_semantics.check_function_semantics,
    values_checks.check_function_values,
    settings_checks.check_function_settings,
    worker_load.check_function,
    imports.check_function_imports,
)

APP_CHECKS: tuple[AppCheck, ...] = (
    discovery.check_app_discovery,
    values_checks.check_route_conflicts,
    app_storage_checks.check_app_storage,
    local_settings_checks.check_local_settings_exists,
    local_settings_checks.check_python_version,
    host_checks.check_proxies,
    requirements_checks.check_requirements_exists,
    funcignore_checks.check_funcignore_missing,
    v2_checks.check_v2_app,
    v2_import_checks.check_v2_import_annotations,
)

ALL_CODES: tuple[Code, ...] = (
    *json_checks.CODES,
    *discovery.CODES,
    *function_semantics.CODES,
    *binding_type_checks.CODES,
    *values_checks.CODES,
    *settings_checks.CODES,
    *app_storage_checks.CODES,
    *host_checks.CODES,
    *extensions_checks.CODES,
    *local_settings_checks.CODES,
    *requirements_checks.CODES,
    *funcignore_checks.CODES,
    *worker_load.CODES,
    *imports.CODES,
    *v2_checks.CODES,
)
