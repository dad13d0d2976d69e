"""`funcls check` over whole apps: text, JSON and SARIF output, exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "sample-app"
CORPUS_APP = REPO / "tests" / "corpus" / "shop-api"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "funcls", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_text_output_and_exit_status_on_the_example_app() -> None:
    done = run("check", str(EXAMPLE.relative_to(REPO)))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    auth = next(line for line in lines if "FUNC010" in line)
    # path:line:col: severity CODE message
    assert auth.startswith("examples/sample-app/HttpHello/function.json:5:20: error FUNC010 ")
    assert "'nobody'" in auth
    assert "error" in done.stderr  # the summary line


def test_a_clean_app_exits_zero() -> None:
    done = run("check", str(CORPUS_APP), "--severity", "error")
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == ""


def test_json_format() -> None:
    done = run("check", str(EXAMPLE), "--format", "json")
    items = json.loads(done.stdout)
    item = next(i for i in items if i["code"] == "FUNC010")
    assert item["severity"] == "error"
    assert (item["startLine"], item["startColumn"], item["endColumn"]) == (5, 20, 28)
    assert item["path"].endswith("HttpHello/function.json")


def test_sarif_format() -> None:
    done = run("check", str(EXAMPLE), "--format", "sarif")
    sarif = json.loads(done.stdout)
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    assert run_["tool"]["driver"]["name"] == "funcls"
    rule_ids = {rule["id"] for rule in run_["tool"]["driver"]["rules"]}
    result = next(r for r in run_["results"] if r["ruleId"] == "FUNC010")
    assert result["ruleId"] in rule_ids
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("HttpHello/function.json")
    assert location["region"]["startLine"] == 5


def test_missing_path_and_no_app_are_usage_errors(tmp_path: Path) -> None:
    done = run("check", str(tmp_path / "nope"))
    assert done.returncode == 2 and "no such file" in done.stderr
    done = run("check", str(tmp_path))
    assert done.returncode == 2 and "nothing to check" in done.stderr
    done = run("check", "--unsafe-fixes", str(EXAMPLE))
    assert done.returncode == 2 and "--unsafe-fixes needs --fix" in done.stderr
    done = run("check", "--format", "xml", str(EXAMPLE))
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_exit_status_follows_the_severity_threshold(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(CORPUS_APP, app)
    # The corpus app has notes below warning only: clean at the default threshold...
    assert run("check", str(app)).returncode == 0
    hints = run("check", str(app), "--severity", "hint")
    if hints.stdout.strip():
        assert hints.returncode == 1
    # ...and a warning fails it at the default threshold but not at --severity error.
    (app / "requirements.txt").write_text("azure-functions\nazure-functions-worker\n")
    assert run("check", str(app)).returncode == 1
    assert run("check", str(app), "--severity", "error").returncode == 0


def test_function_folders_without_host_json_are_an_app_missing_it(tmp_path: Path) -> None:
    for name in ("HttpOne", "HttpTwo"):
        folder = tmp_path / "repo" / name
        folder.mkdir(parents=True)
        (folder / "function.json").write_text(
            '{"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req"}]}\n'
        )
        (folder / "__init__.py").write_text("def main(req):\n    return None\n")
    for target in (tmp_path, tmp_path / "repo", tmp_path / "repo" / "HttpOne"):
        done = run("check", str(target), "--format", "json")
        assert done.returncode == 1, (target, done.stderr)
        items = [i for i in json.loads(done.stdout) if i["code"] == "FUNC108"]
        assert {Path(i["path"]).parent.name for i in items} == {"HttpOne", "HttpTwo"}
        assert all(i["severity"] == "error" for i in items)
        assert "host.json" in items[0]["message"]
        assert (items[0]["startLine"], items[0]["startColumn"]) == (1, 1)


def test_check_finds_apps_below_a_folder(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "apps" / "one")
    shutil.copytree(CORPUS_APP, tmp_path / "apps" / "two")
    done = run("check", str(tmp_path), "--format", "json")
    paths = {item["path"] for item in json.loads(done.stdout)}
    assert any("/one/" in p for p in paths)


@pytest.mark.parametrize("command", [["rules"], ["--help"], ["check", "--help"]])
def test_other_commands(command: list[str]) -> None:
    done = run(*command)
    assert done.returncode == 0
    if command == ["rules"]:
        assert "| FUNC010 | error |" in done.stdout


def test_readme_rule_table_is_the_rules_command_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = run("rules").stdout.strip()
    assert table in readme, "README's rule table is stale: paste `funcls rules` into it"
