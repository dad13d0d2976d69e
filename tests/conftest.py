"""Shared test helpers: the repository layout and a `|` cursor marker."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
CORPUS = TESTS / "corpus"
EXAMPLES = REPO / "examples"


def split_cursor(text: str) -> tuple[str, int]:
    """Remove the `|` cursor marker and return (text, offset)."""
    offset = text.index("|")
    return text[:offset] + text[offset + 1 :], offset


def write_app(root: Path, files: dict[str, str]) -> Path:
    """Write a tiny app: {relative path: text}. host.json is added when missing."""
    files = dict(files)
    files.setdefault("host.json", '{"version": "2.0"}')
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    return root


@pytest.fixture
def app_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build an app in a temporary folder from {path: text}."""

    def build(files: dict[str, str]) -> Path:
        return write_app(tmp_path / "app", files)

    return build
