"""funcls finds what azure-functions-doctor finds, where it applies (issue 12 §3).

azure-functions-doctor checks v2 apps from the command line. Each case below is a small v2 app
with one mistake a doctor rule is about; the test runs the doctor (its own virtual environment,
`.venv-doctor`, built by `.ci/run`) and `funcls check` on the same folder and asserts that:

- the doctor reports the rule the case is about (so the case really is that mistake), and
- funcls reports one of the codes that rule maps to, for every doctor finding whose rule applies
  (APPLIES); the doctor rules that do not apply to an editor's check of the app's files (the
  machine's tools, infrastructure templates, third-party libraries, heuristics about style) are
  listed with the reason in docs/doctor-comparison.md, and NOT_APPLICABLE must name every rule the
  doctor ran, so a new doctor rule makes this test fail until it is placed.

The sample v2 apps of tests/apps/v2 are run as well: whatever the doctor finds there that applies,
funcls finds too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCTOR = REPO / ".venv-doctor" / "bin" / "azure-functions-doctor"
SAMPLES = sorted(p for p in (REPO / "tests" / "apps" / "v2").glob("*") if p.is_dir())

# doctor rule -> funcls codes that report the same mistake
APPLIES: dict[str, set[str]] = {
    "check_blueprint_registration": {"FUNC709"},
    # without local.settings.json funcls says that once (FUNC500) instead of once per setting
    "check_binding_connection_resolution": {"FUNC511", "FUNC512", "FUNC515", "FUNC500"},
    "check_host_json": {"FUNC108"},
    # the doctor repeats a missing host.json in its host.json rules; funcls says it once (FUNC108)
    "check_host_json_version": {"FUNC400", "FUNC401", "FUNC108"},
    "check_requirements_txt": {"FUNC606"},
    "check_azure_functions_library": {"FUNC601", "FUNC606"},
    "check_azure_functions_worker": {"FUNC600", "FUNC606"},
    "check_local_settings": {"FUNC500"},
    "check_extension_bundle": {"FUNC404", "FUNC108"},
    "check_extension_bundle_v4": {"FUNC403", "FUNC405", "FUNC404", "FUNC108"},
}

# doctor rules funcls leaves alone, by reason (docs/doctor-comparison.md says more)
NOT_APPLICABLE: dict[str, str] = {
    "check_programming_model_v2": "a statement about the app, not a mistake",
    "check_python_version": "the machine's interpreter",
    "check_python_runtime_lifecycle": "a support calendar, not a load-time rule",
    "check_functions_runtime_lifecycle": "infrastructure and deployment settings",
    "check_hosting_plan_lifecycle": "infrastructure templates",
    "check_flex_runtime_config": "infrastructure templates",
    "check_flex_deprecated_settings": "infrastructure templates",
    "check_flex_deployment_storage": "infrastructure templates",
    "check_linux_fx_version": "infrastructure templates",
    "check_dev_storage_connection": "infrastructure templates",
    "check_venv": "the machine's environment",
    "check_python_executable": "the machine's environment",
    "check_func_cli": "the machine's tools",
    "check_func_core_tools_version": "the machine's tools",
    "check_functions_extension_version": "a deployed app's setting; local runs ignore it",
    "check_durabletask_config": "optional: the host has defaults",
    "check_app_insights": "telemetry configuration, optional",
    "check_asgi_wsgi_exposure": "a detection, not a mistake",
    "check_unused_files": "deployment hygiene; FUNC611 reports the virtual environment that gets deployed",
    "check_funcignore": "optional file",
    "check_local_settings_git_tracked": "the repository's state, not the app's files",
    "check_native_dependency_risk": "a heuristic about packages",
    "check_unpinned_requirements": "a policy, not a runtime rule",
    "check_durable_nondeterminism": "a heuristic about orchestrator code",
    "check_host_json_log_level_conflict": "a heuristic about log volume",
    "check_decorator_order": "a third-party library (azure-functions-validation)",
    "check_endpoint_metadata": "a third-party library (azure-functions-validation)",
    "check_openapi_version_mixing": "a third-party library (OpenAPI generation)",
    "check_scan_before_spec": "a third-party library (azure-functions-openapi)",
    "check_langgraph_anonymous_auth": "a third-party library (langgraph)",
    "check_otel_trace_context_activation": "a third-party library (azure-functions-logging)",
}

FUNCTION_APP = """import azure.functions as func

from jobs import bp

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
app.register_functions(bp)


@app.route(route="orders/{id}", methods=["GET"])
def get_order(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(req.route_params.get("id", ""))


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="OrdersStorage")
@app.blob_output(arg_name="receipt", path="receipts/{id}.json", connection="OrdersStorage")
def process_order(msg: func.QueueMessage, receipt: func.Out[str]) -> None:
    receipt.set(msg.get_body().decode())
"""

JOBS = """import azure.functions as func

bp = func.Blueprint()


@bp.timer_trigger(arg_name="timer", schedule="0 30 2 * * *")
def nightly(timer: func.TimerRequest) -> None:
    pass
"""

HOST = {
    "version": "2.0",
    "extensionBundle": {
        "id": "Microsoft.Azure.Functions.ExtensionBundle",
        "version": "[4.*, 5.0.0)",
    },
}

SETTINGS = {
    "IsEncrypted": False,
    "Values": {
        "FUNCTIONS_WORKER_RUNTIME": "python",
        "AzureWebJobsStorage": "UseDevelopmentStorage=true",
        "OrdersStorage": "UseDevelopmentStorage=true",
    },
}


def _write_app(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "function_app.py").write_text(FUNCTION_APP, encoding="utf-8")
    (folder / "jobs.py").write_text(JOBS, encoding="utf-8")
    (folder / "host.json").write_text(json.dumps(HOST, indent=2), encoding="utf-8")
    (folder / "local.settings.json").write_text(json.dumps(SETTINGS, indent=2), encoding="utf-8")
    (folder / "requirements.txt").write_text("azure-functions\n", encoding="utf-8")


def _edit_json(name: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        change(data)
        (folder / name).write_text(json.dumps(data, indent=2), encoding="utf-8")

    return edit


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")

    return edit


def _delete(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


# case -> (the change to the sound app, the doctor rule it is about)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "blueprint-not-registered": (
        _replace("function_app.py", "app.register_functions(bp)\n", ""),
        "check_blueprint_registration",
    ),
    "connection-setting-missing": (
        _edit_json("local.settings.json", lambda d: d["Values"].pop("OrdersStorage")),
        "check_binding_connection_resolution",
    ),
    "bundle-3": (
        _edit_json("host.json", lambda d: d["extensionBundle"].update(version="[3.*, 4.0.0)")),
        "check_extension_bundle_v4",
    ),
    "no-bundle": (
        _edit_json("host.json", lambda d: d.pop("extensionBundle")),
        "check_extension_bundle",
    ),
    "host-version-missing": (
        _edit_json("host.json", lambda d: d.pop("version")),
        "check_host_json_version",
    ),
    "host-version-wrong": (
        _edit_json("host.json", lambda d: d.update(version="1.0")),
        "check_host_json_version",
    ),
    "no-host-json": (_delete("host.json"), "check_host_json"),
    "no-requirements": (_delete("requirements.txt"), "check_requirements_txt"),
    "azure-functions-not-required": (
        _replace("requirements.txt", "azure-functions\n", "requests\n"),
        "check_azure_functions_library",
    ),
    "worker-pinned": (
        _replace(
            "requirements.txt", "azure-functions\n", "azure-functions\nazure-functions-worker\n"
        ),
        "check_azure_functions_worker",
    ),
    "no-local-settings": (_delete("local.settings.json"), "check_local_settings"),
}


def _doctor() -> Path:
    if DOCTOR.exists():
        return DOCTOR
    message = f"no azure-functions-doctor at {DOCTOR} (.ci/run builds .venv-doctor)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _doctor_findings(app: Path) -> dict[str, str]:
    """Rule id -> the doctor's text, for every rule it warns or fails on; every rule it ran is
    checked against APPLIES and NOT_APPLICABLE."""
    done = subprocess.run(
        [str(_doctor()), "doctor", "--path", str(app), "--format", "json", "--profile", "full"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    report = json.loads(done.stdout)
    findings = {}
    for section in report["results"]:
        for item in section["items"]:
            rule = item["rule_id"]
            assert rule in APPLIES or rule in NOT_APPLICABLE, (
                f"doctor rule {rule} is new: place it in APPLIES or NOT_APPLICABLE "
                f"(and in docs/doctor-comparison.md): {item.get('value')}"
            )
            if item["status"] in ("warn", "fail"):
                findings[rule] = str(item.get("value", ""))
    return findings


def _funcls_problems(app: Path) -> list[dict[str, object]]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "funcls",
            "check",
            str(app),
            "--format",
            "json",
            "--severity",
            "hint",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    problems: list[dict[str, object]] = json.loads(done.stdout)
    return problems


def _funcls_codes(app: Path) -> set[str]:
    return {str(problem["code"]) for problem in _funcls_problems(app)}


# (sample, doctor rule) -> why the doctor's finding is wrong there, checked by hand
DOCTOR_WRONG: dict[tuple[str, str], str] = {
    ("web-and-jobs", "check_blueprint_registration"): (
        "the blueprint is registered with app.register_blueprint(reports.bp), a method of "
        "FunctionApp (azure-functions 1.x, FunctionRegister.register_blueprint) the v2 worker "
        "indexes like register_functions; the doctor only recognises register_functions(<name>)"
    ),
}


def _assert_parity(app: Path, findings: dict[str, str]) -> None:
    codes = _funcls_codes(app)
    missed = {
        rule: text
        for rule, text in findings.items()
        if rule in APPLIES and not APPLIES[rule] & codes and (app.name, rule) not in DOCTOR_WRONG
    }
    assert not missed, f"the doctor finds what funcls does not: {missed}; funcls: {sorted(codes)}"


def test_every_doctor_rule_is_placed_once() -> None:
    assert not set(APPLIES) & set(NOT_APPLICABLE)
    documented = (REPO / "docs" / "doctor-comparison.md").read_text(encoding="utf-8")
    assert all(f"`{rule}`" in documented for rule in [*APPLIES, *NOT_APPLICABLE])


@pytest.mark.parametrize("case", sorted(CASES))
def test_funcls_finds_what_the_doctor_finds(case: str, tmp_path: Path) -> None:
    change, rule = CASES[case]
    app = tmp_path / case
    _write_app(app)
    change(app)
    findings = _doctor_findings(app)
    assert rule in findings, f"the case does not show the doctor's {rule}: {findings}"
    _assert_parity(app, findings)


def test_the_sound_app_gives_neither_tool_an_applicable_finding(tmp_path: Path) -> None:
    app = tmp_path / "sound"
    _write_app(app)
    findings = _doctor_findings(app)
    assert not {rule for rule in findings if rule in APPLIES}, findings
    assert [p for p in _funcls_problems(app) if p["severity"] in ("error", "warning")] == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples(sample: Path, tmp_path: Path) -> None:
    app = tmp_path / sample.name
    shutil.copytree(sample, app)
    findings = _doctor_findings(app)
    for rule in [r for (name, r) in DOCTOR_WRONG if name == sample.name]:
        assert rule in findings, f"the doctor no longer reports {rule} on {sample.name}"
    _assert_parity(app, findings)
