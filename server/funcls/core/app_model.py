"""The app model: app roots, their functions, each function's bindings and entry script.

Discovery follows the host (validation-rules H-01, H-20, H-21): the app root is the folder holding
`host.json`; functions are its immediate sub-folders with a `function.json`; the entry script is
`scriptFile` (relative to the function folder) or, without it, the only file in the folder, else
`run.*`, `index.js`/`.mjs`/`.cjs` or `__init__.py`. The entry point is `entryPoint`, else `main`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from funcls.core import reads
from funcls.core.jsontree import JsonDocument, JsonNode, JsonObject, JsonProperty
from funcls.core.problems import Span

HOST_JSON = "host.json"
FUNCTION_JSON = "function.json"
LOCAL_SETTINGS = "local.settings.json"
DEFAULT_ENTRY_POINT = "main"
T = TypeVar("T")
_HOST_SCRIPT_PREFERENCE = ("index.js", "index.mjs", "index.cjs", "__init__.py")


@dataclass(frozen=True, eq=False)
class Binding:
    """One entry of `bindings` in a function.json, with its nodes for exact positions."""

    index: int
    node: JsonObject

    def string(self, key: str) -> str | None:
        """The string value of `key`."""
        return self.node.get_string(key)

    def prop(self, key: str) -> JsonProperty | None:
        """The property node of `key` (exact spelling)."""
        return self.node.get(key)

    def prop_ci(self, key: str) -> JsonProperty | None:
        """The property whose key equals `key` ignoring case (the host reads keys that way)."""
        wanted = key.lower()
        found = None
        for prop in self.node.properties:
            if prop.key.value.lower() == wanted:
                found = prop
        return found

    @property
    def type(self) -> str | None:
        """The `type` string as written."""
        return self.string("type")

    @property
    def direction(self) -> str | None:
        """The `direction` string as written."""
        return self.string("direction")

    @property
    def name(self) -> str | None:
        """The `name` string as written."""
        return self.string("name")

    @property
    def is_trigger(self) -> bool:
        """A trigger as the host decides (H-17): type ends in 'trigger', direction not 'out'."""
        kind = (self.type or "").lower()
        return kind.endswith("trigger") and (self.direction or "").lower() != "out"

    def value_span(self, key: str) -> Span | None:
        """Span of the value of `key`, or None."""
        prop = self.prop(key)
        if prop is None or prop.value is None:
            return None
        return Span(prop.value.start, prop.value.end)

    def key_span(self, key: str) -> Span | None:
        """Span of the key `key` (with its quotes), or None."""
        prop = self.prop(key)
        return None if prop is None else Span(prop.key.start, prop.key.end)

    def anchor(self, key: str) -> Span:
        """Best span to report a problem about `key`: its value, its key, else the binding."""
        return self.value_span(key) or self.key_span(key) or self.head_span()

    def head_span(self) -> Span:
        """A short span for problems about the whole binding: `type`'s value, else `{`."""
        return self.value_span("type") or Span(self.node.start, self.node.start + 1)


@dataclass(frozen=True, eq=False)
class FunctionInfo:
    """One function folder as the host discovers it."""

    name: str
    folder: str
    json_path: str
    document: JsonDocument | None
    bindings: tuple[Binding, ...]
    script_path: str | None
    script_declared: str | None
    entry_point: str
    unreadable: str | None = None
    script_candidates: tuple[str, ...] = field(default=())
    # for a v2 function, the decorated def that declares it (`funcls.core.v2.model`); the
    # bindings are then those its decorators produce, with spans in the Python file
    declaration: Any = None
    # facts checks derive from this function alone (its route, its storage triggers), kept while
    # the model reuses the object. Without it an edit of function.json -> its problems p50
    # 3.4 -> 16.0 and 11.4 -> 15.1 ms at 1,000 functions in two runs: app-wide checks derive them
    # again for every function (bench/cache_figures.py, 2026-12). The bindings' `type`,
    # `direction`, `name` and `is_trigger` are plain properties: cached, no figure moved.
    _derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_v2(self) -> bool:
        """True for a function declared with decorators (v2 model)."""
        return self.declaration is not None

    @property
    def key(self) -> str:
        """A path-like identity: function.json for a folder, file and def for a v2 function."""
        return self.json_path if self.declaration is None else str(self.declaration.key)

    def derived(self, key: str, build: Callable[[FunctionInfo], T]) -> T:
        """`build(self)`, computed once per function object."""
        try:
            return self._derived[key]  # type: ignore[return-value]
        except KeyError:
            value = self._derived[key] = build(self)
            return value

    @property
    def root_object(self) -> JsonObject | None:
        """The top-level object of function.json, when it is one."""
        root = self.document.root if self.document else None
        return root if isinstance(root, JsonObject) else None

    def top_level(self, key: str) -> JsonProperty | None:
        """A top-level property of function.json."""
        root = self.root_object
        return None if root is None else root.get(key)

    @property
    def trigger(self) -> Binding | None:
        """The first trigger binding."""
        return next((b for b in self.bindings if b.is_trigger), None)

    def binding_named(self, name: str) -> Binding | None:
        """The binding whose `name` equals `name` exactly."""
        return next((b for b in self.bindings if b.name == name), None)


@dataclass(frozen=True, eq=False)
class AppModel:
    """A Functions app: its root folder and its functions, in folder-name order."""

    root: str
    function_list: tuple[FunctionInfo, ...]
    # function.json and entry-script path -> the functions using it (several may share a script)
    by_file: dict[str, tuple[FunctionInfo, ...]] = field(default_factory=dict, compare=False)
    # the v2 side (`funcls.core.v2.model.V2App`): entry file, modules, decorated functions
    v2: Any = field(default=None, compare=False)

    def functions_of_file(self, path: str) -> tuple[FunctionInfo, ...]:
        """The functions whose function.json or entry script is `path` (no dependency on the
        other functions is recorded)."""
        return self.by_file.get(path, ())

    @property
    def functions(self) -> tuple[FunctionInfo, ...]:
        """The functions; reading them makes a check depend on every function.json."""
        reads.note(reads.functions_of(self.root))
        return self.function_list

    @property
    def host_json(self) -> str:
        """Path of host.json."""
        return os.path.join(self.root, HOST_JSON)

    @property
    def local_settings(self) -> str:
        """Path of local.settings.json."""
        return os.path.join(self.root, LOCAL_SETTINGS)

    def function(self, name: str) -> FunctionInfo | None:
        """The function named `name` (folder name, compared ignoring case as the host does)."""
        wanted = name.lower()
        return next((f for f in self.functions if f.name.lower() == wanted), None)

    def function_for_path(self, path: str) -> FunctionInfo | None:
        """The function whose function.json or entry script is `path`."""
        for fn in self.functions:
            if path in (fn.json_path, fn.script_path):
                return fn
        return None

    def functions_using_script(self, path: str) -> list[FunctionInfo]:
        """Every function whose entry script is `path` (several may share one file)."""
        return [fn for fn in self.functions if fn.script_path == path]


def bindings_of(document: JsonDocument | None) -> tuple[Binding, ...]:
    """The binding objects of a parsed function.json, skipping entries that are not objects."""
    root = document.root if document else None
    if not isinstance(root, JsonObject):
        return ()
    node = root.get_value("bindings")
    items: list[JsonNode] = list(getattr(node, "items", []))
    return tuple(Binding(i, item) for i, item in enumerate(items) if isinstance(item, JsonObject))


def resolve_script(
    folder: str, declared: str | None, names_in_folder: list[str]
) -> tuple[str | None, tuple[str, ...]]:
    """The entry script the host would use (H-20/H-21), and the candidate files it saw.

    `names_in_folder` lists the regular files of the function folder.
    """
    if declared:
        return os.path.normpath(os.path.join(folder, declared)), ()
    candidates = tuple(n for n in names_in_folder if n.lower() != FUNCTION_JSON)
    if len(candidates) == 1:
        return os.path.join(folder, candidates[0]), candidates
    for name in candidates:
        if os.path.splitext(name)[0].lower() == "run":
            return os.path.join(folder, name), candidates
    for preferred in _HOST_SCRIPT_PREFERENCE:
        for name in candidates:
            if name.lower() == preferred:
                return os.path.join(folder, name), candidates
    return None, candidates
