"""The editor snippets in the README are the ones the real-editor tests run."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!-- test-snippet: (?P<name>[\w.-]+) -->\n```\w*\n(?P<body>.*?)```", re.S)


def _snippets(path: Path) -> dict[str, str]:
    return {m["name"]: m["body"] for m in MARKER.finditer(path.read_text(encoding="utf-8"))}


def test_readme_snippets_match_the_tested_docs() -> None:
    docs = _snippets(REPO / "docs" / "editors.md")
    readme = _snippets(REPO / "README.md")
    assert {"nvim-0.11", "emacs-eglot"} <= set(readme)
    for name, body in readme.items():
        assert docs[name] == body, f"README snippet '{name}' differs from docs/editors.md"
