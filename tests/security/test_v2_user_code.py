"""A v2 app is read, never run: `funcls check` judges its decorators without importing
function_app.py or its blueprints, and shows no setting value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SENTINEL = "SENTINEL-0b7e4a52-never-shown"


def test_check_reads_a_v2_app_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    touch = f"open({str(marker)!r}, 'w').write('ran')\n"
    app = tmp_path / "app"
    app.mkdir()
    (app / "host.json").write_text('{"version": "2.0"}')
    (app / "requirements.txt").write_text("azure-functions\n")
    (app / "local.settings.json").write_text(
        json.dumps(
            {"Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "AzureWebJobsStorage": SENTINEL}}
        )
    )
    (app / "more.py").write_text(
        "import azure.functions as func\n" + touch + "bp = func.Blueprint()\n\n"
        "@bp.queue_trigger(arg_name='msg', queue_name='orders', connection='Missing')\n"
        "def on_msg(message: func.QueueMessage) -> None: ...\n"
    )
    (app / "function_app.py").write_text(
        "import azure.functions as func\nfrom more import bp\n"
        + touch
        + "app = func.FunctionApp()\napp.register_functions(bp)\n\n"
        "@app.route(route='x', auth_level='nobody')\n"
        "def x(req: func.HttpRequest) -> func.HttpResponse: ...\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", str(app), "--log-level", "debug"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert "FUNC710" in done.stdout and "FUNC211" in done.stdout  # the checks really ran
    assert SENTINEL not in done.stdout + done.stderr
    assert not marker.exists(), "user code was executed"
