"""`funcls migrate APP [--diff | --write] [--blueprints]`: output, files, exit status."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS_APP = REPO / "tests" / "corpus" / "scheduled-jobs"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "funcls", "migrate", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CORPUS_APP, tmp_path / "app"))


def test_without_write_the_changes_are_printed_and_nothing_is_written(tmp_path: Path) -> None:
    app = _copy(tmp_path)
    done = run(str(app))
    assert done.returncode == 0, done.stderr
    assert "+++ b/function_app.py" in done.stdout
    assert '+warmup = app.warm_up_trigger(arg_name="warmupContext")(warmup)' in done.stdout
    assert "--- a/NightlyReport/function.json\n+++ /dev/null" in done.stdout
    assert not (app / "function_app.py").exists()
    assert (app / "NightlyReport" / "function.json").exists()
    assert run(str(app), "--diff").stdout == done.stdout


def test_write_creates_function_app_and_removes_function_json(tmp_path: Path) -> None:
    app = _copy(tmp_path)
    done = run(str(app / "warmup"), "--write")  # a path inside the app finds its root
    assert done.returncode == 0, done.stderr
    assert "3 function(s) converted" in done.stderr
    text = (app / "function_app.py").read_text()
    assert 'app.function_name(name="NightlyReport")' in text
    assert not list(app.glob("*/function.json"))
    again = run(str(app), "--write")  # function_app.py exists now: nothing to do
    assert again.returncode == 2
    assert "function_app.py exists already" in again.stderr


def test_blueprints(tmp_path: Path) -> None:
    app = _copy(tmp_path)
    done = run(str(app), "--write", "--blueprints")
    assert done.returncode == 0, done.stderr
    assert "bp = func.Blueprint()" in (app / "warmup" / "blueprint.py").read_text()
    assert "app.register_functions(warmup_bp)" in (app / "function_app.py").read_text()


def test_what_is_not_converted_goes_to_stderr_and_sets_the_status(tmp_path: Path) -> None:
    app = _copy(tmp_path)
    (app / "warmup" / "function.json").write_text('{"bindings": 1}')
    done = run(str(app))
    assert done.returncode == 1
    assert "not converted: warmup: `bindings` is not a list of objects" in done.stderr
    assert "+# - warmup: `bindings` is not a list of objects" in done.stdout


def test_usage_errors(tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing")).returncode == 2
    assert "not a Functions app" in run(str(tmp_path)).stderr
    assert run(str(tmp_path), "--diff", "--write").returncode == 2
    helped = subprocess.run(
        [sys.executable, "-m", "funcls", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "funcls migrate APP" in helped.stdout
