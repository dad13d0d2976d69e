"""The worker environments the differential tests load functions in: found, checked to carry
funcls's azure-functions version (both sides must ask the same library), or skipped (failed on
CI) with how to create them."""

from __future__ import annotations

import functools
import os
import subprocess

import pytest

from funcls.core.knowledge import converters


@functools.lru_cache(maxsize=4)
def library_version(python: str) -> str:
    """The azure-functions version importable by `python` (asked in a subprocess)."""
    done = subprocess.run(
        [python, "-I", "-c", "import azure.functions as f; print(f.__version__)"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def worker_python(python: str, what: str, same: str, create: str) -> str:
    """`python` when it exists with funcls's azure-functions version, else skip (fail on CI).

    `what` names the environment in messages, `same` says what both sides must share, `create`
    how to make the environment.
    """
    if os.path.exists(python):
        ours = converters.library_version()
        theirs = library_version(python)
        assert theirs == ours, (
            f"the {what} has azure-functions {theirs}, funcls's has {ours}: both sides must {same}"
        )
        return python
    message = f"no {what} at {python}: create it with {create}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
