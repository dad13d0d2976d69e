"""`funcls check` over v2 apps: decorator problems at the argument, clean samples, and a v2 app
missing its host.json."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "apps" / "v2" / "web-and-jobs"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "funcls", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_a_clean_v2_app_exits_zero() -> None:
    done = run("check", str(SAMPLE), "--severity", "warning")
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == ""
    assert "7 files" in done.stderr  # function_app.py and the blueprints are checked


def test_a_broken_decorator_argument_is_reported_at_its_position(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(SAMPLE, app)
    script = app / "function_app.py"
    text = script.read_text(encoding="utf-8").replace('arg_name="receipt"', 'arg_name="recipt"')
    script.write_text(text, encoding="utf-8")
    done = run("check", str(app))
    assert done.returncode == 1
    line_no = next(i for i, line in enumerate(text.splitlines(), 1) if '"recipt"' in line)
    column = text.splitlines()[line_no - 1].index('"recipt"') + 1
    lines = [line for line in done.stdout.splitlines() if "FUNC211" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{script}:{line_no}:{column}: error FUNC211 ")


def test_a_v2_app_without_host_json(tmp_path: Path) -> None:
    shutil.copy(SAMPLE / "function_app.py", tmp_path / "function_app.py")
    done = run("check", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout.startswith(f"{tmp_path / 'function_app.py'}:1:1: error FUNC108 ")


def test_migrated_corpus_apps_stay_free_of_errors(tmp_path: Path) -> None:
    """`funcls migrate --write` then `funcls check`: the decorators it writes (as calls, on the
    imported entry points) are read and judged, and bring no error the classic app lacked."""
    for name in ("shop-api", "storage-pipeline", "cosmos-orders", "worker-edge-shapes"):
        app = tmp_path / name
        shutil.copytree(REPO / "tests" / "corpus" / name, app)
        assert run("migrate", str(app), "--write").returncode == 0
        assert not list(app.glob("*/function.json"))
        done = run("check", str(app), "--severity", "error")
        assert done.returncode == 0, done.stdout
    # and they are judged: a parameter renamed in an entry script breaks its function
    script = tmp_path / "shop-api" / "CreateProduct" / "__init__.py"
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("def main(req:", "def main(request:"), encoding="utf-8")
    done = run("check", str(tmp_path / "shop-api"), "--severity", "error")
    assert done.returncode == 1
    assert "FUNC211" in done.stdout and "function_app.py" in done.stdout
    assert "FUNC210" in done.stdout and "__init__.py" in done.stdout


def test_fix_edits_the_decorators_of_a_v2_app(tmp_path: Path) -> None:
    """`--fix` applies the safe fixes on decorator arguments (a five-field schedule); the
    unsafe ones (renaming a binding) only with --unsafe-fixes; no function.json appears."""
    app = tmp_path / "app"
    shutil.copytree(SAMPLE, app)
    blueprint = app / "blueprints" / "reports.py"
    text = blueprint.read_text(encoding="utf-8")
    blueprint.write_text(text.replace('"0 0 * * * *"', '"0 * * * *"'), encoding="utf-8")
    script = app / "function_app.py"
    good = script.read_text(encoding="utf-8")
    script.write_text(good.replace('arg_name="receipt"', 'arg_name="recipt"'), encoding="utf-8")
    done = run("check", str(app), "--fix")
    assert done.returncode == 1, done.stdout  # the renamed binding stays: its fix is a guess
    assert blueprint.read_text(encoding="utf-8") == text.replace('"0 0 * * * *"', '"0 0 * * * *"')
    assert "FUNC211" in done.stdout and "FUNC130" not in done.stdout
    done = run("check", str(app), "--fix", "--unsafe-fixes")
    assert done.returncode == 0, done.stdout
    assert script.read_text(encoding="utf-8") == good
    assert not list(app.rglob("function.json"))
