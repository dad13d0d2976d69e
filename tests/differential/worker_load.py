"""Load classic functions with the real Python worker library and print what it says.

Runs under the worker's interpreter (Python >= 3.13 with `azure-functions-runtime-v1`), never in
the funcls process: importing a function's script executes it. Reads a JSON request on stdin,
`{"app": root, "functions": [folder name, ...]}`, and prints `{name: null | error text}`.

The host's side is reproduced in `metadata()`: it reads function.json the way the host builds the
function metadata it sends to the worker (binding name, `type` verbatim, `direction` and
`dataType` parsed ignoring case, the absolute script path, the entry point). The worker's side is
not reproduced: `function_load_request` of azure_functions_runtime_v1/handle_event.py calls
`loader.load_function(...)` then `Registry.add_function(...)`, and so does `load()` here.
"""

from __future__ import annotations

import json
import os
import sys
import types
from typing import Any

from azure_functions_runtime_v1 import functions, loader
from azure_functions_runtime_v1.bindings import meta


class BindingInfo:
    """The enum values of the worker's protobuf `BindingInfo` that `add_function` compares."""

    # Direction (FunctionRpc.proto: in = 0, out = 1, inout = 2)
    out = 1
    inout = 2
    # DataType (undefined = 0, string = 1, binary = 2, stream = 3)
    undefined = 0


PROTOS = types.SimpleNamespace(BindingInfo=BindingInfo)
DIRECTIONS = {"in": 0, "out": 1, "inout": 2}
DATA_TYPES = {"string": 1, "binary": 2, "stream": 3}


def metadata(app: str, name: str) -> types.SimpleNamespace:
    """The metadata the host sends for the function folder `name` of `app`."""
    directory = os.path.join(app, name)
    with open(os.path.join(directory, "function.json"), encoding="utf-8") as handle:
        doc = json.load(handle)
    bindings: dict[str, Any] = {}
    for raw in doc.get("bindings", []):
        direction = DIRECTIONS[str(raw.get("direction", "in")).lower()]
        data_type = DATA_TYPES.get(str(raw.get("dataType", "")).lower(), 0)
        bindings[raw["name"]] = types.SimpleNamespace(
            type=raw["type"], direction=direction, data_type=data_type
        )
    script = doc.get("scriptFile") or "__init__.py"
    return types.SimpleNamespace(
        name=name,
        directory=directory,
        script_file=os.path.normpath(os.path.join(directory, script)),
        entry_point=doc.get("entryPoint") or "",
        bindings=bindings,
    )


def load(registry: functions.Registry, app: str, name: str) -> str | None:
    """None when the worker loads the function, else its error text."""
    try:
        info = metadata(app, name)
        func = loader.load_function(info.name, info.directory, info.script_file, info.entry_point)
        registry.add_function(name, func, info, PROTOS)
    except BaseException as error:  # noqa: BLE001 - the worker catches Exception; keep going
        return f"{type(error).__name__}: {error}"
    return None


def main() -> None:
    """Answer one request read from stdin."""
    request = json.load(sys.stdin)
    meta.load_binding_registry()
    loader.install()
    registry = functions.Registry()
    answer, sys.stdout = sys.stdout, sys.stderr  # what loaded modules print stays out of the answer
    results = {name: load(registry, request["app"], name) for name in request["functions"]}
    answer.write(json.dumps(results))


if __name__ == "__main__":
    main()
