"""The migration of a classic app (function.json folders) to the v2 decorator model, as file
changes.

Nothing of the user's code is imported or run: the app is read through the workspace (open
buffers first), the entry scripts through `ast`. The generated code imports each function's
existing entry point from its own module and applies the decorators to that very function, so
helper modules, relative imports, `scriptFile`/`entryPoint`, `shared_code` and
`context.function_directory` (the folder of the module defining the function, for the v2 worker)
keep working. When some module of the app still relies on the classic worker's `__app__` package
(`from ..shared import x`, `import __app__.x`), function_app.py recreates that package first and
imports the functions through it.
"""

from __future__ import annotations

import ast
import json
import keyword
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Literal

from funcls.core.app_model import FUNCTION_JSON, LOCAL_SETTINGS, FunctionInfo
from funcls.core.jsontree import JsonObject
from funcls.core.migrate.convert import DecoratorCall, convert_bindings
from funcls.core.migrate.render import Block, render_call, render_module
from funcls.core.sources import normalize_path
from funcls.core.v2 import library
from funcls.core.workspace import Workspace

APP_SCRIPT = "function_app.py"
BLUEPRINT_MODULE = "blueprint"
_MAX_SCANNED_FILES = 5000
_SKIPPED_DIRS = frozenset({".venv", "venv", ".python_packages", "node_modules", "__pycache__"})
# function.json keys the v2 model expresses (the rest is listed as not converted)
_HANDLED_KEYS = frozenset({"bindings", "scriptFile", "entryPoint", "disabled", "retry"})
# Retry strategies: function.json spells them as the host's RetryStrategy, the v2 worker as the
# names of the protobuf enum RetryOptions.RetryStrategy it fills (`strategy == "fixed_delay"` in
# azure_functions_runtime/loader.py, build_retry_protos, azure-functions-runtime 1.3.0).
_RETRY_STRATEGIES = {"fixeddelay": "fixed_delay", "exponentialbackoff": "exponential_backoff"}


@dataclass(frozen=True)
class FileChange:
    """Create, replace (whole text) or delete one file."""

    path: str
    kind: Literal["create", "replace", "delete"]
    text: str = ""


@dataclass
class MigrationPlan:
    """The file changes of a migration and what it could not convert."""

    root: str
    changes: list[FileChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)  # function names
    advice: list[str] = field(default_factory=list)  # converted, but also to do by hand


@dataclass
class _Function:
    info: FunctionInfo
    module: str  # dotted module of the entry script
    entry: str
    variable: str
    calls: list[DecoratorCall]
    retry: dict[str, Any] | None
    notes: list[str]


def plan_migration(
    workspace: Workspace,
    root: str,
    *,
    blueprints: bool = False,
    only: str | None = None,
    remove_function_json: bool = True,
) -> MigrationPlan:
    """The changes that move the app at `root` to the v2 model.

    `only` limits the migration to one function folder (its blueprint is registered in an
    existing function_app.py, or a new one); `remove_function_json` adds the deletion of each
    converted folder's function.json.
    """
    root = normalize_path(root)
    plan = MigrationPlan(root)
    lib = library.load()
    if lib is None:
        plan.notes.append("azure-functions is not installed: its decorators cannot be asked")
        return plan
    app = workspace.app(root)
    app_script = os.path.join(root, APP_SCRIPT)
    existing = workspace.read(app_script)
    has_app_script = existing is not None and existing.text is not None
    if has_app_script and only is None:
        plan.notes.append(f"{APP_SCRIPT} exists already: migrate the functions one by one")
        return plan
    infos = [f for f in app.functions if only is None or f.folder == normalize_path(only)]
    if only is not None and existing is not None and existing.text is not None:
        declared = _declared_names(workspace, existing.text, infos)
        for info in [i for i in infos if i.name in declared]:
            plan.notes.append(f"{info.name}: already declared in the v2 model")
        infos = [i for i in infos if i.name not in declared]
    use_app_package = _needs_app_package(workspace, root)
    taken: set[str] = {"app", "func", "bp"}
    functions: list[_Function] = []
    for info in infos:
        converted = _function(workspace, lib, root, info, taken, use_app_package)
        if isinstance(converted, str):
            plan.notes.append(f"{info.name}: {converted}")
            continue
        functions.append(converted)
        plan.notes.extend(f"{info.name}: {n}" for n in converted.notes)
    if not functions:
        if not plan.notes:
            plan.notes.append("no function.json folder to convert")
        return plan
    blueprints = blueprints or only is not None
    plan.advice.extend(_requirement_advice(workspace, root, lib.version))
    settings = _disabled_settings(workspace, root, functions, plan)
    blocks = [_block(fn, "bp" if blueprints else "app") for fn in functions]
    modules: list[tuple[str, str]] = []  # (module, blueprint variable) to register
    if blueprints:
        modules = _blueprint_modules(workspace, root, functions, blocks, use_app_package, plan)
    plan.changes.extend(_package_init_changes(workspace, root, functions, blueprints))
    registrations = [_import_line(m, "bp", v) for m, v in modules]
    if has_app_script and existing is not None and existing.text is not None:
        edit = _register_in_existing(existing.text, registrations, [v for _, v in modules])
        if edit is None:
            plan.notes.append(f"{APP_SCRIPT} has no FunctionApp to register the blueprint in")
        else:
            plan.changes.append(FileChange(app_script, "replace", edit))
    else:
        imports = registrations if blueprints else [b.import_line for b in blocks]
        text = _entry_module(plan, imports, [] if blueprints else blocks, modules, use_app_package)
        plan.changes.append(FileChange(app_script, "create", text))
    if settings is not None:
        plan.changes.append(settings)
    if remove_function_json:
        plan.changes.extend(FileChange(fn.info.json_path, "delete") for fn in functions)
    plan.converted = [fn.info.name for fn in functions]
    return plan


def _entry_module(
    plan: MigrationPlan,
    imports: list[str],
    blocks: list[Block],
    modules: list[tuple[str, str]],
    app_package: bool,
) -> str:
    """The text of a new function_app.py: the FunctionApp, the blueprints it registers and the
    functions declared in it, with the plan's notes and advice."""
    header = ["app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)"]
    header += [f"app.register_functions({v})" for _, v in modules]
    return render_module(
        doc="The functions of this app in the v2 programming model "
        "(converted from the function.json folders by `funcls migrate`).",
        imports=imports,
        header=header,
        blocks=blocks,
        notes=plan.notes,
        advice=plan.advice,
        app_package=app_package,
    )


def _blueprint_modules(
    workspace: Workspace,
    root: str,
    functions: list[_Function],
    blocks: list[Block],
    use_app_package: bool,
    plan: MigrationPlan,
) -> list[tuple[str, str]]:
    """Add one blueprint module per function to `plan`; the (module, blueprint variable) pairs
    the entry file registers."""
    modules: list[tuple[str, str]] = []
    for fn, block in zip(functions, blocks, strict=True):
        path, module = _blueprint_path(workspace, root, fn, use_app_package)
        text = render_module(
            doc=f"The function {fn.info.name} in the v2 programming model "
            f"(converted from its function.json by `funcls migrate`).",
            imports=[block.import_line],
            header=["bp = func.Blueprint()"],
            blocks=[block],
            notes=[],
        )
        plan.changes.append(FileChange(path, "create", text))
        modules.append((module, f"{fn.variable}_bp"))
    return modules


def _package_init_changes(
    workspace: Workspace, root: str, functions: list[_Function], blueprints: bool
) -> list[FileChange]:
    """The `__init__.py` files the converted imports need (each once)."""
    inits: dict[str, FileChange] = {}
    for fn in functions:
        folders = [os.path.dirname(fn.info.script_path or "")]
        if blueprints:
            folders.append(fn.info.folder)  # the blueprint module's package
        for folder in folders:
            inits.update((c.path, c) for c in _package_inits(workspace, root, folder))
    return list(inits.values())


def _function(
    workspace: Workspace,
    lib: library.Library,
    root: str,
    info: FunctionInfo,
    taken: set[str],
    use_app_package: bool,
) -> _Function | str:
    """One function's conversion, or why it cannot be converted."""
    if info.document is None:
        return info.unreadable or "function.json cannot be read"
    value = info.document.value()
    if not isinstance(value, dict) or info.document.errors:
        return "function.json is not a valid JSON object"
    bindings = value.get("bindings")
    if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
        return "`bindings` is not a list of objects"
    if info.script_path is None:
        return "no entry script found in the folder"
    module = _module_of(root, info.script_path)
    if module is None:
        return f"the entry script {info.script_path} is outside the app: it cannot be imported"
    if not info.script_path.endswith(".py"):
        return f"the entry script {os.path.basename(info.script_path)} is not a Python file"
    if use_app_package:
        module = f"__app__.{module}"
    # function_app.py imports every entry module: one that cannot be imported would stop the
    # whole app from indexing, where the classic host lost only that function.
    script = workspace.script(info.script_path)
    if script is None or script.syntax_error is not None or script.tree is None:
        return "the entry script cannot be parsed: importing it would stop the whole app"
    if not _binds(script.tree, info.entry_point):
        return (
            f"the entry point '{info.entry_point}' is not defined in "
            f"{os.path.basename(info.script_path)}: importing it would stop the whole app"
        )
    notes: list[str] = []
    top = module.split(".")[0]
    if top in getattr(sys, "stdlib_module_names", ()):
        notes.append(
            f"the module '{top}' has the name of a standard library module, which is found "
            "first: rename the folder"
        )
    conversion = convert_bindings(lib, bindings)
    notes.extend(conversion.problems)
    for key in value:
        if key not in _HANDLED_KEYS:
            notes.append(f"'{key}' of function.json has no v2 equivalent and is dropped")
    retry = _retry(lib, value.get("retry"), notes)
    variable = _unique(_snake(info.name), taken)
    return _Function(info, module, info.entry_point, variable, conversion.calls, retry, notes)


def _binds(tree: ast.Module, name: str) -> bool:
    """Whether the module may define `name` at some point (any binding of it, or a star
    import): only a name it certainly lacks stops the conversion."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name == name:
                return True
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
            return True
        elif isinstance(node, ast.alias):
            if node.name == "*" or (node.asname or node.name.split(".")[0]) == name:
                return True
    return False


def _retry(lib: library.Library, retry: Any, notes: list[str]) -> dict[str, Any] | None:
    """The arguments of `@app.retry` for function.json's `retry` object."""
    if retry is None:
        return None
    if not isinstance(retry, dict):
        notes.append("'retry' is not an object and is dropped")
        return None
    arguments: dict[str, Any] = {}
    for key, value in retry.items():
        name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()
        if key == "strategy" and isinstance(value, str):
            value = _RETRY_STRATEGIES.get(value.lower(), value)
        if name not in lib.retry_parameters or name == "setting_extra_fields":
            notes.append(f"retry property '{key}' has no argument in @app.retry and is dropped")
            continue
        arguments[name] = str(value) if name == "max_retry_count" else value
    return arguments


def _block(fn: _Function, owner: str) -> Block:
    """The import and decorator applications of one function."""
    import_line = _import_line(fn.module, fn.entry, f"_{fn.variable}_entry")
    alias = f"_{fn.variable}_entry"
    script = os.path.relpath(fn.info.script_path or "", os.path.dirname(fn.info.folder))
    lines = [f"# {fn.info.name}: {script.replace(os.sep, '/')}, entry point {fn.entry}"]
    lines.append(f"{fn.variable} = {alias}")
    for call in fn.calls:
        lines.extend(render_call(fn.variable, owner, call.name, call.arguments))
    if fn.retry is not None:
        lines.extend(render_call(fn.variable, owner, "retry", fn.retry))
    lines.extend(render_call(fn.variable, owner, "function_name", {"name": fn.info.name}))
    return Block(import_line=import_line, lines=lines, notes=fn.notes)


def _import_line(module: str, name: str, alias: str) -> str:
    """`from module import name as alias`, or its importlib form for names Python's import
    statement cannot spell (a folder called `my-function`)."""
    if all(p.isidentifier() and not keyword.iskeyword(p) for p in [*module.split("."), name]):
        return f"from {module} import {name} as {alias}"
    return f"{alias} = getattr(importlib.import_module({json.dumps(module)}), {json.dumps(name)})"


def _module_of(root: str, script: str) -> str | None:
    relative = os.path.relpath(script, root)
    if relative.startswith(".."):
        return None
    parts = os.path.splitext(relative)[0].split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if parts else None


def _blueprint_path(
    workspace: Workspace, root: str, fn: _Function, use_app_package: bool
) -> tuple[str, str]:
    """Where the blueprint of `fn` goes (its own folder) and its dotted module."""
    name = BLUEPRINT_MODULE
    while workspace.sources.exists(os.path.join(fn.info.folder, f"{name}.py")):
        name += "_v2"
    module = f"{os.path.basename(fn.info.folder)}.{name}"
    if use_app_package:
        module = f"__app__.{module}"
    return os.path.join(fn.info.folder, f"{name}.py"), module


def _package_inits(workspace: Workspace, root: str, folder: str) -> list[FileChange]:
    """Empty `__init__.py` files making `folder` and the folders above it (up to the app root)
    packages."""
    changes = []
    while folder.startswith(root + os.sep):
        init = os.path.join(folder, "__init__.py")
        if not workspace.sources.exists(init):
            changes.append(FileChange(init, "create", ""))
        folder = os.path.dirname(folder)
    return changes


def _declared_names(workspace: Workspace, app_text: str, infos: list[FunctionInfo]) -> set[str]:
    """Names given to `function_name(name=...)` in function_app.py and in the blueprint modules
    of the function folders: functions converted before, which must not be declared twice."""
    texts = [app_text]
    for info in infos:
        for name in workspace.sources.list_dir(info.folder):
            if name.startswith(BLUEPRINT_MODULE) and name.endswith(".py"):
                source = workspace.read(os.path.join(info.folder, name))
                texts.append(source.text if source and source.text else "")
    names: set[str] = set()
    for text in texts:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "function_name"
            ):
                values = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "name")]
                names.update(
                    v.value
                    for v in values
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)
                )
    return names


def _register_in_existing(text: str, imports: list[str], variables: list[str]) -> str | None:
    """function_app.py with the blueprints registered in its FunctionApp (appended at the end)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    app = None
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            callee = stmt.value.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if name.endswith("FunctionApp") and isinstance(stmt.targets[0], ast.Name):
                app = stmt.targets[0].id
    if app is None:
        return None
    registrations = [f"{app}.register_functions({v})" for v in variables]
    lines = [text.rstrip("\n"), "", *imports, *registrations]
    return "\n".join(lines) + "\n"


def _requirement_advice(workspace: Workspace, root: str, version: str) -> list[str]:
    """A requirements.txt pin of azure-functions that excludes the release the decorators were
    taken from (an old pin predates `FunctionApp`)."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    source = workspace.read(os.path.join(root, "requirements.txt"))
    if source is None or source.text is None:
        return []
    for line in source.text.splitlines():
        try:
            requirement = Requirement(line.split("#")[0].strip())
        except InvalidRequirement:
            continue
        if canonicalize_name(requirement.name) != "azure-functions":
            continue
        if requirement.specifier and not requirement.specifier.contains(version, prereleases=True):
            return [
                f"requirements.txt asks for azure-functions{requirement.specifier}: the "
                f"decorators written come from azure-functions {version}; update the requirement"
            ]
    return []


def _disabled_settings(
    workspace: Workspace, root: str, functions: list[_Function], plan: MigrationPlan
) -> FileChange | None:
    """`"disabled": true` becomes the app setting `AzureWebJobs.<name>.Disabled`, the way the v2
    model (and the v4 host) disables a function; written into local.settings.json when it
    exists."""
    wanted = {}
    for fn in functions:
        value = fn.info.document.value() if fn.info.document else None
        disabled = value.get("disabled") if isinstance(value, dict) else None
        if disabled is True or (isinstance(disabled, str) and disabled.lower() == "true"):
            wanted[f"AzureWebJobs.{fn.info.name}.Disabled"] = "true"
            # The v4 host does not read `disabled` from function.json (validation-rules H-06):
            # the function runs today, and the setting changes that; say so.
            plan.advice.append(
                f'{fn.info.name} says "disabled": true, which the v4 host ignores (the function '
                f"runs today); local.settings.json now disables it with "
                f"AzureWebJobs.{fn.info.name}.Disabled=true: set that app setting in Azure to "
                "disable it there too, or remove it to keep the function running"
            )
        elif disabled not in (None, False) and not (
            isinstance(disabled, str) and disabled.lower() == "false"
        ):
            plan.notes.append(f"{fn.info.name}: 'disabled': {disabled!r} is not converted")
    if not wanted:
        return None
    path = os.path.join(root, LOCAL_SETTINGS)
    source = workspace.read(path)
    document = workspace.json(path)
    root_node = document.root if document is not None else None
    values = root_node.get_value("Values") if isinstance(root_node, JsonObject) else None
    if source is None or source.text is None or not isinstance(values, JsonObject):
        plan.notes.append(f"{LOCAL_SETTINGS} cannot be updated: add {', '.join(wanted)} yourself")
        return None
    wanted = {k: v for k, v in wanted.items() if values.get(k) is None}
    if not wanted:
        return None
    # Inserted as text after the opening brace of "Values": the rest of the file (its
    # formatting, and the setting values, which no edit should carry) stays as it is.
    text = source.text
    newline = "\r\n" if "\r\n" in text else "\n"
    indent = "    "
    if values.properties:
        line_start = text.rfind("\n", 0, values.properties[0].start) + 1
        indent = text[line_start : values.properties[0].start]
        if indent.strip():
            indent = " "
    entries = [f"{indent}{json.dumps(k)}: {json.dumps(v)}" for k, v in wanted.items()]
    insertion = newline + ("," + newline).join(entries) + ("," if values.properties else "")
    if not values.properties:
        insertion += newline
    at = values.start + 1
    return FileChange(path, "replace", text[:at] + insertion + text[at:])


def _needs_app_package(workspace: Workspace, root: str) -> bool:
    """Whether a module of the app imports through the classic worker's `__app__` package or
    climbs above its folder with a relative import."""
    budget = _MAX_SCANNED_FILES
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith(".")]
        relative = os.path.relpath(folder, root)
        depth = 0 if relative == "." else len(relative.split(os.sep))
        for name in files:
            if not name.endswith(".py"):
                continue
            budget -= 1
            if budget < 0:
                return False
            source = workspace.read(os.path.join(folder, name))
            if source is None or source.text is None:
                continue
            try:
                tree = ast.parse(source.text)
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (
                    node.level > depth or (node.level == 0 and _is_app(node.module))
                ):
                    return True
                if isinstance(node, ast.Import) and any(_is_app(a.name) for a in node.names):
                    return True
    return False


def _is_app(module: str | None) -> bool:
    return module is not None and (module == "__app__" or module.startswith("__app__."))


def _snake(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    text = re.sub(r"\W+", "_", text).strip("_").lower() or "function"
    return f"f_{text}" if text[0].isdigit() else text


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken or not candidate.isidentifier():
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


__all__ = ["APP_SCRIPT", "FUNCTION_JSON", "FileChange", "MigrationPlan", "plan_migration"]
