"""`funcls check --fix / --diff / --unsafe-fixes`: the editor's safe quick fixes applied from the
command line, byte-faithful (BOM, CRLF, comments), to a fixed point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# An app whose every error has a safe fix, written as bytes: a BOM, CRLF files, comments.
APP: dict[str, bytes] = {
    "host.json": b'\xef\xbb\xbf{\r\n  // comments stay\r\n  "version": "2.0",\r\n'
    b'  "extensionBundle": {\r\n    "id": "Microsoft.Azure.Functions.ExtensionBundle",\r\n'
    b'    "version": "[4.*, 5.0.0)"\r\n  }\r\n}\r\n',
    "local.settings.json": b'{\n  "IsEncrypted": false,\n  "Values": {\n'
    b'    "FUNCTIONS_WORKER_RUNTIME": "python",\n'
    b'    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n'
    b'    "CosmosConnection": "AccountEndpoint=x"\n  }\n}\n',
    "requirements.txt": b"azure-functions\n",
    "Timer/function.json": b'{\r\n  "bindings": [\r\n    {\r\n'
    b'      "type": "TimerTrigger", // casing\r\n      "direction": "in",\r\n'
    b'      "name": "timer",\r\n      "schedule": "*/5 * * * *"\r\n    }\r\n  ]\r\n}\r\n',
    "Timer/__init__.py": b"import azure.functions as func\r\n\r\n\r\n"
    b"def main(timer: func.TimerRequest) -> None:\r\n    pass\r\n",
    "Orders/function.json": b'{\n  "bindings": [\n    {\n      "type": "cosmosDBTrigger",\n'
    b'      "direction": "in",\n      "name": "docs",\n      "databaseName": "shop",\n'
    b'      "collectionName": "orders",\n      "connectionStringSetting": "CosmosConnection",\n'
    b'      "leaseCollectionName": "leases",\n'
    b'      "createLeaseCollectionIfNotExists": true\n    },\n    {\n      "type": "queue",\n'
    b'      "direction": "out",\n      "name": "msg",\n      "queueName": "orders",\n'
    b'      "conection": "AzureWebJobsStorage"\n    }\n  ]\n}\n',
    "Orders/__init__.py": b"import azure.functions as func\n\n\n"
    b"def main(docs: func.DocumentList, msg: str) -> None:\n    msg.set(str(len(docs)))\n",
    "Events/function.json": b'{\r\n  "bindings": [\r\n    {\r\n      "type": "eventHubTrigger",\r\n'
    b'      "direction": "in",\r\n      "name": "events",\r\n'
    b'      "eventHubName": "telemetry",\r\n      "connection": "AzureWebJobsStorage",\r\n'
    b'      "cardinality": "many"\r\n    }\r\n  ]\r\n}\r\n',
    "Events/__init__.py": b"import azure.functions as func\r\n\r\n\r\n"
    b"def main(events: list[func.EventHubEvent]) -> None:\r\n    pass\r\n",
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "funcls", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def make_app(root: Path) -> Path:
    app = root / "app"
    for name, data in APP.items():
        (app / name).parent.mkdir(parents=True, exist_ok=True)
        (app / name).write_bytes(data)
    return app


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_fix_applies_the_safe_fixes_keeping_bom_line_endings_and_comments(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    done = run("check", "app", "--fix", cwd=tmp_path)
    files = snapshot(app)
    assert files["Timer/function.json"] == (
        b'{\r\n  "bindings": [\r\n    {\r\n      "type": "timerTrigger", // casing\r\n'
        b'      "direction": "in",\r\n      "name": "timer",\r\n'
        b'      "schedule": "0 */5 * * * *"\r\n    }\r\n  ]\r\n}\r\n'
    )
    assert files["Orders/function.json"] == APP["Orders/function.json"].replace(
        b'"collectionName"', b'"containerName"'
    ).replace(b'"connectionStringSetting"', b'"connection"').replace(
        b'"leaseCollectionName"', b'"leaseContainerName"'
    ).replace(b'"createLeaseCollectionIfNotExists"', b'"createLeaseContainerIfNotExists"')
    assert files["Orders/__init__.py"] == APP["Orders/__init__.py"].replace(
        b"msg: str", b"msg: func.Out[str]"
    )
    # The import the fix adds follows the file's CRLF.
    assert files["Events/__init__.py"] == (
        b"import azure.functions as func\r\nfrom typing import List\r\n\r\n\r\n"
        b"def main(events: List[func.EventHubEvent]) -> None:\r\n    pass\r\n"
    )
    # Untouched files stay byte for byte, BOM included.
    assert files["host.json"] == APP["host.json"]
    assert files["Timer/__init__.py"] == APP["Timer/__init__.py"]
    # What remains: the misspelt key, whose fix is a guess (only with --unsafe-fixes).
    assert done.returncode == 1
    assert "FUNC013" in done.stdout and "FUNC122" not in done.stdout
    assert "fixed 8 problems in 4 files, 1 remaining (1 fixable with --unsafe-fixes)" in (
        done.stderr
    )

    again = run("check", "app", "--fix", cwd=tmp_path)
    assert snapshot(app) == files
    assert "fixed 0 problems in 0 files" in again.stderr

    unsafe = run("check", "app", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert b'"connection": "AzureWebJobsStorage"' in (app / "Orders/function.json").read_bytes()
    assert unsafe.returncode == 0, unsafe.stdout
    assert unsafe.stdout == ""


def test_diff_shows_the_fixes_without_writing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    before = snapshot(app)
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", "app", "--diff"],
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert snapshot(app) == before
    assert done.returncode == 1
    diff = done.stdout.decode("utf-8")
    assert "--- a/app/Timer/function.json\n+++ b/app/Timer/function.json\n" in diff
    assert '-      "schedule": "*/5 * * * *"\r\n' in diff
    assert '+      "schedule": "0 */5 * * * *"\r\n' in diff
    assert "+def main(docs: func.DocumentList, msg: func.Out[str]) -> None:\n" in diff
    assert "+++ b/app/host.json" not in diff
    assert b"would fix 8 problems in 4 files" in done.stderr

    # The diff is the --fix result: `git apply` of it gives the same bytes.
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    patch = tmp_path / "fix.patch"
    patch.write_bytes(done.stdout)
    subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=tmp_path, check=True)
    applied = snapshot(app)
    shutil.rmtree(app)
    make_app(tmp_path)
    run("check", "app", "--fix", cwd=tmp_path)
    assert snapshot(app) == applied

    clean = run("check", "app", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert clean.returncode == 1 and '"conection"' in clean.stdout
    run("check", "app", "--fix", "--unsafe-fixes", cwd=tmp_path)
    nothing = run("check", "app", "--diff", cwd=tmp_path)
    assert nothing.returncode == 0 and nothing.stdout == ""


def test_fix_twice_changes_nothing_the_second_time_on_every_fixture_app(tmp_path: Path) -> None:
    """Every app of tests/corpus, tests/apps and examples: --fix (then --unsafe-fixes) reaches a
    fixed point in one run, leaves parseable files and does not grow new problems."""
    for name in ("corpus", "apps"):
        shutil.copytree(REPO / "tests" / name, tmp_path / name)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    original = snapshot(tmp_path)
    before = run("check", ".", "--format", "json", "--severity", "hint", cwd=tmp_path)
    codes_before = {(i["path"], i["code"]) for i in json.loads(before.stdout)}
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        first = run("check", ".", *flags, cwd=tmp_path)
        assert "stopped after" not in first.stderr, first.stderr
        fixed = snapshot(tmp_path)
        assert fixed != original, f"{flags} fixed nothing in the fixture apps"
        second = run("check", ".", *flags, cwd=tmp_path)
        assert snapshot(tmp_path) == fixed, flags
        assert "fixed 0 problems in 0 files" in second.stderr, second.stderr
        for path, data in fixed.items():
            if data != original.get(path) and path.endswith(".py"):
                compile(data, path, "exec")
        after = run("check", ".", "--format", "json", "--severity", "hint", cwd=tmp_path)
        codes_after = {(i["path"], i["code"]) for i in json.loads(after.stdout)}
        assert not {c for c in codes_after if c[1] in ("FUNC001", "FUNC204")} - codes_before
