"""The GitHub Actions workflow documented in docs/workflows.md: its shape, and its check step run
as GitHub runs it (bash), producing SARIF that validates against the 2.1.0 schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "workflows.md"
SCHEMA = Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def flow(load_yaml: Callable[[str], Any]) -> dict[str, Any]:
    """The workflow of docs/workflows.md, parsed."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- workflow: github-actions -->\n```yaml\n(.*?)```", text, re.S)
    assert match, "docs/workflows.md lost its workflow block"
    return load_yaml(match.group(1))  # type: ignore[no-any-return]


def step(flow: dict[str, Any], name: str) -> dict[str, Any]:
    steps = flow["jobs"]["funcls"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def test_the_workflow_uploads_sarif_to_code_scanning(flow: dict[str, Any]) -> None:
    assert flow["permissions"]["security-events"] == "write"
    check = step(flow, "Check the apps")
    assert "funcls check --format sarif" in check["run"]
    upload = step(flow, "Upload to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] in check["run"]


def run_step(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_check_step_passes_with_problems_and_writes_valid_sarif(
    tmp_path: Path, flow: dict[str, Any]
) -> None:
    assert shutil.which("bash")
    command = step(flow, "Check the apps")["run"]
    shutil.copytree(REPO / "examples" / "sample-app", tmp_path / "app")
    done = run_step(command, tmp_path)
    assert done.returncode == 0, done.stderr
    sarif = json.loads((tmp_path / "funcls.sarif").read_text())
    assert sarif["runs"][0]["results"], "the sample app's problems are in the upload"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert all(u.startswith("app/") for u in uris)


def test_the_check_step_fails_when_there_is_nothing_to_check(
    tmp_path: Path, flow: dict[str, Any]
) -> None:
    command = step(flow, "Check the apps")["run"]
    done = run_step(command, tmp_path)
    assert done.returncode != 0
    assert "nothing to check" in done.stderr
