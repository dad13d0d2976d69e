"""The annotation resolver of an entry script: `annotations.AnnotationResolver` with jedi as
its lookup for names the script imports, built once per text of the script."""

from __future__ import annotations

import ast
import logging
import os
from collections.abc import Callable
from typing import Any

from funcls.core.pyentry import ScriptView, node_span
from funcls.core.python.annotations import AnnotationResolver, value_from_jedi_names
from funcls.core.python.environment import environment, jedi_project
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

log = logging.getLogger(__name__)


def resolver_for(
    workspace: Workspace, app_root: str, script_path: str, settings: Settings
) -> AnnotationResolver | None:
    """The annotation resolver of a script, cached until its text changes.

    An edit of function.json checks its function again with the script unchanged: without the
    cache jedi runs again on each keystroke, 18 -> 42 ms median per edit when the script's types
    come from a module of the app (20 functions, bench/cache_figures.py, 2026-12)."""
    source = workspace.read(script_path)
    view = workspace.script(script_path)
    if source is None or view is None:
        return None
    kind = f"funcls.annotations|{settings.python_path or ''}"

    def build(_source: object) -> AnnotationResolver:
        """A resolver for the current text of the script."""
        return AnnotationResolver(
            view,
            jedi_lookup=_jedi_lookup(view, script_path, app_root, settings),
            is_app_module=lambda module, level: (
                level > 0 or _is_app_module(workspace, app_root, module)
            ),
        )

    return workspace.derived(kind, source, build)


def _is_app_module(workspace: Workspace, app_root: str, module: str) -> bool:
    top = module.split(".")[0]
    if not top:
        return False
    base = os.path.join(app_root, top)
    return os.path.isdir(base) or workspace.sources.exists(base + ".py")


def _jedi_lookup(
    view: ScriptView, script_path: str, app_root: str, settings: Settings
) -> Callable[[ast.Name], Any]:
    state: dict[str, Any] = {}

    def lookup(node: ast.Name) -> Any:
        """What jedi says `node` refers to, as a library object, or None."""
        try:
            script = state.get("script")
            if script is None:
                import jedi

                env = environment(settings.python_path, app_root).jedi_environment()
                if env is None:
                    return None
                script = jedi.Script(
                    code=view.text,
                    path=script_path,
                    project=jedi_project(app_root),
                    environment=env,
                )
                state["script"] = script
            line, column = view.index.position(node_span(node, view.index).start)
            value = value_from_jedi_names(
                script.goto(line + 1, column, follow_imports=True), app_root
            )
            if value is None:
                value = value_from_jedi_names(script.infer(line + 1, column), app_root)
            return value
        except Exception:
            log.debug("jedi could not resolve %s in %s", node.id, script_path, exc_info=True)
            return None

    return lookup
