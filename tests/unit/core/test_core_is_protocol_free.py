"""The analysis core imports and works with pygls and lsprotocol unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_core_imports_without_pygls_or_lsprotocol() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("pygls", "lsprotocol"):
                    raise ImportError(f"blocked: {name}")
                return None

        sys.meta_path.insert(0, Block())
        import funcls.core
        for module in pkgutil.walk_packages(funcls.core.__path__, "funcls.core."):
            importlib.import_module(module.name)
        from funcls.core.engine import Analyzer
        from funcls.core.workspace import Workspace
        Analyzer(Workspace()).check_paths(["."])
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")


def test_core_source_never_imports_protocol_or_event_loop_modules() -> None:
    from pathlib import Path

    core = Path(__file__).resolve().parents[3] / "server" / "funcls" / "core"
    offenders = []
    for path in core.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and words[1].split(".")[0] in (
                "pygls",
                "lsprotocol",
                "asyncio",
            ):
                offenders.append(f"{path.name}: {line.strip()}")
    assert offenders == []
