"""The pre-commit hook (.pre-commit-hooks.yaml, id `funcls`), run by pre-commit itself against a
sample repository that takes this repository as its hook source (`repo: <path>` at a commit).

The hook repository is a fresh git repository holding this working tree's package files, so the
test checks the hook as it is now, committed or not. pre-commit installs it into its own virtual
environment from the package index: nothing else is reached."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.email=test@example.invalid", "-c", "user.name=test"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def hook_repository(root: Path) -> tuple[Path, str]:
    repo = root / "funcls-hooks"
    repo.mkdir()
    for name in ("server", "schemas"):
        shutil.copytree(
            REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO / name, repo / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "hooks", cwd=repo)
    return repo, git("rev-parse", "HEAD", cwd=repo)


def pre_commit(sample: Path, home: Path, tools: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [str(tools / "pre-commit"), "run", "--all-files"],
        cwd=sample,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_pre_commit_runs_funcls_as_a_hook(tmp_path: Path, tools_venv: Path) -> None:
    hooks, rev = hook_repository(tmp_path)
    sample = tmp_path / "sample"
    sample.mkdir()
    git("init", "-q", cwd=sample)
    shutil.copytree(REPO / "tests" / "corpus" / "shop-api", sample / "app")
    config = f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: funcls\n"
    (sample / ".pre-commit-config.yaml").write_text(config)
    git("add", "-A", cwd=sample)
    home = tmp_path / "pre-commit-home"

    clean = pre_commit(sample, home, tools_venv)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "funcls (Azure Functions apps)" in clean.stdout and "Passed" in clean.stdout

    # A five-field schedule: the hook fails and says where.
    timer = sample / "app" / "Nightly"
    timer.mkdir()
    (timer / "function.json").write_text(
        '{\n  "bindings": [\n    {\n      "type": "timerTrigger",\n      "direction": "in",\n'
        '      "name": "timer",\n      "schedule": "0 2 * * *"\n    }\n  ]\n}\n'
    )
    (timer / "__init__.py").write_text(
        "import azure.functions as func\n\n\ndef main(timer: func.TimerRequest) -> None:\n"
        "    pass\n"
    )
    git("add", "-A", cwd=sample)
    failed = pre_commit(sample, home, tools_venv)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
    assert "app/Nightly/function.json:7:20: error FUNC130" in failed.stdout

    # With args: [--fix] the hook repairs it; pre-commit fails the run that modified files and
    # passes the next one.
    (sample / ".pre-commit-config.yaml").write_text(config + "        args: [--fix]\n")
    git("add", "-A", cwd=sample)
    fixed = pre_commit(sample, home, tools_venv)
    assert fixed.returncode == 1
    assert "files were modified by this hook" in fixed.stdout
    assert '"schedule": "0 0 2 * * *"' in (timer / "function.json").read_text()
    git("add", "-A", cwd=sample)
    again = pre_commit(sample, home, tools_venv)
    assert again.returncode == 0, again.stdout + again.stderr
