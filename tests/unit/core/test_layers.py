"""The folder tree shows the architecture: no module of the analysis core imports a higher layer.

Every module under server/funcls/core belongs to one layer (its package, or for a module at the
top of core/ its own name); a module may import its own layer and the layers below it, never one
above. Imports are read with `ast`, so an import inside a function or under TYPE_CHECKING counts
too: a lazy import is still a dependency. docs/architecture.md describes the same order.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[3] / "server" / "funcls" / "core"

# Lowest first. A name is a package under core/ (every module in it) or a module at its top.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Text and JSON, positions, problems, the open buffers, value syntaxes: no app concept yet.
    (
        "foundations",
        (
            "text",
            "jsontree",
            "json_nodes",
            "json_parser",
            "problems",
            "spans",
            "sources",
            "reads",
            "settings",
            "requirements_file",
            "values",
        ),
    ),
    # The app: functions, bindings, the script's ast view, the workspace that parses each file
    # once, the v2 reader that produces the same functions, host.json and local.settings.json.
    (
        "model",
        ("app_model", "pyentry", "workspace", "snapshot", "app_settings", "host_config", "v2"),
    ),
    # One function seen whole: its resolved entry point and binding <-> parameter pairs.
    ("view", ("entry_point", "function_view")),
    # What the runtime knows: schemas, binding types, bundles, the library's converters, and
    # how the host resolves the settings a binding names.
    ("knowledge", ("schemas", "knowledge", "setting_resolution")),
    # Python analysis: annotation resolution, the environment, imports, scopes.
    ("python", ("python",)),
    # classic -> v2 conversion: it needs only the model and knowledge, so the layers above
    # may reuse its conversion and rendering.
    ("migrate", ("migrate",)),
    # The text edits fixes and completions are made of.
    ("edits", ("edits",)),
    # Every rule, one module per family.
    ("checks", ("checks",)),
    # Completion, hover, outline, navigation.
    ("features", ("features",)),
    # What runs the checks over files and apps, and applies their safe fixes.
    ("runners", ("engine", "fixing", "parallel")),
)

# Imports that point up on purpose: (importer, imported) -> the reason. Keep it short; none today.
ALLOWED: dict[tuple[str, str], str] = {}


def _rank() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            assert name not in ranks, f"{name} is in two layers"
            ranks[name] = index
    return ranks


RANK = _rank()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(CORE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _unit(module: str) -> str:
    """The name a module's layer is looked up by: its top package or module under core/."""
    return module.split(".")[0]


def _core_imports(path: Path, module: str) -> set[str]:
    """The core modules `path` imports, as dotted names relative to funcls.core."""
    is_package = path.name == "__init__.py"
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["funcls", "core", *package]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join([*base, *([node.module] if node.module else [])])
            else:
                prefix = node.module or ""
            inside = prefix[len("funcls.core.") :].replace(".", "/")
            # `from funcls.core import schemas` imports the module schemas, and
            # `from funcls.core.python import edits` the module python.edits.
            targets = [prefix] if prefix != "funcls.core" else []
            if prefix == "funcls.core" or (inside and (CORE / inside).is_dir()):
                targets += [f"{prefix}.{alias.name}" for alias in node.names]
        for target in targets:
            if target.startswith("funcls.core."):
                found.add(target[len("funcls.core.") :])
    return found


def _modules() -> list[tuple[Path, str]]:
    paths = sorted(CORE.rglob("*.py"))
    return [(p, _module_name(p)) for p in paths if p != CORE / "__init__.py"]


def _upward(imports: dict[str, set[str]]) -> list[str]:
    """Each import of a higher layer, given the core modules every module imports."""
    found = []
    for module, targets in sorted(imports.items()):
        own = RANK[_unit(module)]
        for target in sorted(targets):
            rank = RANK.get(_unit(target))
            if rank is None or rank <= own or (module, target) in ALLOWED:
                continue
            found.append(f"{module} ({LAYERS[own][0]}) imports {target} ({LAYERS[rank][0]})")
    return found


def test_every_core_module_has_a_layer() -> None:
    unplaced = sorted({_unit(m) for _, m in _modules() if _unit(m) not in RANK})
    assert unplaced == [], f"add these to a layer in LAYERS (and docs/architecture.md): {unplaced}"


def test_no_core_module_imports_a_higher_layer() -> None:
    imports = {m: _core_imports(p, m) for p, m in _modules() if _unit(m) in RANK}
    assert _upward(imports) == []


def test_an_upward_import_is_reported() -> None:
    """The check itself can fail: the imports this layout removed are each reported."""
    before = {
        "setting_resolution": {"checks.common", "jsontree"},
        "python.edits": {"features.cursor"},
        "knowledge.binding_types": {"python.converters"},
        "checks.common": {"edits.json_edits", "workspace"},
    }
    assert _upward(before) == [
        "knowledge.binding_types (knowledge) imports python.converters (python)",
        "python.edits (python) imports features.cursor (features)",
        "setting_resolution (knowledge) imports checks.common (checks)",
    ]


def test_allowed_exceptions_are_still_needed() -> None:
    for importer, imported in ALLOWED:
        path = next((p for p, m in _modules() if m == importer), None)
        assert path is not None, f"{importer} no longer exists"
        assert imported in _core_imports(path, importer), f"{importer} no longer imports {imported}"


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from funcls.core.checks.common import related_at", "spans", {"checks.common"}),
        ("from funcls.core import schemas", "text", {"schemas"}),
        ("from funcls.core.python import edits", "text", {"python", "python.edits"}),
        ("from ..features import cursor", "python.edits", {"features", "features.cursor"}),
        ("def f():\n    import funcls.core.engine", "text", {"engine"}),
    ],
)
def test_imports_are_read_in_every_spelling(
    tmp_path: Path, source: str, module: str, expected: set[str]
) -> None:
    """The reader the layering rests on sees absolute, relative and lazy imports."""
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert _core_imports(path, module) == expected
