"""Analysis settings with defaults; read from plain dicts (camelCase keys, as clients send them).

Unknown keys and invalid values fall back to defaults and are listed in `warnings`, so an empty or
partial configuration (Eglot sends `{}`) never switches anything off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from funcls.core.problems import Severity

DEFAULT_DEBOUNCE_MS = 150
# Which files get diagnostics: every file of the workspace's apps, or open documents only.
SCOPES = ("workspace", "openFiles")


@dataclass(frozen=True)
class Settings:
    """Everything configurable about the analysis and its delivery."""

    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    severity: Mapping[str, Severity | None] = field(default_factory=dict)  # None = off
    schema_validation: bool = True
    python_path: str | None = None
    scope: str = SCOPES[0]
    warnings: tuple[str, ...] = ()

    def severity_of(self, code: str, default: Severity) -> Severity | None:
        """The severity a code is reported with; None when the user turned it off."""
        if code in self.severity:
            return self.severity[code]
        return default


def parse_settings(*layers: Mapping[str, Any] | None) -> Settings:
    """Merge configuration layers (later wins) into Settings.

    A layer looks like `{"diagnostics": {"debounceMs": 0, "severity": {"FUNC013": "off"},
    "schemaValidation": true, "scope": "workspace"}, "pythonPath": "/app/.venv/bin/python"}`.
    """
    debounce = DEFAULT_DEBOUNCE_MS
    severity: dict[str, Severity | None] = {}
    schema_validation = True
    python_path: str | None = None
    scope: str = SCOPES[0]
    warnings: list[str] = []
    for layer in layers:
        if not isinstance(layer, Mapping):
            continue
        diagnostics = layer.get("diagnostics")
        if isinstance(diagnostics, Mapping):
            value = diagnostics.get("debounceMs")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
                debounce = int(value)
            elif value is not None:
                warnings.append(f"diagnostics.debounceMs must be a number >= 0, got {value!r}")
            if isinstance(diagnostics.get("schemaValidation"), bool):
                schema_validation = diagnostics["schemaValidation"]
            value = diagnostics.get("scope")
            if value in SCOPES:
                scope = value
            elif value is not None:
                allowed = " or ".join(SCOPES)
                warnings.append(f"diagnostics.scope must be {allowed}, got {value!r}")
            levels = diagnostics.get("severity")
            if isinstance(levels, Mapping):
                for code, level in levels.items():
                    if isinstance(level, str) and level.strip().lower() in ("off", "none"):
                        severity[str(code)] = None
                        continue
                    parsed = Severity.parse(level) if isinstance(level, str) else None
                    if parsed is None:
                        warnings.append(f"diagnostics.severity.{code}: unknown level {level!r}")
                    else:
                        severity[str(code)] = parsed
        path = layer.get("pythonPath")
        if isinstance(path, str) and path.strip():
            python_path = path.strip()
    return Settings(
        debounce_ms=debounce,
        severity=severity,
        schema_validation=schema_validation,
        python_path=python_path,
        scope=scope,
        warnings=tuple(warnings),
    )
