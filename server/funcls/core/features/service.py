"""The feature service: the one place where the features' contributors are listed.

Completion and hover in the JSON files ask contributors that know the app (script files, entry
points, setting names, schedules, routes) before the schema. Those contributors are plain
functions in `app_completion`, `semantic_features` and `python_features`; none registers itself
when imported. `default_service()` lists them, in the order they are asked, and the language
server and the tests call the features through the service it returns. In Python files the v2
decorators' features (`v2_features`) answer first, inside a decorator, then the entry point's
(`python_features`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from funcls.core import schemas
from funcls.core.checks.base import file_kind
from funcls.core.features import (
    app_completion,
    navigation,
    python_features,
    semantic_features,
    v2_features,
)
from funcls.core.features.completion import Contributor, Proposal, complete
from funcls.core.features.hover import HoverContributor, HoverResult, hover
from funcls.core.features.symbols import Symbol, document_symbols
from funcls.core.problems import Location, Span, TextEdit
from funcls.core.settings import Settings
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace

# Asked in this order; every answer is kept (a list, even empty, replaces the schema's value
# proposals at that position).
COMPLETION_CONTRIBUTORS: tuple[Contributor, ...] = (
    app_completion.script_files,
    app_completion.entry_points,
    app_completion.binding_names,
    app_completion.setting_names,
    semantic_features.complete_setting_reference,
)

# Asked in this order; the first answer wins over the schema's documentation.
HOVER_CONTRIBUTORS: tuple[HoverContributor, ...] = (
    semantic_features.schedule_hover,
    semantic_features.route_hover,
    semantic_features.setting_hover,
    python_features.binding_name_hover,
)

RenameError = navigation.RenameError


@dataclass(frozen=True)
class FeatureService:
    """Completion, hover, outline and navigation over a workspace, with the contributors the
    JSON features ask handed in (see `default_service`)."""

    completion_contributors: Sequence[Contributor]
    hover_contributors: Sequence[HoverContributor]
    # What `rename` answers when it cannot rename (callers test for it without importing more).
    RenameError: ClassVar[type[navigation.RenameError]] = navigation.RenameError

    @staticmethod
    def file_kind(path: str) -> str | None:
        """The kind of file funcls analyses (None for a file it does not)."""
        return file_kind(path)

    def complete(self, workspace: Workspace, path: str, offset: int) -> list[Proposal]:
        """Completion at `offset` of a JSON file (cheap: answered on the caller's thread; the
        server's event loop passes a `funcls.core.snapshot.Snapshot`)."""
        return complete(workspace, path, offset, self.completion_contributors)

    def hover(self, workspace: Workspace, path: str, offset: int) -> HoverResult | None:
        """Hover at `offset` of a JSON file (cheap: answered on the caller's thread; the
        server's event loop passes a `funcls.core.snapshot.Snapshot`)."""
        return hover(workspace, path, offset, self.hover_contributors)

    @staticmethod
    def complete_python(
        workspace: Workspace, path: str, offset: int, settings: Settings
    ) -> list[Proposal]:
        """Completion at `offset` of a Python file (may run jedi: analysis thread only): inside
        a v2 decorator call its argument values, elsewhere the entry point's features."""
        decorator = v2_features.complete_v2(workspace, normalize_path(path), offset)
        if decorator is not None:
            return decorator
        return python_features.complete_python(workspace, path, offset, settings)

    @staticmethod
    def hover_python(
        workspace: Workspace, path: str, offset: int, settings: Settings
    ) -> HoverResult | None:
        """Hover at `offset` of a Python file (may run jedi: analysis thread only): on a v2
        decorator or its values, else on the entry point's parameters and settings."""
        decorator = v2_features.hover_v2(workspace, normalize_path(path), offset)
        if decorator is not None:
            return decorator
        return python_features.hover_python(workspace, path, offset, settings)

    @staticmethod
    def symbols(workspace: Workspace, path: str) -> list[Symbol]:
        """The outline of a JSON file funcls knows (empty for any other file)."""
        kind = schemas.schema_kind(path)
        document = workspace.json(path) if kind is not None else None
        return [] if document is None else document_symbols(document, kind)

    @staticmethod
    def definition(workspace: Workspace, path: str, offset: int) -> list[Location]:
        """Where the binding name, parameter, script or entry point at `offset` is defined."""
        return navigation.definition(workspace, path, offset)

    @staticmethod
    def references(
        workspace: Workspace, path: str, offset: int, include_declaration: bool
    ) -> list[Location]:
        """Every place the binding name / parameter at `offset` is named."""
        return navigation.references(workspace, path, offset, include_declaration)

    @staticmethod
    def prepare_rename(workspace: Workspace, path: str, offset: int) -> Span | None:
        """The span a rename at `offset` would change, or None when nothing can be renamed."""
        return navigation.prepare_rename(workspace, path, offset)

    @staticmethod
    def rename(
        workspace: Workspace, path: str, offset: int, new_name: str
    ) -> list[TextEdit] | navigation.RenameError:
        """The edits renaming the binding name and its parameter together, or why not."""
        return navigation.rename(workspace, path, offset, new_name)


def default_service() -> FeatureService:
    """The service with every contributor funcls has, in the order listed above."""
    return FeatureService(COMPLETION_CONTRIBUTORS, HOVER_CONTRIBUTORS)
