"""Fixtures for the Python-side tests: tiny apps written to a temporary folder, analysed through
the engine, with helpers to read spans and apply fixes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from funcls.core.engine import Analyzer
from funcls.core.problems import Fix, Problem, Severity, TextEdit
from funcls.core.settings import Settings
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace

HOST = '{\n  "version": "2.0"\n}\n'
LOCAL = json.dumps(
    {
        "IsEncrypted": False,
        "Values": {
            "FUNCTIONS_WORKER_RUNTIME": "python",
            "AzureWebJobsStorage": "UseDevelopmentStorage=true",
            "QUEUE_NAME": "orders",
        },
    },
    indent=2,
)
HTTP_IN = {"authLevel": "function", "type": "httpTrigger", "direction": "in", "name": "req"}
HTTP_RETURN = {"type": "http", "direction": "out", "name": "$return"}
QUEUE_OUT = {
    "type": "queue",
    "direction": "out",
    "name": "msg",
    "queueName": "outqueue",
    "connection": "AzureWebJobsStorage",
}
OURS = ("FUNC2", "FUNC3")


class App:
    """A tiny app on disk, analysed with a fresh workspace on every call."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> str:
        return normalize_path(str(self.root / relative))

    def text(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def workspace(self) -> Workspace:
        return Workspace()

    def problems(
        self, relative: str, prefixes: Iterable[str] = OURS, settings: Settings | None = None
    ) -> list[Problem]:
        analyzer = Analyzer(self.workspace(), settings or Settings())
        found = analyzer.problems_for_file(self.path(relative))
        return [p for p in found if p.code.startswith(tuple(prefixes))]

    def all_problems(self, prefixes: Iterable[str] = OURS) -> list[Problem]:
        """Errors and warnings of every file of the app (hints and information left out)."""
        analyzer = Analyzer(self.workspace(), Settings())
        found: list[Problem] = []
        for problems in analyzer.check_paths([str(self.root)]).values():
            found.extend(
                p
                for p in problems
                if p.code.startswith(tuple(prefixes)) and p.severity <= Severity.WARNING
            )
        return found

    def codes(self, relative: str) -> list[str]:
        return sorted(p.code for p in self.problems(relative))

    def at(self, problem: Problem) -> str:
        text = Path(problem.path).read_text(encoding="utf-8")
        return text[problem.span.start : problem.span.end]

    def apply(self, edits: Iterable[TextEdit]) -> None:
        by_path: dict[str, list[TextEdit]] = {}
        for edit in edits:
            by_path.setdefault(edit.path, []).append(edit)
        for path, items in by_path.items():
            text = Path(path).read_text(encoding="utf-8") if os.path.exists(path) else ""
            for edit in sorted(items, key=lambda e: (e.span.start, e.span.end), reverse=True):
                text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
            Path(path).write_text(text, encoding="utf-8")

    def apply_fix(self, fix: Fix) -> None:
        self.apply(fix.edits)


def function_json(*bindings: dict[str, Any], **top: Any) -> str:
    return json.dumps({**top, "bindings": list(bindings)}, indent=2) + "\n"


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., App]:
    """Build an app: `make_app({"Fn/function.json": ..., "Fn/__init__.py": ...})`."""

    def build(files: dict[str, str], local: bool = True) -> App:
        app = App(tmp_path / "app")
        app.write("host.json", HOST)
        if local:
            app.write("local.settings.json", LOCAL)
        app.write("requirements.txt", "azure-functions\nazure-functions-durable\n")
        for relative, text in files.items():
            app.write(relative, text)
        return app

    return build


@pytest.fixture
def fn_app(make_app: Callable[..., App]) -> Callable[..., App]:
    """One function `Fn` with the given bindings and script."""

    def build(bindings: list[dict[str, Any]], script: str, **extra: str) -> App:
        files = {"Fn/function.json": function_json(*bindings), "Fn/__init__.py": script}
        files.update(extra)
        return make_app(files)

    return build


def by_code(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def fix_titled(problem: Problem, start: str) -> Fix:
    for fix in problem.fixes:
        if fix.title.startswith(start):
            return fix
    raise AssertionError(f"no fix starting {start!r} in {[f.title for f in problem.fixes]}")
