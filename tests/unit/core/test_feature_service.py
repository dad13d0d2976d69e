"""The feature service lists every contributor, and only what it is handed runs."""

from __future__ import annotations

import inspect
from pathlib import Path

from funcls.core.features import app_completion, python_features, semantic_features
from funcls.core.features.service import (
    COMPLETION_CONTRIBUTORS,
    HOVER_CONTRIBUTORS,
    FeatureService,
    default_service,
)
from funcls.core.workspace import Workspace

FEATURE_MODULES = (app_completion, semantic_features, python_features)


def _public_functions_taking(request_type: str) -> set[str]:
    found = set()
    for module in FEATURE_MODULES:
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(value).parameters.values())
            if len(parameters) == 1 and parameters[0].annotation == request_type:
                found.add(f"{module.__name__}.{name}")
    return found


def _names(functions: tuple[object, ...]) -> set[str]:
    return {f"{f.__module__}.{f.__qualname__}" for f in functions}  # type: ignore[attr-defined]


def test_every_completion_contributor_is_listed_once() -> None:
    assert len(set(COMPLETION_CONTRIBUTORS)) == len(COMPLETION_CONTRIBUTORS)
    assert _names(COMPLETION_CONTRIBUTORS) == _public_functions_taking("CompletionRequest")


def test_every_hover_contributor_is_listed_once() -> None:
    assert len(set(HOVER_CONTRIBUTORS)) == len(HOVER_CONTRIBUTORS)
    assert _names(HOVER_CONTRIBUTORS) == _public_functions_taking("HoverRequest")


def _app(tmp_path: Path) -> str:
    folder = tmp_path / "Fn"
    folder.mkdir()
    (tmp_path / "host.json").write_text('{"version": "2.0"}', encoding="utf-8")
    (folder / "__init__.py").write_text(
        "def main(req):\n    return None\n\n\ndef handle(req):\n    return None\n", encoding="utf-8"
    )
    return str(folder / "function.json")


def test_only_the_contributors_handed_in_run(tmp_path: Path) -> None:
    path = _app(tmp_path)
    text = '{"entryPoint": "", "bindings": []}'
    offset = text.index('""') + 1
    workspace = Workspace()
    workspace.sources.set_open(path, 1, text)
    listed = default_service().complete(workspace, path, offset)
    assert "handle" in [p.label for p in listed]
    bare = FeatureService((), ()).complete(workspace, path, offset)
    assert "handle" not in [p.label for p in bare]


def test_binding_name_hover_comes_from_the_service(tmp_path: Path) -> None:
    path = _app(tmp_path)
    text = '{"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req"}]}'
    offset = text.index('"req"') + 1
    workspace = Workspace()
    workspace.sources.set_open(path, 1, text)
    listed = default_service().hover(workspace, path, offset)
    assert listed is not None and "def main(req)" in listed.markdown
    bare = FeatureService((), ()).hover(workspace, path, offset)
    assert bare is None or "def main" not in bare.markdown
