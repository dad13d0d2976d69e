"""Fixtures of the command-line tests: pre-commit in a virtual environment of its own.

pre-commit (and the PyYAML it brings) stays out of the test environment: some analysis tests rely
on `yaml` not being installed there."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def tools_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with pre-commit from the package index; its bin/ folder."""
    venv = tmp_path_factory.mktemp("tools") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "pre-commit>=3"],
        check=True,
        timeout=900,
    )
    return bin_dir


@pytest.fixture(scope="session")
def load_yaml(tools_venv: Path) -> Callable[[str], Any]:
    """Parse YAML with the tools environment's PyYAML (pre-commit's dependency)."""
    return functools.partial(_load_yaml, tools_venv)


def _load_yaml(tools: Path, text: str) -> Any:
    done = subprocess.run(
        [
            str(tools / "python"),
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))",
        ],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)
