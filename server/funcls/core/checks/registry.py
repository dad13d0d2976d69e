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
    feature_flags,
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
    v2_retry,
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
        feature_flags.check_feature_flags,
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
    v2_retry.check_v2_retry,
    feature_flags.check_worker_indexing,
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
    *feature_flags.CODES,
    *requirements_checks.CODES,
    *funcignore_checks.CODES,
    *worker_load.CODES,
    *imports.CODES,
    *v2_checks.CODES,
    *v2_retry.CODES,
)

# Which programming model each code applies to. The v2 family's codes exist only for decorated
# functions; the codes below only for function.json folders: the folder and its name, the
# scriptFile and entry-point discovery, function.json-only properties (`disabled`, `retry`,
# `inout`), the trigger count FUNC702/703 say in decorator terms, the durable wrapper of a
# classic entry point, and the imports only a function folder's package can get wrong. Every
# other code is reported in both models (the shared files, and the rules of the bindings and
# parameters the two models produce alike).
CLASSIC_ONLY: frozenset[str] = frozenset(
    {
        "FUNC100",  # folder name
        "FUNC101",  # a function.json folder ignored beside function_app.py
        "FUNC102",  # 'disabled'/'excluded' in function.json
        "FUNC104",  # function.json too deep
        "FUNC105",  # entry script not Python
        "FUNC106",  # a function.json folder left out by the host.json allow-list
        "FUNC107",  # no function folders (a v2 app is not judged)
        "FUNC113",  # triggers counted in function.json (FUNC703 for decorators)
        "FUNC114",  # no trigger binding (FUNC702 for decorators)
        "FUNC116",  # 'inout' direction: no decorator writes it
        "FUNC123",  # scriptFile
        "FUNC124",  # entry script discovery
        "FUNC125",  # retry in function.json
        "FUNC201",  # scriptFile outside the app root
        "FUNC219",  # the durable wrapper of a classic entry point
        "FUNC225",  # function folder name imported by tests
        "FUNC303",  # implicit sibling import inside a function folder
    }
)
V2_ONLY: frozenset[str] = frozenset(
    c.id for c in (*v2_checks.CODES, *v2_retry.CODES, feature_flags.NO_WORKER_INDEXING)
)
MODELS = ("classic", "v2", "both")


def model_of(code: str) -> str:
    """`classic`, `v2` or `both`: the programming model(s) a code applies to."""
    if code in V2_ONLY:
        return "v2"
    return "classic" if code in CLASSIC_ONLY else "both"
