"""What the server touches, watched from outside with strace: it opens nothing outside the
workspace, the Python installation and funcls itself (a `scriptFile` of `../../../../etc/hostname`
is reported, never read), executes nothing (not the app's `.venv/bin/python`, not its modules),
and no setting value reaches its log, whatever the client asks (including rename, references and
code actions)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import sysconfig
from pathlib import Path

import jedi
import parso.cache
import pytest
from lsprotocol import types

from fuzz.lsp_session import FuzzSession, position_of, start_session, stop_session

REPO = Path(__file__).resolve().parents[2]
SENTINEL = "SENTINEL-5f2c-4b7e-a1d0-file-access"
STRACE = shutil.which("strace")
SYMBOLS: dict[str, str] = {}  # the outline of local.settings.json, checked on its own

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(STRACE is None, reason="strace is not installed (apt-get install strace)"),
]


def _hostile_app(root: Path, marker: Path) -> Path:
    """An app whose Python would create `marker` if imported or run, with setting values that
    must never be shown and a scriptFile that points at a system file."""
    touch = f"open({str(marker)!r}, 'w').write('ran')\n"
    app = root / "workspace" / "app"
    (app / "shared_code" / "inner").mkdir(parents=True)
    (app / "host.json").write_text(
        json.dumps(
            {
                "version": "2.0",
                "extensionBundle": {
                    "id": "Microsoft.Azure.Functions.ExtensionBundle",
                    "version": "[4.*, 5.0.0)",
                },
            }
        )
    )
    (app / "requirements.txt").write_text("azure-functions\n")
    (app / "local.settings.json").write_text(
        json.dumps(
            {
                "IsEncrypted": False,
                "Values": {
                    "FUNCTIONS_WORKER_RUNTIME": "python",
                    "AzureWebJobsStorage": SENTINEL,
                    "OrdersQueue": SENTINEL + "-queue",
                    "ApiToken": SENTINEL + "-token",
                },
                "ConnectionStrings": {"Db": SENTINEL + "-db"},
            },
            indent=2,
        )
    )
    (app / "shared_code" / "__init__.py").write_text(touch)
    (app / "shared_code" / "inner" / "__init__.py").write_text(touch)
    (app / "shared_code" / "helpers.py").write_text(touch + "def greet():\n    return 'hi'\n")
    orders = app / "Orders"
    orders.mkdir()
    (orders / "function.json").write_text(
        json.dumps(
            {
                "scriptFile": "__init__.py",
                "bindings": [
                    {
                        "type": "queueTrigger",
                        "direction": "in",
                        "name": "msg",
                        "queueName": "orders",
                        "connection": "OrdersQueue",
                    },
                    {
                        "type": "queue",
                        "direction": "out",
                        "name": "out",
                        "queueName": "done",
                        "connection": "OrdersQueue",
                    },
                ],
            },
            indent=2,
        )
    )
    (orders / "__init__.py").write_text(
        "import os\n\nimport azure.functions as func\n\nfrom shared_code import helpers\n"
        "from shared_code.inner import *\n"
        + touch
        + "\n\ndef main(msg: func.QueueMessage, out: func.Out[str]) -> None:\n"
        "    token = os.environ['ApiToken']\n"
        "    helpers.greet()\n"
        "    out.set(token)\n"
    )
    outside = app / "Outside"
    outside.mkdir()
    (outside / "function.json").write_text(
        json.dumps(
            {
                "scriptFile": "../../../../../../../../../../etc/hostname",
                "bindings": [{"type": "httpTrigger", "direction": "in", "name": "req"}],
            },
            indent=2,
        )
    )
    (outside / "__init__.py").write_text(touch + "def main(req):\n    return None\n")
    venv_python = app / ".venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text(f'#!/bin/sh\necho ran > {marker}\nexec {sys.executable} "$@"\n')
    venv_python.chmod(0o755)
    (app / ".venv" / "pyvenv.cfg").write_text(f"home = {Path(sys.executable).parent}\n")
    return app


def _allowed_roots(app: Path, tmp_path: Path) -> list[str]:
    """Where reading is fine: the workspace, the Python installation (interpreter, standard
    library, the server's virtual environment), funcls itself, the dynamic loader's files, the
    process's own /proc and /dev entries, and the test's own log folder."""
    paths = sysconfig.get_paths()
    roots = {
        str(app.parent),
        str(tmp_path),
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        paths["stdlib"],
        paths["platstdlib"],
        paths["purelib"],
        paths["platlib"],
        str(Path(sys.executable).resolve().parent.parent),
        str(REPO / "server"),
        str(REPO / "schemas"),
        "/proc/",  # process status: its own, and the client process it watches
        "/proc/sys/",  # kernel settings the C library reads (overcommit_memory)
        "/sys/devices/system/cpu/",
        "/dev/",
        "/etc/ld.so.cache",
        "/lib/",
        "/lib64/",
        "/usr/lib/",
        "/usr/lib64/",
        "/etc/localtime",
        "/usr/share/zoneinfo/",
        "/usr/share/locale/",  # the C library's locale aliases
        # jedi's and parso's caches of analysed library modules (the user's own cache)
        jedi.settings.cache_directory,
        str(parso.cache._default_cache_path),
    }
    return sorted(os.path.realpath(r) if not r.endswith("/") else r for r in roots)


_CALL = re.compile(
    r'^(\d+)\s+(?:<\.\.\. )?(openat|open|openat2|execve|execveat)\(([^"]*)"([^"]*)"(.*)$'
)


def _traced(trace: Path) -> tuple[list[str], list[str]]:
    """(paths opened successfully, programs executed) from strace's output files."""
    opened: list[str] = []
    executed: list[str] = []
    for part in sorted(trace.parent.glob(trace.name + "*")):
        for line in part.read_text(errors="replace").splitlines():
            match = _CALL.match(line)
            if match is None:
                continue
            _, call, _, path, rest = match.groups()
            result = rest.rsplit("=", 1)[-1].strip().split()[0] if "=" in rest else ""
            if not result.lstrip("-").isdigit() or int(result) < 0:
                continue  # failed calls (probes for files that are not there) read nothing
            (executed if call.startswith("exec") else opened).append(path)
    return opened, executed


async def _drive(session: FuzzSession, app: Path) -> list[str]:
    """Every request a client makes, at many positions of every file; returns what came back."""
    client = session.client
    seen: list[str] = []
    files = [
        app / "Orders" / "function.json",
        app / "Orders" / "__init__.py",
        app / "Outside" / "function.json",
        app / "local.settings.json",
        app / "host.json",
        app / "shared_code" / "helpers.py",
    ]
    for path in files:
        text = path.read_text(encoding="utf-8")
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=path.as_uri(),
                    language_id="python" if path.suffix == ".py" else "json",
                    version=1,
                    text=text,
                )
            )
        )
    for path in files:
        uri = path.as_uri()
        ident = types.TextDocumentIdentifier(uri=uri)
        text = path.read_text(encoding="utf-8")
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=ident)
        )
        diagnostics = list(getattr(report, "items", []))
        seen.append(repr(diagnostics))
        for offset in range(0, len(text) + 1, 4):
            position = position_of(text, offset, session.encoding)
            seen.append(
                repr(
                    await client.text_document_hover_async(
                        types.HoverParams(text_document=ident, position=position)
                    )
                )
            )
            seen.append(
                repr(
                    await client.text_document_completion_async(
                        types.CompletionParams(text_document=ident, position=position)
                    )
                )
            )
            if offset % 12 == 0:
                seen.append(
                    repr(
                        await client.text_document_definition_async(
                            types.DefinitionParams(text_document=ident, position=position)
                        )
                    )
                )
                seen.append(
                    repr(
                        await client.text_document_references_async(
                            types.ReferenceParams(
                                text_document=ident,
                                position=position,
                                context=types.ReferenceContext(include_declaration=True),
                            )
                        )
                    )
                )
                prepared = await client.text_document_prepare_rename_async(
                    types.PrepareRenameParams(text_document=ident, position=position)
                )
                seen.append(repr(prepared))
                if prepared is not None:
                    try:
                        seen.append(
                            repr(
                                await client.text_document_rename_async(
                                    types.RenameParams(
                                        text_document=ident, position=position, new_name="renamed"
                                    )
                                )
                            )
                        )
                    except Exception as exc:  # a refused rename is an error response
                        seen.append(repr(exc))
        symbols = repr(
            await client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=ident)
            )
        )
        if path.name == "local.settings.json":
            SYMBOLS[path.name] = symbols
        else:
            seen.append(symbols)
        whole = types.Range(
            start=types.Position(line=0, character=0),
            end=position_of(text, len(text), session.encoding),
        )
        seen.append(
            repr(
                await client.text_document_code_action_async(
                    types.CodeActionParams(
                        text_document=ident,
                        range=whole,
                        context=types.CodeActionContext(diagnostics=diagnostics),
                    )
                )
            )
        )
        client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=ident))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Changed) for p in files
            ]
        )
    )
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=files[0].as_uri())
        )
    )
    seen.append(repr(report))
    return seen


async def test_reads_only_the_workspace_and_python_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    app = _hostile_app(tmp_path, marker)
    trace = tmp_path / "trace" / "strace.out"
    trace.parent.mkdir()
    assert STRACE is not None
    session = await start_session(
        "pull",
        tmp_path,
        app=app.parent,
        prefix=(
            STRACE,
            "-f",
            "-qq",
            "-e",
            "trace=open,openat,openat2,execve,execveat",
            "-o",
            str(trace),
        ),
    )
    try:
        seen = await _drive(session, app)
    finally:
        await stop_session(session)
    shown = "\n".join(seen)
    assert "Orders" in shown and "hostname" in shown, "the checks ran and saw the scriptFile"
    assert SENTINEL not in shown, "a setting value reached the client"
    log = session.log.read_text(encoding="utf-8", errors="replace")
    assert SENTINEL not in log, "a setting value reached the server log"
    assert not marker.exists(), "user code was executed"

    opened, executed = _traced(trace)
    assert opened, "strace saw nothing: the trace is broken"
    assert executed[:1] and Path(executed[0]).name.startswith("python"), executed
    # Only the server's own interpreter may run again (jedi's helper process for compiled
    # modules); the app's .venv/bin/python is a shell script, so running it would show /bin/sh.
    ours = os.path.realpath(sys.executable)
    others = [program for program in executed[1:] if os.path.realpath(program) != ours]
    assert others == [], f"the server executed programs: {others}"
    assert "/etc/hostname" not in opened, "the scriptFile outside the app was read"
    allowed = _allowed_roots(app, tmp_path)
    outside = sorted(
        {
            path
            for path in opened
            if path != os.getcwd()  # Python lists its working folder when it imports
            and not any(
                os.path.realpath(path) == root.rstrip("/")
                or os.path.realpath(path).startswith(root.rstrip("/") + "/")
                or path.startswith(root)
                for root in allowed
            )
        }
    )
    assert outside == [], f"files read outside the workspace and the Python environment: {outside}"


async def test_outline_of_local_settings_shows_no_values(tmp_path: Path) -> None:
    app = _hostile_app(tmp_path, tmp_path / "PWNED")
    session = await start_session("pull", tmp_path, app=app.parent)
    try:
        path = app / "local.settings.json"
        session.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=path.as_uri(), language_id="json", version=1, text=path.read_text()
                )
            )
        )
        symbols = await session.client.text_document_document_symbol_async(
            types.DocumentSymbolParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri())
            )
        )
    finally:
        await stop_session(session)
    assert "ApiToken" in repr(symbols)
    assert SENTINEL not in repr(symbols)
