"""Helpers for the v2 tests: a v2 app from a function_app.py text, and the text under a span."""

from __future__ import annotations

from pathlib import Path

from funcls.core.problems import Problem
from unit.semantics.helpers import make_app, problems

HEAD = "import azure.functions as func\n\napp = func.FunctionApp()\n\n"


def v2_app(root: Path, source: str, files: dict[str, str | None] | None = None) -> Path:
    """A v2 app: host.json, settings with `Conn` (and worker indexing on, for older hosts),
    requirements and `function_app.py`."""
    local = (
        '{"IsEncrypted": false, "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", '
        '"AzureWebJobsStorage": "UseDevelopmentStorage=true", "Conn": "UseDevelopmentStorage=true", '
        '"AzureWebJobsFeatureFlags": "EnableWorkerIndexing"}}'
    )
    merged: dict[str, str | None] = {"local.settings.json": local, "function_app.py": source}
    merged.update(files or {})
    return make_app(root, merged)


def v2_problems(root: Path, code: str | None = None) -> list[Problem]:
    """The app's problems (one code when given)."""
    return problems(root, code)


def under(problem: Problem) -> str:
    """The text a problem's span covers."""
    text = Path(problem.path).read_text(encoding="utf-8")
    return text[problem.span.start : problem.span.end]


def errors(root: Path) -> list[tuple[str, str, str]]:
    """(code, file name, message) of every Error of the app."""
    return [
        (p.code, Path(p.path).name, p.message) for p in problems(root) if p.severity.name == "ERROR"
    ]
