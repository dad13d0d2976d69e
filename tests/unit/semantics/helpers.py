"""Helpers for the semantic-check tests: build an app, analyse it, look at problems by code,
read the text under a span, apply a fix (across files) and analyse again."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from funcls.core.engine import Analyzer
from funcls.core.problems import Fix, Problem
from funcls.core.workspace import Workspace

GOOD_HOST = json.dumps(
    {
        "version": "2.0",
        "extensionBundle": {
            "id": "Microsoft.Azure.Functions.ExtensionBundle",
            "version": "[4.*, 5.0.0)",
        },
    },
    indent=2,
)
GOOD_LOCAL = json.dumps(
    {
        "IsEncrypted": False,
        "Values": {
            "FUNCTIONS_WORKER_RUNTIME": "python",
            "AzureWebJobsStorage": "UseDevelopmentStorage=true",
        },
    },
    indent=2,
)
HTTP_FUNCTION = json.dumps(
    {
        "scriptFile": "__init__.py",
        "bindings": [
            {
                "authLevel": "function",
                "type": "httpTrigger",
                "direction": "in",
                "name": "req",
                "methods": ["get", "post"],
            },
            {"type": "http", "direction": "out", "name": "$return"},
        ],
    },
    indent=2,
)
SCRIPT = (
    "import azure.functions as func\n\n\n"
    "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
    "    return func.HttpResponse('ok')\n"
)


def function_json(*bindings: dict[str, Any], **top: Any) -> str:
    """A function.json text with the given bindings (pretty-printed like the templates)."""
    return json.dumps({**top, "bindings": list(bindings)}, indent=2)


def make_app(root: Path, files: dict[str, str | None], *, defaults: bool = True) -> Path:
    """Write an app. With `defaults`, a good host.json, local.settings.json, requirements.txt and
    an HTTP function `Hello` are added unless given; a value of None leaves a file out."""
    merged: dict[str, str | None] = {}
    if defaults:
        merged = {
            "host.json": GOOD_HOST,
            "local.settings.json": GOOD_LOCAL,
            "requirements.txt": "azure-functions\n",
        }
    merged.update(files)
    scripted = {k.rsplit("/", 1)[0] for k in merged if "/" in k and not k.endswith(".json")}
    for relative, text in merged.items():
        if text is None:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        folder = relative.rsplit("/", 1)[0] if "/" in relative else ""
        if target.name == "function.json" and folder not in scripted:
            (target.parent / "__init__.py").write_text(SCRIPT, encoding="utf-8")
    return root


def analyse(root: Path) -> dict[str, list[Problem]]:
    """Problems of every analysed file of the app, by path relative to the root (posix)."""
    analyzer = Analyzer(Workspace())
    found = analyzer.check_paths([str(root)])
    result: dict[str, list[Problem]] = {}
    for path, problems in found.items():
        relative = os.path.relpath(path, os.path.normcase(str(root))).replace(os.sep, "/")
        result[relative] = problems
    return result


def problems(root: Path, code: str | None = None, file: str | None = None) -> list[Problem]:
    """Problems of the app, optionally only one code and/or one file."""
    found: list[Problem] = []
    for relative, items in analyse(root).items():
        if file is not None and relative != file:
            continue
        found += [p for p in items if code is None or p.code == code]
    return found


def codes(root: Path, file: str | None = None) -> list[str]:
    """Sorted codes of the app's problems (optionally of one file)."""
    return sorted(p.code for p in problems(root, file=file))


def text_under(problem: Problem) -> str:
    """The file text a problem's span covers."""
    text = Path(problem.path).read_text(encoding="utf-8-sig")
    return text[problem.span.start : problem.span.end]


def apply_fix(fix: Fix) -> None:
    """Apply a fix's edits to the files on disk (edits of one file applied back to front)."""
    by_path: dict[str, list[Any]] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path, []).append(edit)
    for path, edits in by_path.items():
        raw = Path(path).read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
            text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
        data = text.encode("utf-8")
        Path(path).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def only(items: list[Problem]) -> Problem:
    """The single problem of a list (fails with the list otherwise)."""
    assert len(items) == 1, [(p.code, p.message) for p in items]
    return items[0]


def fix_titled(problem: Problem, start: str) -> Fix:
    """The fix whose title starts with `start`."""
    for fix in problem.fixes:
        if fix.title.startswith(start):
            return fix
    raise AssertionError([f.title for f in problem.fixes])
