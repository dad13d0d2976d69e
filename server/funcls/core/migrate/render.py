"""Python source of the migrated modules: decorator applications written out, values as literals."""

from __future__ import annotations

import json
import keyword
import textwrap
from dataclasses import dataclass, field
from typing import Any

_WIDTH = 100

_APP_PACKAGE = """\
# The classic worker imported the function folders as the package `__app__`, and some
# modules of this app still import through it (`from ..x import y`, `import __app__.x`).
if "__app__" not in sys.modules:
    _app_package = types.ModuleType("__app__")
    _app_package.__path__ = [str(pathlib.Path(__file__).parent)]
    sys.modules["__app__"] = _app_package
"""


@dataclass
class Block:
    """One function: the import of its entry point and the lines applying its decorators."""

    import_line: str
    lines: list[str]
    notes: list[str] = field(default_factory=list)


def literal(value: Any) -> str:
    """A Python literal for a JSON value."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def call_arguments(arguments: dict[str, Any]) -> list[str]:
    """`key=value` per argument, keywords that are no Python names passed as one `**{...}`."""
    parts: list[str] = []
    splat: dict[str, Any] = {}
    for key, value in arguments.items():
        if key.isidentifier() and not keyword.iskeyword(key):
            parts.append(f"{key}={literal(value)}")
        else:
            splat[key] = value
    if splat:
        parts.append(f"**{literal(splat)}")
    return parts


def render_call(variable: str, owner: str, name: str, arguments: dict[str, Any]) -> list[str]:
    """`variable = owner.name(arguments)(variable)`, one argument a line when it is long.

    Applying a decorator this way is what `@owner.name(...)` above a `def` does; it is written
    out because the decorated function is the existing one, imported from its module."""
    parts = call_arguments(arguments)
    one_line = f"{variable} = {owner}.{name}({', '.join(parts)})({variable})"
    if len(one_line) <= _WIDTH:
        return [one_line]
    return [f"{variable} = {owner}.{name}(", *(f"    {p}," for p in parts), f")({variable})"]


def render_module(
    *,
    doc: str,
    imports: list[str],
    header: list[str],
    blocks: list[Block],
    notes: list[str],
    advice: list[str] | None = None,
    app_package: bool = False,
) -> str:
    """A whole module: docstring, notes as comments, imports, app/blueprint, functions."""
    out = ['"""' + "\n".join(textwrap.wrap(doc, _WIDTH - 6)) + '"""', ""]
    if notes:
        out.append("# Not converted (funcls migrate):")
        out.extend(f"# - {n}" for n in notes)
        out.append("")
    if advice:
        out.append("# To do by hand (funcls migrate):")
        out.extend(f"# - {n}" for n in advice)
        out.append("")
    stdlib = {"import importlib"} if any("importlib." in i for i in imports) else set()
    if app_package:
        stdlib |= {"import pathlib", "import sys", "import types"}
    out.extend(sorted(stdlib))
    if stdlib:
        out.append("")
    out.append("import azure.functions as func")
    out.append("")
    if app_package:
        out.append(_APP_PACKAGE)
    out.extend(imports)
    out.append("")
    out.extend(header)
    for block in blocks:
        out.append("")
        out.extend(f"# Not converted: {n}" for n in block.notes)
        out.extend(block.lines)
    return "\n".join(out).rstrip("\n") + "\n"
