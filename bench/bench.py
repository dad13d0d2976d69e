#!/usr/bin/env python3
"""Benchmark funcls over the Language Server Protocol and print a table.

Generates classic-model Functions apps of several sizes (a mix of HTTP, timer, queue, blob, Service
Bus, Event Hubs, Cosmos DB and Durable functions, each with a correct `__init__.py`), starts
`funcls --stdio` as a subprocess and measures, per app size:

- spawn to the `initialize` response, and spawn to the first diagnostics of an opened function.json;
- the whole app checked: `funcls check` wall time, and every function.json opened and pulled;
- completion p50/p99 in function.json (type value, key, enum value, array item) and in a Python
  parameter list;
- pull diagnostics of one function.json;
- a `didChange` in `__init__.py` that removes or restores a parameter, to the updated diagnostics of
  its function.json (re-pulled, and pushed with the debounce set to 0);
- the server's peak memory (VmHWM);
- the initial scan, which checks every file of the app (`diagnostics.scope` = `workspace`):
  its duration, completion p50/p99 in function.json while it runs against the same once idle
  (requests paced 5 ms apart, as typing), and a `workspace/diagnostic` pull in which every file is
  `unchanged` (VS Code's client repeats it every 2 s).

`--vs` also runs VS Code's JSON language server (npm `vscode-langservers-extracted`, installed into
a cache folder) with funcls's own function.json schema, interleaved request by request with funcls,
and prints the ratios funcls / JSON server.

    python bench/bench.py                       # sizes 10,100,1000,5000, one repetition
    python bench/bench.py --sizes 10,100 --repeat 3 --vs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FUNCTION_SCHEMA = REPO / "schemas" / "function.json.schema.json"
FUNCLS = [sys.executable, "-m", "funcls", "--stdio"]
JSON_SERVER_PACKAGE = "vscode-langservers-extracted@4.10.0"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "funcls-bench"
TIMEOUT = 120.0


# ---------------------------------------------------------------------------------------------
# App generation
# ---------------------------------------------------------------------------------------------
HOST_JSON = """{
  "version": "2.0",
  "logging": {
    "applicationInsights": {
      "samplingSettings": {
        "isEnabled": true,
        "excludedTypes": "Request"
      }
    }
  },
  "extensions": {
    "durableTask": {
      "hubName": "BenchHub"
    }
  },
  "extensionBundle": {
    "id": "Microsoft.Azure.Functions.ExtensionBundle",
    "version": "[4.*, 5.0.0)"
  }
}
"""

LOCAL_SETTINGS = """{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "python",
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "ServiceBusConnection": "Endpoint=sb://bench-example.servicebus.windows.net/;SharedAccessKeyName=bench;SharedAccessKey=placeholder",
    "EventHubConnection": "Endpoint=sb://bench-example-eh.servicebus.windows.net/;SharedAccessKeyName=bench;SharedAccessKey=placeholder;EntityPath=telemetry",
    "CosmosDbConnection__accountEndpoint": "https://bench-example.documents.azure.com:443/"
  }
}
"""

REQUIREMENTS = "azure-functions\nazure-functions-durable\n"

# The HTTP function.json: completion positions are taken from this text.
HTTP_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "authLevel": "function",
      "type": "httpTrigger",
      "direction": "in",
      "name": "req",
      "methods": ["get", "post"],
      "route": "items/%(tag)s"
    },
    {
      "type": "http",
      "direction": "out",
      "name": "$return"
    }
  ]
}
"""
HTTP_PY = """import logging

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    logging.info("%(name)s received a request.")
    name = req.params.get("name") or "world"
    return func.HttpResponse(f"Hello, {name}!")
"""

TIMER_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "name": "mytimer",
      "type": "timerTrigger",
      "direction": "in",
      "schedule": "0 */5 * * * *"
    }
  ]
}
"""
TIMER_PY = """import logging

import azure.functions as func


def main(mytimer: func.TimerRequest) -> None:
    if mytimer.past_due:
        logging.info("The timer is past due!")
    logging.info("%(name)s ran.")
"""

# The queue function: the cross-file edit removes and restores its `outmsg` parameter.
QUEUE_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "name": "msg",
      "type": "queueTrigger",
      "direction": "in",
      "queueName": "orders-%(tag)s",
      "connection": "AzureWebJobsStorage"
    },
    {
      "name": "outmsg",
      "type": "queue",
      "direction": "out",
      "queueName": "receipts-%(tag)s",
      "connection": "AzureWebJobsStorage"
    }
  ]
}
"""
QUEUE_PARAMS = "msg: func.QueueMessage, outmsg: func.Out[str]"
QUEUE_PARAMS_REMOVED = "msg: func.QueueMessage, "
QUEUE_PY = """import logging

import azure.functions as func


def main(%(params)s) -> None:
    body = msg.get_body().decode("utf-8")
    logging.info("%(name)s processed %%s", body)
    outmsg.set(body)
"""

BLOB_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "name": "myblob",
      "type": "blobTrigger",
      "direction": "in",
      "path": "uploads-%(tag)s/{name}",
      "connection": "AzureWebJobsStorage"
    },
    {
      "name": "outputblob",
      "type": "blob",
      "direction": "out",
      "path": "processed-%(tag)s/{name}",
      "connection": "AzureWebJobsStorage"
    }
  ]
}
"""
BLOB_PY = """import logging

import azure.functions as func


def main(myblob: func.InputStream, outputblob: func.Out[bytes]) -> None:
    logging.info("%(name)s: blob %%s, %%s bytes", myblob.name, myblob.length)
    outputblob.set(myblob.read())
"""

SERVICEBUS_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "name": "msg",
      "type": "serviceBusTrigger",
      "direction": "in",
      "queueName": "work-%(tag)s",
      "connection": "ServiceBusConnection"
    }
  ]
}
"""
SERVICEBUS_PY = """import logging

import azure.functions as func


def main(msg: func.ServiceBusMessage) -> None:
    logging.info("%(name)s: message %%s", msg.message_id)
    logging.info(msg.get_body().decode("utf-8"))
"""

EVENTHUB_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "type": "eventHubTrigger",
      "name": "events",
      "direction": "in",
      "eventHubName": "telemetry",
      "connection": "EventHubConnection",
      "cardinality": "many",
      "consumerGroup": "$Default"
    }
  ]
}
"""
EVENTHUB_PY = """import logging
from typing import List

import azure.functions as func


def main(events: List[func.EventHubEvent]) -> None:
    for event in events:
        logging.info("%(name)s: %%s", event.get_body().decode("utf-8"))
"""

COSMOS_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "type": "cosmosDBTrigger",
      "name": "documents",
      "direction": "in",
      "connection": "CosmosDbConnection",
      "databaseName": "shop",
      "containerName": "orders",
      "leaseContainerName": "leases-%(tag)s",
      "createLeaseContainerIfNotExists": true
    }
  ]
}
"""
COSMOS_PY = """import logging

import azure.functions as func


def main(documents: func.DocumentList) -> None:
    if documents:
        logging.info("%(name)s: %%d document(s), first id %%s", len(documents), documents[0]["id"])
"""

DURABLE_CLIENT_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "authLevel": "anonymous",
      "name": "req",
      "type": "httpTrigger",
      "direction": "in",
      "route": "orchestrators-%(tag)s/{functionName}",
      "methods": ["post"]
    },
    {
      "name": "$return",
      "type": "http",
      "direction": "out"
    },
    {
      "name": "starter",
      "type": "durableClient",
      "direction": "in"
    }
  ]
}
"""
DURABLE_CLIENT_PY = """import azure.durable_functions as df
import azure.functions as func


async def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:
    client = df.DurableOrchestrationClient(starter)
    instance_id = await client.start_new(req.route_params["functionName"], None, None)
    return client.create_check_status_response(req, instance_id)
"""

ORCHESTRATOR_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "name": "context",
      "type": "orchestrationTrigger",
      "direction": "in"
    }
  ]
}
"""
ORCHESTRATOR_PY = """import azure.durable_functions as df


def orchestrator_function(context: df.DurableOrchestrationContext):
    result = yield context.call_activity("%(activity)s", "%(name)s")
    return result


main = df.Orchestrator.create(orchestrator_function)
"""

ACTIVITY_JSON = """{
  "scriptFile": "__init__.py",
  "bindings": [
    {
      "name": "payload",
      "type": "activityTrigger",
      "direction": "in"
    }
  ]
}
"""
ACTIVITY_PY = """def main(payload: str) -> str:
    return f"%(name)s handled {payload}"
"""

KINDS: tuple[tuple[str, str, str], ...] = (
    ("Http", HTTP_JSON, HTTP_PY),
    ("Timer", TIMER_JSON, TIMER_PY),
    ("Queue", QUEUE_JSON, QUEUE_PY),
    ("Blob", BLOB_JSON, BLOB_PY),
    ("ServiceBus", SERVICEBUS_JSON, SERVICEBUS_PY),
    ("EventHub", EVENTHUB_JSON, EVENTHUB_PY),
    ("Cosmos", COSMOS_JSON, COSMOS_PY),
    ("DurableStart", DURABLE_CLIENT_JSON, DURABLE_CLIENT_PY),
    ("Orchestrator", ORCHESTRATOR_JSON, ORCHESTRATOR_PY),
    ("Activity", ACTIVITY_JSON, ACTIVITY_PY),
)


@dataclass
class App:
    """A generated app and the functions the measurements use."""

    root: Path
    size: int
    function_jsons: list[Path]
    http: Path  # folder of the HTTP function whose function.json gets the completions
    queue: Path  # folder of the queue function edited for the cross-file measure


def function_name(index: int) -> str:
    """The folder name of function number `index`."""
    return f"{KINDS[index % len(KINDS)][0]}{index:05d}"


def generate_app(root: Path, size: int) -> App:
    """Write an app of `size` functions under `root` (replaced when present)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "host.json").write_text(HOST_JSON)
    (root / "local.settings.json").write_text(LOCAL_SETTINGS)
    (root / "requirements.txt").write_text(REQUIREMENTS)
    (root / ".funcignore").write_text(".venv\n.git\n__pycache__\nlocal.settings.json\n")
    jsons: list[Path] = []
    for index in range(size):
        kind, json_template, py_template = KINDS[index % len(KINDS)]
        name = function_name(index)
        # An orchestrator calls the activity that follows it (the last one calls the first).
        activity = index + 1 if index + 1 < size else index - 8
        values = {
            "tag": f"r{index:05d}",
            "name": name,
            "params": QUEUE_PARAMS,
            "activity": function_name(max(activity, 0)),
        }
        folder = root / name
        folder.mkdir()
        (folder / "function.json").write_text(json_template % values)
        (folder / "__init__.py").write_text(py_template % values)
        jsons.append(folder / "function.json")
    if size < len(KINDS):
        raise SystemExit(f"apps need at least {len(KINDS)} functions")
    return App(root, size, jsons, root / function_name(0), root / function_name(2))


# ---------------------------------------------------------------------------------------------
# A small JSON-RPC client over pipes
# ---------------------------------------------------------------------------------------------
def now() -> float:
    """Monotonic seconds."""
    return time.perf_counter()


class LspError(RuntimeError):
    """An error response or a timeout."""


@dataclass
class Pending:
    sent: float
    done: threading.Event = field(default_factory=threading.Event)
    received: float = 0.0
    message: dict[str, Any] | None = None


class Session:
    """One language server process and the client end of its pipes.

    Response and notification arrival times are taken by the reader thread as each message is
    parsed, so the waiting thread's wake-up does not count.
    """

    def __init__(
        self,
        command: Sequence[str],
        name: str,
        log_dir: Path,
        configuration: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        self.name = name
        self.stderr_path = log_dir / f"{name}-{os.getpid()}-{id(self)}.stderr"
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115
        self.spawned = now()
        self.process = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            bufsize=0,
        )
        self.configuration = configuration or (lambda item: None)
        self._write_lock = threading.Lock()
        self._next_id = 0
        self._pending: dict[int, Pending] = {}
        self._notes: list[tuple[float, dict[str, Any]]] = []
        self._notes_changed = threading.Condition()
        self._reader = threading.Thread(target=self._read_loop, name=f"{name}-reader", daemon=True)
        self._reader.start()

    # -- wire --------------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message, separators=(",", ":")).encode("utf-8")
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        assert self.process.stdin is not None
        with self._write_lock:
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def _read_loop(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        reader = _Reader(stream)
        while True:
            message = reader.message()
            if message is None:
                with self._notes_changed:
                    self._notes_changed.notify_all()
                for pending in self._pending.values():
                    pending.done.set()
                return
            stamp = now()
            if "method" not in message:
                pending = self._pending.get(message.get("id"))  # type: ignore[arg-type]
                if pending is not None:
                    pending.received = stamp
                    pending.message = message
                    pending.done.set()
            elif "id" in message:
                self._answer(message)
            else:
                with self._notes_changed:
                    self._notes.append((stamp, message))
                    self._notes_changed.notify_all()

    def _answer(self, request: dict[str, Any]) -> None:
        method = request["method"]
        result: Any = None
        if method == "workspace/configuration":
            result = [self.configuration(item) for item in request["params"]["items"]]
        elif method == "vscode/content":  # the JSON server asking for a schema's text
            uri = request["params"] if isinstance(request["params"], str) else ""
            if isinstance(request["params"], list):
                uri = request["params"][0]
            result = Path(uri.removeprefix("file://")).read_text(encoding="utf-8")
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    # -- requests and notifications ---------------------------------------------------------
    def send_request(self, method: str, params: Any) -> Pending:
        """Send a request; the returned Pending completes when the answer arrives."""
        self._next_id += 1
        pending = Pending(sent=now())
        self._pending[self._next_id] = pending
        pending.sent = now()
        self._send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return pending

    def wait(self, pending: Pending, timeout: float = TIMEOUT) -> Any:
        """The result of a sent request (raises on an error response or timeout)."""
        if not pending.done.wait(timeout):
            raise LspError(f"{self.name}: no answer in {timeout} s")
        if pending.message is None:
            raise LspError(f"{self.name}: the server exited")
        if "error" in pending.message:
            raise LspError(f"{self.name}: error response {pending.message['error']}")
        return pending.message.get("result")

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> tuple[Any, float]:
        """(result, seconds from sending to the answer's arrival)."""
        pending = self.send_request(method, params)
        result = self.wait(pending, timeout)
        return result, pending.received - pending.sent

    def notify(self, method: str, params: Any) -> float:
        """Send a notification; returns the time it was sent."""
        sent = now()
        self._send({"jsonrpc": "2.0", "method": method, "params": params})
        return sent

    def mark(self) -> int:
        """A position in the notification log, for `wait_diagnostics(after=...)`."""
        with self._notes_changed:
            return len(self._notes)

    def wait_diagnostics(
        self,
        uri: str,
        predicate: Callable[[list[dict[str, Any]]], bool] = lambda d: True,
        after: int = 0,
        timeout: float = TIMEOUT,
    ) -> tuple[float, list[dict[str, Any]]]:
        """(arrival time, diagnostics) of the first push for `uri` after `after` that matches."""
        deadline = now() + timeout
        index = after
        with self._notes_changed:
            while True:
                while index < len(self._notes):
                    stamp, note = self._notes[index]
                    index += 1
                    if note.get("method") != "textDocument/publishDiagnostics":
                        continue
                    params = note["params"]
                    if params["uri"] == uri and predicate(params["diagnostics"]):
                        return stamp, params["diagnostics"]
                remaining = deadline - now()
                if remaining <= 0 or self.process.poll() is not None:
                    raise LspError(f"{self.name}: no matching diagnostics for {uri}")
                self._notes_changed.wait(remaining)

    # -- LSP conveniences ----------------------------------------------------------------------
    def initialize(
        self, root: Path, pull: bool, options: Any = None, progress: bool = False
    ) -> tuple[dict[str, Any], float]:
        """initialize + initialized; returns (result, seconds from spawn to the response)."""
        pending = self.send_request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": client_capabilities(pull, progress),
                "initializationOptions": options,
            },
        )
        result = self.wait(pending)
        self.notify("initialized", {})
        return result, pending.received - self.spawned

    def open(self, path: Path, text: str | None = None, language: str | None = None) -> str:
        """didOpen a file (disk text unless given); returns its URI."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language or ("python" if path.suffix == ".py" else "json"),
                    "version": 1,
                    "text": path.read_text(encoding="utf-8") if text is None else text,
                }
            },
        )
        return uri

    def complete(self, uri: str, position: tuple[int, int]) -> tuple[Any, float]:
        """A completion request; (result, seconds)."""
        return self.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": uri},
                "position": {"line": position[0], "character": position[1]},
                "context": {"triggerKind": 1},
            },
        )

    def progress_ended(self) -> bool:
        """True once a `$/progress` end notification arrived."""
        with self._notes_changed:
            return any(
                note.get("method") == "$/progress"
                and (note.get("params") or {}).get("value", {}).get("kind") == "end"
                for _, note in self._notes
            )

    def pull(self, uri: str) -> tuple[list[dict[str, Any]], float]:
        """A pull-diagnostics request; (items, seconds)."""
        result, elapsed = self.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        return list(result.get("items", [])) if isinstance(result, dict) else [], elapsed

    def peak_rss_mb(self) -> float:
        """The process's resident-memory high-water mark (VmHWM), in MB."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return float("nan")
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        """shutdown + exit, then make sure the process is gone."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                self.process.wait(timeout=10)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._stderr.close()


class _Reader:
    """Base-protocol framing: headers, a blank line, Content-Length bytes of JSON."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.buffer = b""

    def _fill(self) -> bool:
        chunk = self.stream.read(65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def message(self) -> dict[str, Any] | None:
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                return None
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            key, _, value = line.partition(b":")
            if key.strip().lower() == b"content-length":
                length = int(value)
        self.buffer = rest
        while len(self.buffer) < length:
            if not self._fill():
                return None
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return json.loads(body)  # type: ignore[no-any-return]


def client_capabilities(pull: bool, progress: bool = False) -> dict[str, Any]:
    """Capabilities of a current VS Code-like client (pull diagnostics optional)."""
    text_document: dict[str, Any] = {
        "synchronization": {"dynamicRegistration": True, "didSave": True},
        "completion": {
            "dynamicRegistration": True,
            "completionItem": {
                "snippetSupport": True,
                "documentationFormat": ["markdown", "plaintext"],
                "insertReplaceSupport": True,
                "labelDetailsSupport": True,
                "resolveSupport": {
                    "properties": ["documentation", "detail", "additionalTextEdits"]
                },
            },
            "contextSupport": True,
            "completionList": {
                "itemDefaults": [
                    "commitCharacters",
                    "editRange",
                    "insertTextFormat",
                    "insertTextMode",
                    "data",
                ]
            },
        },
        "hover": {"dynamicRegistration": True, "contentFormat": ["markdown", "plaintext"]},
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
        "codeAction": {"dynamicRegistration": True},
    }
    if pull:
        text_document["diagnostic"] = {"dynamicRegistration": True, "relatedDocumentSupport": True}
    return {
        "general": {"positionEncodings": ["utf-16"]},
        "workspace": {
            "configuration": True,
            "didChangeConfiguration": {"dynamicRegistration": True},
            "workspaceFolders": True,
            "diagnostics": {"refreshSupport": False},
        },
        "textDocument": text_document,
        "window": {"workDoneProgress": progress},
    }


# ---------------------------------------------------------------------------------------------
# Positions in the generated files
# ---------------------------------------------------------------------------------------------
def position_after(text: str, needle: str, skip: int = 0) -> tuple[int, int]:
    """(line, column) just after the `skip`+1-th `needle` (ASCII text: UTF-16 = columns)."""
    index = -1
    for _ in range(skip + 1):
        index = text.index(needle, index + 1)
    end = index + len(needle)
    line = text.count("\n", 0, end)
    return line, end - (text.rfind("\n", 0, end) + 1)


def json_positions(text: str) -> dict[str, tuple[int, int]]:
    """Completion positions in the HTTP function.json."""
    return {
        "type value": position_after(text, '"type": "'),
        "key": position_after(text, '      "', 0),
        "enum value": position_after(text, '"authLevel": "'),
        "array item": position_after(text, '"methods": ["'),
    }


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank) of `values`."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def median(values: Sequence[float]) -> float:
    """Median ignoring NaNs."""
    present = [v for v in values if v == v]
    return statistics.median(present) if present else float("nan")


class Results:
    """Metric name -> size -> one value per repetition (milliseconds or MB)."""

    def __init__(self) -> None:
        self.values: dict[str, dict[int, list[float]]] = {}
        self.order: list[str] = []

    def add(self, metric: str, size: int, value: float) -> None:
        if metric not in self.values:
            self.values[metric] = {}
            self.order.append(metric)
        self.values[metric].setdefault(size, []).append(value)

    def get(self, metric: str, size: int) -> float:
        return median(self.values.get(metric, {}).get(size, []))


def progress(message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# JSON language server
# ---------------------------------------------------------------------------------------------
def json_server_command(cache: Path) -> list[str]:
    """The command of VS Code's JSON language server, installed into `cache` when missing."""
    binary = cache / "node_modules" / ".bin" / "vscode-json-language-server"
    if not binary.exists():
        cache.mkdir(parents=True, exist_ok=True)
        progress(f"installing {JSON_SERVER_PACKAGE} into {cache}")
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", JSON_SERVER_PACKAGE],
            cwd=cache,
            check=True,
        )
    return [str(binary), "--stdio"]


def json_server_settings() -> dict[str, Any]:
    """What VS Code sends the JSON server: our schema for function.json, validation on."""
    return {
        "json": {
            "schemas": [{"fileMatch": ["function.json"], "url": FUNCTION_SCHEMA.as_uri()}],
            "validate": {"enable": True},
            "format": {"enable": False},
        },
        "http": {"proxy": "", "proxyStrictSSL": True},
    }


def start_json_server(
    command: list[str], root: Path, log_dir: Path, pull: bool = True
) -> tuple[Session, float]:
    """A configured JSON server session and its spawn-to-initialize time."""
    session = Session(command, "json", log_dir)
    _, startup = session.initialize(
        root,
        pull=pull,
        options={"provideFormatter": False, "handledSchemaProtocols": ["file"]},
    )
    session.notify("workspace/didChangeConfiguration", {"settings": json_server_settings()})
    return session, startup


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------
@dataclass
class Config:
    sizes: list[int]
    repeat: int
    vs: bool
    work: Path
    samples: int
    json_command: list[str] | None
    check_limit: int


FUNCLS_OPTIONS = {"diagnostics": {"debounceMs": 0}}


def start_funcls(
    app: App, pull: bool, log_dir: Path, options: Any = None, progress: bool = False
) -> tuple[Session, float]:
    """A funcls session on `app` (its log to a file) and its spawn-to-initialize time."""
    log_file = log_dir / f"funcls-{app.size}-{time.time_ns()}.log"
    session = Session(
        [*FUNCLS, "--log-file", str(log_file)],
        "funcls",
        log_dir,
        configuration=lambda item: options if item.get("section") == "funcls" else None,
    )
    _, startup = session.initialize(app.root, pull=pull, options=options, progress=progress)
    return session, startup


def measure_startup(app: App, config: Config, results: Results) -> None:
    """Spawn to initialize and to first diagnostics (push client), interleaved with the JSON
    server in --vs mode."""
    session, startup = start_funcls(app, pull=False, log_dir=config.work, options=FUNCLS_OPTIONS)
    try:
        results.add("spawn → initialize (ms)", app.size, startup * 1000)
        uri = session.open(app.http / "function.json")
        stamp, _ = session.wait_diagnostics(uri)
        results.add("spawn → first diagnostics (ms)", app.size, (stamp - session.spawned) * 1000)
    finally:
        session.close()
    if config.json_command:
        json_session, json_startup = start_json_server(
            config.json_command, app.root, config.work, pull=False
        )
        try:
            results.add("JSON server: spawn → initialize (ms)", app.size, json_startup * 1000)
            uri = json_session.open(app.http / "function.json")
            stamp, _ = json_session.wait_diagnostics(uri, timeout=30)
            results.add(
                "JSON server: spawn → first diagnostics (ms)",
                app.size,
                (stamp - json_session.spawned) * 1000,
            )
        except LspError as exc:
            progress(f"JSON server first diagnostics: {exc}")
        finally:
            json_session.close()


def measure_floors(app: App, config: Config, results: Results) -> None:
    """What no server code can beat: the interpreter importing pygls (funcls's framework), and a
    request's round trip (an unknown method, answered with an error)."""
    started = now()
    subprocess.run([sys.executable, "-c", "import pygls.lsp.server"], check=True)
    results.add("floor: python + import pygls (ms)", app.size, (now() - started) * 1000)
    session, _ = start_funcls(app, pull=True, log_dir=config.work, options=FUNCLS_OPTIONS)
    try:
        results.add("floor: round trip, unknown method (ms)", app.size, _round_trip(session))
    finally:
        session.close()
    if config.json_command:
        json_session, _ = start_json_server(config.json_command, app.root, config.work)
        try:
            results.add(
                "JSON server: round trip, unknown method (ms)", app.size, _round_trip(json_session)
            )
        finally:
            json_session.close()


def _round_trip(session: Session) -> float:
    times = []
    for _ in range(200):
        pending = session.send_request("funcls/unknownMethod", {})
        pending.done.wait(TIMEOUT)
        times.append((pending.received - pending.sent) * 1000)
    return percentile(times, 50)


def measure_cli(app: App, config: Config, results: Results) -> None:
    """Wall time of `funcls check APP`."""
    started = now()
    done = subprocess.run(
        [sys.executable, "-m", "funcls", "check", str(app.root), "--format", "json"],
        capture_output=True,
        text=True,
    )
    elapsed = now() - started
    problems = json.loads(done.stdout or "[]")
    serious = [p for p in problems if p["severity"] in ("error", "warning")]
    if serious:
        progress(f"the generated app has {len(serious)} errors/warnings, e.g. {serious[:3]}")
    results.add("funcls check, whole app (s)", app.size, elapsed)


def measure_session(app: App, config: Config, results: Results) -> None:
    """One pull-diagnostics session: whole app pulled, completion, pull latency, cross-file
    update; peak memory at the end."""
    session, _ = start_funcls(app, pull=True, log_dir=config.work, options=FUNCLS_OPTIONS)
    json_session = None
    try:
        if config.json_command:
            json_session, _ = start_json_server(config.json_command, app.root, config.work)
        # -- every function.json opened, then all pulled -------------------------------------
        started = now()
        uris = [session.open(path) for path in app.function_jsons]
        pendings = [
            session.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            for uri in uris
        ]
        noisy = 0
        for pending in pendings:
            result = session.wait(pending)
            items = result.get("items", []) if isinstance(result, dict) else []
            noisy += any(d.get("severity") in (1, 2) for d in items)
        elapsed = max(p.received for p in pendings) - started
        results.add("all function.json opened + pulled (s)", app.size, elapsed)
        if noisy:
            progress(f"{noisy} function.json files have errors or warnings")

        # -- completion in function.json ------------------------------------------------------
        http_json = app.http / "function.json"
        http_uri = http_json.as_uri()
        positions = json_positions(http_json.read_text())
        json_uri = json_session.open(http_json) if json_session else None
        for label, position in positions.items():  # warm-up (the JSON server loads the schema)
            result, _ = session.complete(http_uri, position)
            if not _items(result):
                progress(f"funcls: no completion at {label} {position}")
            if json_session and json_uri:
                json_session.complete(json_uri, position)
        ours: list[float] = []
        theirs: list[float] = []
        per_position: dict[str, list[float]] = {k: [] for k in positions}
        for _ in range(config.samples):
            for label, position in positions.items():
                _, elapsed = session.complete(http_uri, position)
                ours.append(elapsed * 1000)
                per_position[label].append(elapsed * 1000)
                if json_session and json_uri:
                    _, elapsed = json_session.complete(json_uri, position)
                    theirs.append(elapsed * 1000)
        results.add("completion function.json p50 (ms)", app.size, percentile(ours, 50))
        results.add("completion function.json p99 (ms)", app.size, percentile(ours, 99))
        for label, values in per_position.items():
            results.add(f"  {label} p50 (ms)", app.size, percentile(values, 50))
        if theirs:
            results.add("JSON server: completion p50 (ms)", app.size, percentile(theirs, 50))
            results.add("JSON server: completion p99 (ms)", app.size, percentile(theirs, 99))

        # -- pull diagnostics of one function.json -----------------------------------------------
        pulls = [session.pull(http_uri)[1] * 1000 for _ in range(config.samples)]
        results.add("pull diagnostics function.json p50 (ms)", app.size, percentile(pulls, 50))
        if json_session and json_uri:
            try:
                theirs_pull = [json_session.pull(json_uri)[1] * 1000 for _ in range(config.samples)]
                results.add(
                    "JSON server: pull diagnostics p50 (ms)", app.size, percentile(theirs_pull, 50)
                )
            except LspError as exc:
                progress(f"JSON server pull diagnostics: {exc}")

        # -- an edit in function.json itself (it changes the app model), re-pulled -------------
        http_text = http_json.read_text()
        value_at = position_after(http_text, '"authLevel": "')
        timings = []
        for version in range(2, 2 + config.samples):
            old, new = ("function", "anonymous") if version % 2 == 0 else ("anonymous", "function")
            sent = session.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": http_uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": value_at[0], "character": value_at[1]},
                                "end": {"line": value_at[0], "character": value_at[1] + len(old)},
                            },
                            "text": new,
                        }
                    ],
                },
            )
            pending = session.send_request(
                "textDocument/diagnostic", {"textDocument": {"uri": http_uri}}
            )
            session.wait(pending)
            timings.append((pending.received - sent) * 1000)
        results.add(
            "didChange function.json → its diagnostics, pull (ms)", app.size, median(timings)
        )
        results.add(
            "didChange function.json → its diagnostics, pull p99 (ms)",
            app.size,
            percentile(timings, 99),
        )

        # -- cross-file: an edit of __init__.py, re-pull of function.json ----------------------
        queue_py, queue_json = app.queue / "__init__.py", app.queue / "function.json"
        py_uri = session.open(queue_py)
        fj_uri = queue_json.as_uri()
        baseline = len(session.pull(fj_uri)[0])
        timings = []
        removed = False
        version = 1
        for _ in range(max(10, config.samples // 5)):
            version += 1
            sent = _toggle_parameter(session, py_uri, queue_py.read_text(), version, removed)
            removed = not removed
            pending = session.send_request(
                "textDocument/diagnostic", {"textDocument": {"uri": fj_uri}}
            )
            items = _items(session.wait(pending))
            arrived = pending.received
            if (len(items) > baseline) != removed:
                raise LspError(f"function.json diagnostics did not follow the edit: {items}")
            timings.append((arrived - sent) * 1000)
        results.add("didChange .py → function.json, pull (ms)", app.size, median(timings))

        # -- completion in a Python parameter list (the `outmsg` parameter removed) ------------
        if not removed:
            version += 1
            _toggle_parameter(session, py_uri, queue_py.read_text(), version, removed)
            removed = True
        removed_text = _queue_text(queue_py.read_text(), True)
        py_position = position_after(removed_text, QUEUE_PARAMS_REMOVED)
        result, _ = session.complete(py_uri, py_position)
        if not any("outmsg" in item.get("label", "") for item in _items(result)):
            progress(f"funcls: no parameter completion in __init__.py: {result}")
        py_times = [
            session.complete(py_uri, py_position)[1] * 1000
            for _ in range(max(20, config.samples // 2))
        ]
        results.add("completion Python parameter list p50 (ms)", app.size, percentile(py_times, 50))
        results.add("peak memory, funcls (MB)", app.size, session.peak_rss_mb())
        if json_session:
            results.add("peak memory, JSON server (MB)", app.size, json_session.peak_rss_mb())
    finally:
        session.close()
        if json_session:
            json_session.close()


def _paced_completions(
    session: Session, uri: str, position: tuple[int, int], until: Callable[[], bool], limit: int
) -> list[float]:
    """Completion times (ms), one request every 5 ms, until `until()` or `limit` requests."""
    times: list[float] = []
    while len(times) < limit and not until():
        _, elapsed = session.complete(uri, position)
        times.append(elapsed * 1000)
        time.sleep(0.005)
    return times


def measure_scan(app: App, config: Config, results: Results) -> None:
    """The initial scan checking every file: how long it takes, and completion while it runs
    against completion once idle, in one session; then a workspace pull with nothing changed."""
    if app.size < 100:
        return  # over before a request could be timed (no progress is reported under 200 ms)
    session, _ = start_funcls(
        app, pull=False, log_dir=config.work, options=FUNCLS_OPTIONS, progress=True
    )
    try:
        started = now()
        http_json = app.http / "function.json"
        uri = session.open(http_json)
        position = json_positions(http_json.read_text())["type value"]
        session.complete(uri, position)  # loads the features: start-up, not the scan, pays it
        during = _paced_completions(session, uri, position, session.progress_ended, 100_000)
        scanned = now() - started
        if not session.progress_ended():
            progress("the scan reported no end of progress")
            return
        time.sleep(1.0)
        idle = _paced_completions(session, uri, position, lambda: False, max(200, len(during)))
        results.add("initial scan, every file checked (s)", app.size, scanned)
        results.add("completion during the scan p50 (ms)", app.size, percentile(during, 50))
        results.add("completion during the scan p99 (ms)", app.size, percentile(during, 99))
        results.add("completion idle, same session p50 (ms)", app.size, percentile(idle, 50))
        results.add("completion idle, same session p99 (ms)", app.size, percentile(idle, 99))
        results.add(
            "completion p99 during the scan / idle",
            app.size,
            percentile(during, 99) / percentile(idle, 99),
        )
        progress(f"{len(during)} completions during the scan, {len(idle)} idle")
        report = session.wait(
            session.send_request("workspace/diagnostic", {"previousResultIds": []})
        )
        known = [
            {"uri": item["uri"], "value": item["resultId"]}
            for item in report["items"]
            if item.get("resultId")
        ]
        times = []
        for _ in range(5):
            pending = session.send_request("workspace/diagnostic", {"previousResultIds": known})
            again = session.wait(pending)
            assert all(item["kind"] == "unchanged" for item in again["items"]), "a file changed"
            times.append((pending.received - pending.sent) * 1000)
        results.add("workspace/diagnostic, every file unchanged (ms)", app.size, median(times))
    finally:
        session.close()


def measure_push(app: App, config: Config, results: Results) -> None:
    """The cross-file update with push diagnostics (debounce 0)."""
    session, _ = start_funcls(app, pull=False, log_dir=config.work, options=FUNCLS_OPTIONS)
    try:
        queue_py, queue_json = app.queue / "__init__.py", app.queue / "function.json"
        fj_uri = session.open(queue_json)
        _, first = session.wait_diagnostics(fj_uri)
        baseline = len(first)
        py_uri = session.open(queue_py)
        timings = []
        removed = False
        for version in range(2, 2 + config.samples):
            mark = session.mark()
            expect_more = not removed

            def matches(diagnostics: list[dict[str, Any]], more: bool = expect_more) -> bool:
                return (len(diagnostics) > baseline) == more

            sent = _toggle_parameter(session, py_uri, queue_py.read_text(), version, removed)
            removed = not removed
            stamp, _ = session.wait_diagnostics(fj_uri, matches, after=mark)
            timings.append((stamp - sent) * 1000)
        results.add("didChange .py → function.json, push (ms)", app.size, median(timings))
    finally:
        session.close()
    # The same with the default debounce (no initializationOptions), a few times.
    session, _ = start_funcls(app, pull=False, log_dir=config.work)
    try:
        fj_uri = session.open(queue_json)
        _, first = session.wait_diagnostics(fj_uri)
        py_uri = session.open(queue_py)
        timings = []
        removed = False
        for version in range(2, 8):
            mark = session.mark()
            expect_more = not removed

            def matches_default(
                diagnostics: list[dict[str, Any]], more: bool = expect_more
            ) -> bool:
                return (len(diagnostics) > len(first)) == more

            sent = _toggle_parameter(session, py_uri, queue_py.read_text(), version, removed)
            removed = not removed
            stamp, _ = session.wait_diagnostics(fj_uri, matches_default, after=mark)
            timings.append((stamp - sent) * 1000)
        results.add(
            "didChange .py → function.json, push, default debounce (ms)", app.size, median(timings)
        )
    finally:
        session.close()


def _items(result: Any) -> list[dict[str, Any]]:
    if isinstance(result, dict):
        return list(result.get("items", []))
    return list(result or [])


def _queue_text(disk_text: str, removed: bool) -> str:
    return disk_text.replace(QUEUE_PARAMS, QUEUE_PARAMS_REMOVED) if removed else disk_text


def _toggle_parameter(
    session: Session, uri: str, disk_text: str, version: int, removed: bool
) -> float:
    """Remove (or restore) the `outmsg` parameter with one incremental range edit."""
    current = _queue_text(disk_text, removed)
    start = position_after(current, "def main(")
    old = QUEUE_PARAMS_REMOVED if removed else QUEUE_PARAMS
    new = QUEUE_PARAMS if removed else QUEUE_PARAMS_REMOVED
    return session.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": start[0], "character": start[1]},
                        "end": {"line": start[0], "character": start[1] + len(old)},
                    },
                    "text": new,
                }
            ],
        },
    )


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
TARGETS: dict[str, tuple[str, float]] = {
    "spawn → initialize (ms)": ("<=", 300),
    "completion function.json p50 (ms)": ("<=", 1),
    "completion function.json p99 (ms)": ("<=", 5),
    "completion Python parameter list p50 (ms)": ("<=", 50),
    "pull diagnostics function.json p50 (ms)": ("<=", 5),
    "didChange .py → function.json, pull (ms)": ("<=", 50),
    "didChange .py → function.json, push (ms)": ("<=", 50),
}
TARGETS_1000: dict[str, tuple[str, float]] = {
    "funcls check, whole app (s)": ("<=", 10),
    "all function.json opened + pulled (s)": ("<=", 10),
    "peak memory, funcls (MB)": ("<=", 300),
    "completion p99 during the scan / idle": ("<=", 2),
}


def _format(value: float) -> str:
    if value != value:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def report(results: Results, sizes: list[int], repeat: int) -> str:
    """The table (markdown), the ratios against the JSON server and the target verdicts."""
    lines = [
        f"funcls benchmark — medians of {repeat} repetition(s); "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs",
        "",
        "| metric | " + " | ".join(f"{s:,} fn" for s in sizes) + " | target |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    for metric in results.order:
        target = TARGETS.get(metric) or TARGETS_1000.get(metric)
        note = ""
        if target:
            note = f"{target[0]} {target[1]:g}" + (" at 1,000" if metric in TARGETS_1000 else "")
        cells = " | ".join(_format(results.get(metric, s)) for s in sizes)
        lines.append(f"| {metric} | {cells} | {note} |")
    ratios = [
        ("spawn → initialize", "spawn → initialize (ms)", "JSON server: spawn → initialize (ms)"),
        (
            "round trip (unknown method)",
            "floor: round trip, unknown method (ms)",
            "JSON server: round trip, unknown method (ms)",
        ),
        (
            "completion p50",
            "completion function.json p50 (ms)",
            "JSON server: completion p50 (ms)",
        ),
        (
            "completion p99",
            "completion function.json p99 (ms)",
            "JSON server: completion p99 (ms)",
        ),
        (
            "pull diagnostics p50",
            "pull diagnostics function.json p50 (ms)",
            "JSON server: pull diagnostics p50 (ms)",
        ),
    ]
    if any(theirs in results.values for _, _, theirs in ratios):
        lines += [
            "",
            "| ratio funcls / JSON server | " + " | ".join(f"{s:,} fn" for s in sizes) + " |",
        ]
        lines.append("|---|" + "---|" * len(sizes))
        for label, ours, theirs in ratios:
            cells = []
            for size in sizes:
                a, b = results.get(ours, size), results.get(theirs, size)
                cells.append(f"{a / b:.2f}" if a == a and b == b and b > 0 else "–")
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Targets:"]
    from funcls.core.settings import DEFAULT_DEBOUNCE_MS

    verdict = "met" if DEFAULT_DEBOUNCE_MS <= 200 else "MISSED"
    lines.append(f"- default push debounce {DEFAULT_DEBOUNCE_MS} ms <= 200: {verdict}")
    for metric, (op, limit) in TARGETS.items():
        worst = max((results.get(metric, s) for s in sizes), default=float("nan"))
        if worst == worst:
            verdict = "met" if worst <= limit else "MISSED"
            lines.append(f"- {metric} {op} {limit:g}: worst {_format(worst)} — {verdict}")
    if 1000 in sizes:
        for metric, (op, limit) in TARGETS_1000.items():
            value = results.get(metric, 1000)
            if value == value:
                verdict = "met" if value <= limit else "MISSED"
                lines.append(f"- {metric} {op} {limit:g} at 1,000: {_format(value)} — {verdict}")
    json_p50 = "completion function.json p50 (ms)"
    theirs_p50 = "JSON server: completion p50 (ms)"
    for size in sizes:
        a, b = results.get(json_p50, size), results.get(theirs_p50, size)
        if a == a and b == b:
            verdict = "met" if a <= b else "MISSED"
            lines.append(f"- completion p50 not slower than the JSON server at {size:,}: {verdict}")
    small, large = min(sizes), 1000 if 1000 in sizes else max(sizes)
    for metric in (
        "didChange .py → function.json, pull (ms)",
        "didChange .py → function.json, push (ms)",
        "didChange function.json → its diagnostics, pull (ms)",
    ):
        a, b = results.get(metric, small), results.get(metric, large)
        if a == a and b == b and large != small:
            verdict = "met" if b <= 1.5 * a else "MISSED"
            lines.append(
                f"- one edit flat in app size ({metric}): {large:,} / {small:,} = {b / a:.2f} "
                f"(<= 1.5) — {verdict}"
            )
    return "\n".join(lines)


MEASUREMENTS: dict[str, Callable[[App, Config, Results], None]] = {
    "startup": measure_startup,
    "floors": measure_floors,
    "cli": measure_cli,
    "session": measure_session,
    "push": measure_push,
    "scan": measure_scan,
}


def scan_logs(work: Path) -> list[str]:
    """Lines of funcls logs reporting errors."""
    found = []
    for log in sorted(work.glob("funcls-*.log")) + sorted(work.glob("funcls-*.stderr")):
        for line in log.read_text(errors="replace").splitlines():
            if " ERROR " in line or "Traceback" in line:
                found.append(f"{log.name}: {line}")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,5000", help="app sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="repetitions (medians are shown)")
    parser.add_argument("--samples", type=int, default=100, help="requests per measured position")
    parser.add_argument("--vs", action="store_true", help="also run VS Code's JSON server")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="npm cache folder")
    parser.add_argument("--keep", type=Path, help="generate the apps here and keep them")
    parser.add_argument(
        "--only",
        help="comma-separated measurements to run (startup, floors, cli, session, push, scan)",
    )
    options = parser.parse_args(argv)
    sizes = [int(s) for s in options.sizes.split(",") if s.strip()]
    work = options.keep or Path(tempfile.mkdtemp(prefix="funcls-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    config = Config(
        sizes=sizes,
        repeat=max(1, options.repeat),
        vs=options.vs,
        work=work,
        samples=max(10, options.samples),
        json_command=json_server_command(options.cache) if options.vs else None,
        check_limit=5000,
    )
    results = Results()
    selected = set(options.only.split(",")) if options.only else None
    try:
        for size in sizes:
            app = generate_app(work / f"app-{size}", size)
            for repetition in range(config.repeat):
                progress(f"{size} functions, repetition {repetition + 1}/{config.repeat}")
                for name, measure in MEASUREMENTS.items():
                    if selected is None or name in selected:
                        measure(app, config, results)
        print(report(results, sizes, config.repeat))
        errors = scan_logs(work)
        if errors:
            print(f"\n{len(errors)} error lines in the server logs, e.g.:", *errors[:5], sep="\n")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
