"""App-setting names defined in local.settings.json — names and where they are, never values.

Values are secrets; nothing here returns them. Only whether a value is empty is exposed, because
Core Tools skips empty values (C-04).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from funcls.core.app_model import LOCAL_SETTINGS
from funcls.core.jsontree import JsonObject, JsonString
from funcls.core.problems import Span
from funcls.core.workspace import Workspace


@dataclass(frozen=True)
class SettingEntry:
    """One key of `Values`: where its name is, and whether its value is empty or not a string."""

    name: str
    key_span: Span
    is_empty: bool
    is_string: bool


@dataclass(frozen=True)
class LocalSettings:
    """The names local.settings.json defines under `Values` (and `ConnectionStrings`)."""

    path: str
    exists: bool
    values: dict[str, SettingEntry] = field(default_factory=dict)
    connection_strings: dict[str, SettingEntry] = field(default_factory=dict)

    def names(self) -> list[str]:
        """Every name under `Values`, in file order."""
        return list(self.values)


def read_local_settings(workspace: Workspace, app_root: str) -> LocalSettings:
    """The setting names of the app at `app_root` (open buffer first)."""
    path = os.path.join(app_root, LOCAL_SETTINGS)
    root = workspace.json_object(path)
    if root is None:
        return LocalSettings(path, workspace.sources.exists(path))
    return LocalSettings(
        path,
        True,
        _entries(root.get_value("Values")),
        _entries(root.get_value("ConnectionStrings")),
    )


def _entries(node: object) -> dict[str, SettingEntry]:
    if not isinstance(node, JsonObject):
        return {}
    entries: dict[str, SettingEntry] = {}
    for prop in node.properties:
        value = prop.value
        is_string = isinstance(value, JsonString)
        is_empty = value is None or (isinstance(value, JsonString) and not value.value.strip())
        entries[prop.key.value] = SettingEntry(
            prop.key.value, Span(prop.key.start, prop.key.end), is_empty, is_string
        )
    return entries
