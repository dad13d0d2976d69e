"""`funcls check --format sarif` validates against the SARIF 2.1.0 JSON schema (OASIS, Errata 01;
see sarif/SOURCE.md), so GitHub code scanning accepts the upload."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json"


def sarif_of(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", "--format", "sarif", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_output_is_valid_sarif_2_1_0() -> None:
    check = validator()
    for args in (
        ["examples/sample-app", "--severity", "hint"],
        ["tests/apps", "--severity", "hint"],
        ["tests/corpus/shop-api", "--severity", "error"],  # no results at all
    ):
        sarif = sarif_of(*args)
        errors = sorted(check.iter_errors(sarif), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    sarif = sarif_of("tests/apps", "--severity", "hint")
    (run,) = sarif["runs"]  # type: ignore[index]
    assert len(run["results"]) > 20
    # Relative URIs: code scanning resolves them against the repository root.
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert all(u.startswith("tests/apps/") for u in uris)


def test_the_schema_rejects_broken_sarif() -> None:
    """The validation can fail: a result without a message, or a bad level, is refused."""
    check = validator()
    sarif = sarif_of("examples/sample-app")
    result = sarif["runs"][0]["results"][0]  # type: ignore[index]
    del result["message"]
    assert list(check.iter_errors(sarif))
    sarif = sarif_of("examples/sample-app")
    sarif["runs"][0]["results"][0]["level"] = "fatal"  # type: ignore[index]
    assert list(check.iter_errors(sarif))
