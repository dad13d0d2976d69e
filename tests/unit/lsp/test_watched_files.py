"""Every kind of file the core analyses is watched by the server and sent by the VS Code
client: a file kind added to the checks without its glob would go stale in the editor."""

from __future__ import annotations

import re
from pathlib import Path

from funcls.core.checks.registry import FILE_CHECKS
from funcls.lsp.setup import WATCHED_GLOBS

EXTENSION = Path(__file__).resolve().parents[3] / "client-vscode" / "src" / "extension.ts"


def _globs_for_every_kind() -> list[str]:
    return ["**/*.py" if kind == "python" else f"**/{kind}" for kind in FILE_CHECKS]


def test_the_server_watches_every_file_kind() -> None:
    assert "**/extensions.csproj" in WATCHED_GLOBS
    for glob in _globs_for_every_kind():
        assert glob in WATCHED_GLOBS, glob


def test_the_vscode_selector_sends_every_file_kind() -> None:
    source = EXTENSION.read_text(encoding="utf-8")
    selector = source[source.index("DOCUMENT_SELECTOR") : source.index("];")]
    patterns = set(re.findall(r"pattern: '([^']+)'", selector))
    assert "language: 'python'" in selector
    for glob in _globs_for_every_kind():
        if glob != "**/*.py":
            assert glob in patterns, glob
