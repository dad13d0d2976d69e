"""`diagnostics.scope`: which files get diagnostics."""

from __future__ import annotations

from funcls.core.settings import parse_settings


def test_scope_defaults_to_the_workspace() -> None:
    assert parse_settings({}).scope == "workspace"
    assert parse_settings(None, {"diagnostics": {}}).scope == "workspace"


def test_scope_open_files_from_any_layer_later_wins() -> None:
    assert parse_settings({"diagnostics": {"scope": "openFiles"}}).scope == "openFiles"
    settings = parse_settings(
        {"diagnostics": {"scope": "openFiles"}}, {"diagnostics": {"scope": "workspace"}}
    )
    assert settings.scope == "workspace"


def test_an_unknown_scope_keeps_the_default_and_says_why() -> None:
    settings = parse_settings({"diagnostics": {"scope": "everything"}})
    assert settings.scope == "workspace"
    assert any("diagnostics.scope" in w for w in settings.warnings)
