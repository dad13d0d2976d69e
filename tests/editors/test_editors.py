"""funcls in real editors: headless Neovim 0.11 and 0.7 and Emacs with Eglot, each configured with the
snippet that docs/editors.md gives users (the drivers read it out of the page).

Each test runs a driver script (tests/editors/nvim/run.sh, tests/editors/emacs/run.sh) and passes
when every check in it passed. A test is skipped when its editor is not installed;
tests/editors/run_all.sh installs them (CI runs it).

Environment: FUNCLS_SERVER (the funcls to test; default: the one next to this Python),
FUNCLS_NVIM (Neovim 0.11+; default <cache>/nvim-venv/bin/nvim), FUNCLS_NVIM_LEGACY (Neovim 0.7 to 0.10;
default /usr/bin/nvim), FUNCLS_EMACS (default emacs), FUNCLS_EDITORS_CACHE (default /tmp/funcls-editors).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.editor

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("FUNCLS_EDITORS_CACHE", "/tmp/funcls-editors"))


def server() -> str:
    configured = os.environ.get("FUNCLS_SERVER")
    if configured:
        return configured
    beside = Path(sys.executable).parent / "funcls"
    if beside.exists():
        return str(beside)
    found = shutil.which("funcls")
    if not found:
        pytest.skip(
            "no funcls executable: install the project (pip install -e .) or set FUNCLS_SERVER"
        )
    return found


def nvim_version(binary: str) -> tuple[int, int, int] | None:
    try:
        out = subprocess.run(
            [binary, "--version"],
            capture_output=True,
            text=True,
            timeout=20,
            stdin=subprocess.DEVNULL,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.match(r"NVIM v(\d+)\.(\d+)\.(\d+)", out)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def find_nvim(
    variable: str, default: str, lowest: tuple[int, int], below: tuple[int, int] | None
) -> str:
    binary = os.environ.get(variable, default)
    if not shutil.which(binary):
        pytest.skip(
            f"no Neovim at {binary} (tests/editors/run_all.sh installs it; or set {variable})"
        )
    version = nvim_version(binary)
    if version is None:
        pytest.skip(f"{binary} --version did not report a Neovim version")
    if version[:2] < lowest or (below is not None and version[:2] >= below):
        pytest.skip(
            f"{binary} is Neovim {'.'.join(map(str, version))}, not the version this test is for"
        )
    return binary


def run_driver(args: list[str]) -> None:
    env = dict(os.environ, FUNCLS_SERVER=server())
    try:
        result = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=150, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{args[0]} did not finish in 150 s:\n{error.stdout or ''}")
    report = result.stdout + (f"\nstderr:\n{result.stderr}" if result.stderr.strip() else "")
    assert result.returncode == 0, report


def test_neovim_0_11_with_vim_lsp_config() -> None:
    nvim = find_nvim("FUNCLS_NVIM", str(CACHE / "nvim-venv" / "bin" / "nvim"), (0, 11), None)
    run_driver(
        [
            str(HERE / "nvim" / "run.sh"),
            "--nvim",
            nvim,
            "--snippet",
            "nvim-0.11",
            "--label",
            "nvim-0.11",
        ]
    )


def test_neovim_0_7_with_start_client() -> None:
    nvim = find_nvim("FUNCLS_NVIM_LEGACY", "/usr/bin/nvim", (0, 7), (0, 11))
    run_driver(
        [
            str(HERE / "nvim" / "run.sh"),
            "--nvim",
            nvim,
            "--snippet",
            "nvim-0.7",
            "--label",
            "nvim-0.7",
        ]
    )


def test_emacs_with_eglot() -> None:
    emacs = os.environ.get("FUNCLS_EMACS", "emacs")
    if not shutil.which(emacs):
        pytest.skip(
            f"no Emacs at {emacs} (tests/editors/run_all.sh installs emacs-nox and elpa-eglot)"
        )
    has_eglot = subprocess.run(
        [
            emacs,
            "--batch",
            "--eval",
            '(progn (package-activate-all) (kill-emacs (if (locate-library "eglot") 0 1)))',
        ],
        capture_output=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    if has_eglot.returncode != 0:
        pytest.skip(
            f"{emacs} has no Eglot (Debian: apt-get install elpa-eglot; Emacs 29+ has it built in)"
        )
    run_driver([str(HERE / "emacs" / "run.sh"), "--emacs", emacs, "--label", "emacs-eglot"])
