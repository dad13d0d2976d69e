"""Index a v2 app with the v2 worker library and print its functions' bindings.

Runs under the worker's interpreter (Python >= 3.13 with `azure-functions-runtime`), never in the
funcls process: importing function_app.py executes the app. Argument: the app folder. Prints JSON
`{"error": text | null, "functions": {name: [binding, ...]}, "refused": {name: text},
"retry": {name: settings}, "stubbed": [module, ...]}`. With `--batch`, reads a JSON list of app
folders on stdin and prints `{folder: answer}`, each app indexed in its own forked child (used by
the v2 differential test, tests/differential/test_v2_worker_agreement.py).

The indexing is the worker's own: `worker_init_request` of azure_functions_runtime/handle_event.py
calls `load_binding_registry()` then `load_function_metadata` -> `index_functions`, which runs
`loader.index_function_app(function_app.py)` (imports the script, finds the one FunctionRegister,
`app.get_functions()`) and `loader.process_indexed_function(...)` (Registry.add_indexed_function:
the parameter/annotation/return checks, then the function metadata). Both are called here the same
way; only the host's protobuf classes are replaced by plain records.

Third-party packages the app imports that are not installed are replaced by permissive stubs
(listed in the answer), so that an app is indexed without its full requirements.
"""

from __future__ import annotations

import enum
import importlib.abc
import importlib.machinery
import json
import os
import signal
import sys
import types
from typing import Any


class _Record:
    """Stands for a protobuf message: keeps its fields."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


class BindingInfo(_Record):
    """The enum values of the worker's protobuf `BindingInfo` (FunctionRpc.proto)."""

    out = 1
    inout = 2
    undefined = 0


PROTOS = types.SimpleNamespace(
    BindingInfo=BindingInfo, RpcFunctionMetadata=_Record, RpcRetryOptions=_Record
)


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: a module nobody else finds becomes a stub."""

    def __init__(self, app: str) -> None:
        self.app = app
        self.stubbed: list[str] = []

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        top = name.split(".")[0]
        if top.startswith("__app__") or os.path.exists(os.path.join(self.app, top)):
            return None
        if os.path.exists(os.path.join(self.app, top + ".py")) or not self._from_app():
            return None
        self.stubbed.append(name)
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def _from_app(self) -> bool:
        """Whether the import statement being run is in a file of the app (a library's optional
        imports, `try: import orjson`, keep failing as they should)."""
        frame = sys._getframe(2)
        while frame is not None and frame.f_code.co_filename.startswith("<frozen"):
            frame = frame.f_back
        return frame is not None and frame.f_code.co_filename.startswith(self.app + os.sep)

    def create_module(self, spec: Any) -> types.ModuleType:
        module = _StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class _StubMeta(type):
    """Attributes of a stub class are stub classes too (`cosmos_client.CosmosClient`)."""

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _StubMeta(name, (_Stub,), {})


class _Stub(metaclass=_StubMeta):
    """Anything: callable, subclassable, every attribute another stub."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return args[0] if len(args) == 1 and callable(args[0]) and not kwargs else _Stub()

    def __getattr__(self, name: str) -> Any:
        return _Stub()


class _StubModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _StubMeta(name, (_Stub,), {})


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _binding(binding: Any) -> dict[str, Any]:
    raw = dict(binding.get_dict_repr())
    enums = sorted(
        k
        for k, v in raw.items()
        if isinstance(v, enum.Enum)
        or (isinstance(v, list) and v and all(isinstance(i, enum.Enum) for i in v))
    )
    plain = {k: _plain(v) for k, v in raw.items() if v is not None}
    plain["__enum_keys__"] = enums
    return plain


def index(app: str) -> dict[str, Any]:
    """Index the app folder `app` the way the worker does at start-up; the answer's JSON shape
    is the module docstring's. Run once per process: the app's modules stay imported."""
    app = os.path.abspath(app)
    os.chdir(app)
    sys.path.insert(0, app)
    finder = _StubFinder(app)
    sys.meta_path.append(finder)
    from azure_functions_runtime import loader
    from azure_functions_runtime.bindings.meta import load_binding_registry
    from azure_functions_runtime.functions import Registry

    result: dict[str, Any] = {"error": None, "functions": {}, "retry": {}, "refused": {}}
    try:
        load_binding_registry()
        indexed = loader.index_function_app(os.path.join(app, "function_app.py"))
    except BaseException as error:  # noqa: BLE001 - report whatever the worker raises
        result["error"] = f"{type(error).__name__}: {error}"
        indexed = []
    for function in indexed:
        name = function.get_function_name()
        result["functions"][name] = [_binding(b) for b in function.get_bindings()]
        result["retry"][name] = function.get_settings_dict("retry_policy")
        # One function at a time (the loop of process_indexed_function, whose checks look at
        # one function each), so that every refusal is seen, not only the first.
        try:
            loader.process_indexed_function(PROTOS, Registry(), [function], app)
        except BaseException as error:  # noqa: BLE001
            result["refused"][name] = f"{type(error).__name__}: {error}"
    result["stubbed"] = sorted(set(finder.stubbed))
    return result


def _index_in_child(app: str, timeout: int = 60) -> dict[str, Any]:
    """`index(app)` in a forked child, so that every app of a batch starts from the same
    process state (no module of another app imported) without paying the start-up again."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: index, write the answer, leave without cleanup
        os.close(read_end)
        code = 0
        try:
            signal.alarm(timeout)
            text = json.dumps(index(app), default=str)
        except BaseException as error:  # noqa: BLE001 - the app may raise SystemExit too
            text = json.dumps({"error": f"harness: {type(error).__name__}: {error}"})
            code = 1
        with os.fdopen(write_end, "w", encoding="utf-8") as out:
            out.write(text)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as source:
        text = source.read()
    os.waitpid(pid, 0)
    if not text:
        return {"error": "harness: the child died without an answer", "functions": {}}
    answer: dict[str, Any] = json.loads(text)
    return answer


def main() -> None:
    """Index the app named on the command line and print the answer; with `--batch`, index
    each app folder of the JSON list read on stdin (one forked child each) and print
    `{app: answer}`."""
    answer, sys.stdout = sys.stdout, sys.stderr  # what the app prints stays out of the answer
    if sys.argv[1:] == ["--batch"]:
        apps = json.load(sys.stdin)
        # imported once in the parent, inherited by every child
        from azure_functions_runtime import loader  # noqa: F401
        from azure_functions_runtime.bindings.meta import load_binding_registry

        load_binding_registry()
        answer.write(json.dumps({app: _index_in_child(app) for app in apps}))
        return
    answer.write(json.dumps(index(sys.argv[1]), default=str))


if __name__ == "__main__":
    main()
