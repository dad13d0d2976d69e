"""The v2 sample apps under tests/apps/v2 (templates' shapes: HTTP, timer, queue, blob, Event
Hubs, Service Bus, Cosmos DB, Event Grid, tables, Durable Functions, ASGI, blueprints) give no
error or warning, and the bindings funcls reads from their decorators are those the azure-functions
library builds when the v2 worker indexes them (when a worker environment is available)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from funcls.core.v2.model import read_app
from funcls.core.workspace import Workspace
from unit.semantics.helpers import analyse

REPO = Path(__file__).resolve().parents[3]
SAMPLES = sorted(p for p in (REPO / "tests" / "apps" / "v2").iterdir() if p.is_dir())
WORKER_PYTHON = Path(
    os.environ.get("FUNCLS_WORKER_V2_PYTHON", REPO / ".venv-worker-v2" / "bin" / "python")
)
INDEXER = REPO / "tests" / "migrate" / "v2_index.py"
# functions funcls leaves alone: decorators of azure-functions-durable, and the function an
# AsgiFunctionApp adds in its constructor
OPAQUE = {
    "durable-orders": {"http_start", "hello_orchestrator", "hello", "counter", "shout"},
    "asgi-api": {"http_app_func"},
}


@pytest.mark.parametrize("app", SAMPLES, ids=lambda p: p.name)
def test_sample_has_no_error_or_warning(app: Path) -> None:
    # hints about the analysed environment (packages not installed here) are not the app's
    found = {
        path: [p for p in problems if p.severity.name in ("ERROR", "WARNING")]
        for path, problems in analyse(app).items()
    }
    found = {path: problems for path, problems in found.items() if problems}
    assert found == {}, {k: [(p.code, p.message) for p in v] for k, v in found.items()}


def _normalised(binding: dict[str, Any]) -> dict[str, Any]:
    def value(v: Any) -> Any:
        return [value(i) for i in v] if isinstance(v, list) else str(v).lower()

    return {k.lower(): value(v) for k, v in binding.items() if k != "__enum_keys__"}


@pytest.mark.parametrize("app", SAMPLES, ids=lambda p: p.name)
def test_bindings_are_those_the_library_builds(app: Path) -> None:
    if not WORKER_PYTHON.exists():
        pytest.skip(f"no v2 worker environment at {WORKER_PYTHON}")
    run = subprocess.run(
        [str(WORKER_PYTHON), str(INDEXER), str(app)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    indexed = json.loads(run.stdout)
    assert indexed["error"] is None and indexed["refused"] == {}
    v2 = read_app(Workspace(), str(app))
    assert v2 is not None
    ours = {fn.name: fn.document.value()["bindings"] for fn in v2.functions}  # type: ignore[union-attr]
    assert set(ours) == set(indexed["functions"]) - OPAQUE.get(app.name, set())
    for name, bindings in ours.items():
        theirs = {b["name"]: _normalised(b) for b in indexed["functions"][name]}
        mine = {b["name"]: _normalised(b) for b in bindings}
        for binding in theirs.values():
            # the library writes the app's http_auth_level where a route gives none
            if binding["type"] == "httptrigger" and "authlevel" not in mine[binding["name"]]:
                binding.pop("authlevel", None)
        assert mine == theirs, name
