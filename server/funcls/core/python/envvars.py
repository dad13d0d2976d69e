"""App settings read from the environment in Python: `os.environ["X"]`, `os.environ.get("X")`,
`os.getenv("X")` (also through `from os import environ, getenv`) with a literal name.

Settings reach the code as environment variables: locally from local.settings.json `Values`, in
Azure from the app settings. A few variables are set by the platform itself and need no
definition; that list is deliberately short.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass

from funcls.core.problems import Span
from funcls.core.pyentry import ScriptView, node_span

# Set by the Functions host or App Service on every app (documented platform variables), plus
# the basic process variables every Linux worker has.
PLATFORM_PREFIXES = ("WEBSITE_", "FUNCTIONS_", "AzureWebJobs", "APPSETTING_", "AZURE_FUNCTIONS_")
PLATFORM_NAMES = frozenset(
    {"PATH", "HOME", "TEMP", "TMP", "PWD", "LANG", "PYTHONPATH", "REGION_NAME", "CONTAINER_NAME"}
)


def platform_provided(name: str) -> bool:
    """True for variables the platform defines without any app setting."""
    return name in PLATFORM_NAMES or name.startswith(PLATFORM_PREFIXES)


@dataclass(frozen=True)
class EnvRead:
    """One literal environment-variable name in the code.

    `kind` is `subscript` (`os.environ["X"]`, raises KeyError when missing), `get` / `getenv`
    (return None or the default), `store` (assigned or `setdefault`), `contains` (`"X" in
    os.environ`).
    """

    name: str
    span: Span  # the string literal, quotes included
    kind: str
    has_default: bool = False

    @property
    def content(self) -> Span:
        """The span inside the quotes."""
        return Span(self.span.start + 1, max(self.span.start + 1, self.span.end - 1))


def _aliases(walked: Iterable[ast.AST]) -> tuple[set[str], set[str], set[str]]:
    """The names `os`, `os.environ` and `os.getenv` are imported as (`walked`: the script's
    imports, see `ScriptView.walked`)."""
    os_names: set[str] = set()
    environ_names: set[str] = set()
    getenv_names: set[str] = set()
    for node in walked:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "os":
                    os_names.add(alias.asname or "os")
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level:
            for alias in node.names:
                if alias.name == "environ":
                    environ_names.add(alias.asname or "environ")
                elif alias.name == "getenv":
                    getenv_names.add(alias.asname or "getenv")
    return os_names, environ_names, getenv_names


def env_reads(view: ScriptView) -> list[EnvRead]:
    """Every literal environment-variable name read or written in a script."""
    tree = view.tree
    if tree is None:
        return []
    os_names, environ_names, getenv_names = _aliases(view.walked())
    if not (os_names or environ_names or getenv_names):
        return []

    def is_environ(node: ast.expr) -> bool:
        """True for `os.environ` (or its imported alias)."""
        if isinstance(node, ast.Name):
            return node.id in environ_names
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and isinstance(node.value, ast.Name)
            and node.value.id in os_names
        )

    def literal(node: ast.expr | None) -> ast.Constant | None:
        """The string constant, if `node` is one."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node
        return None

    found: list[EnvRead] = []

    def add(node: ast.Constant, kind: str, has_default: bool = False) -> None:
        """Record one literal name."""
        found.append(EnvRead(str(node.value), node_span(node, view.index), kind, has_default))

    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and is_environ(node.value):
            key = literal(node.slice)
            if key is not None:
                add(key, "subscript" if isinstance(node.ctx, ast.Load) else "store")
        elif isinstance(node, ast.Call) and node.args:
            key = literal(node.args[0])
            if key is None:
                continue
            default = len(node.args) > 1 or any(k.arg == "default" for k in node.keywords)
            func = node.func
            if isinstance(func, ast.Attribute) and is_environ(func.value):
                if func.attr == "get":
                    add(key, "get", default)
                elif func.attr in ("setdefault", "pop"):
                    add(key, "store" if func.attr == "setdefault" else "get", True)
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "getenv"
                and isinstance(func.value, ast.Name)
                and func.value.id in os_names
            ) or (isinstance(func, ast.Name) and func.id in getenv_names):
                add(key, "getenv", default)
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            key = literal(node.left)
            if key is not None and isinstance(node.ops[0], (ast.In, ast.NotIn)):
                if is_environ(node.comparators[0]):
                    add(key, "contains")
    return [r for r in found if view.text[r.span.start : r.span.end].startswith(("'", '"'))]


_COMPLETION_CONTEXT = re.compile(
    r"""(?:\benviron\s*\[|\benviron\s*\.\s*get\s*\(|\bgetenv\s*\()\s*(?P<quote>["'])(?P<prefix>[^"'\\\n]*)$"""
)


def completion_context(text: str, offset: int) -> tuple[Span, str] | None:
    """When the cursor is inside the string of `environ["..."]`, `environ.get("...")` or
    `getenv("...")`: the span a proposal replaces and the quote used."""
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    match = _COMPLETION_CONTEXT.search(text, line_start, offset)
    if match is None or match.end() != offset:
        return None
    quote = match.group("quote")
    start = match.start("prefix")
    end = offset
    while (
        end < len(text)
        and text[end] not in "\"'\r\n"
        and (text[end].isalnum() or text[end] in "_-.:")
    ):
        end += 1
    return Span(start, end), quote
