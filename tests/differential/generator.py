"""Hypothesis strategies for classic functions: a function.json and its Python script.

The shapes cover what the worker's loader and registry look at: every binding type the
azure-functions converters know (and a few without a converter), binding and parameter names
that match or not, annotations (library classes, `Out[...]`, `List[...]`, builtin generics,
`Optional`, string and broken annotations), directions, `$return`, `dataType`, cardinality, a
`context` parameter, `entryPoint`/`scriptFile`, type casing, async, classes and other callables
as entry points, and modules the compiler refuses after parsing. Good shapes are drawn often
enough (annotations the converters accept) that both verdicts, loads and refuses, are common.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field

import azure.functions as af
from hypothesis import strategies as st

from funcls.core.knowledge import converters

CONVERTER_TYPES = tuple(converters.known_types())
# Types without a converter in the library: the worker uses its generic binding for them.
GENERIC_TYPES = ("table", "sendGrid", "twilioSms", "signalR", "notificationHub", "rabbitMQ")
TRIGGERS = tuple(t for t in CONVERTER_TYPES if t.endswith("Trigger")) + ("rabbitMQTrigger",)
OTHERS = tuple(t for t in CONVERTER_TYPES if not t.endswith("Trigger")) + GENERIC_TYPES
LIBRARY_CLASSES = tuple(
    name for name in getattr(af, "__all__", ()) if inspect.isclass(getattr(af, name, None))
)
BUILTINS = ("str", "bytes", "bytearray", "int", "dict", "object", "None")
NAMES = ("req", "msg", "doc", "docs", "item", "items", "outputBlob", "inputBlob", "event")
NAMES += ("output_blob", "timer", "starter", "res", "result", "row", "rows", "data", "message")
EXTRA_NAMES = ("context", "Context", "ctx", "extra", "self")
BROKEN = ("undefined_name", "{F}.NoSuchClass", "3", "'List['", "typing.Any", "...", "[str]")
COMPILE_ERRORS = (
    "def _dup(a, a):\n    pass\n",
    "return 1\n",
    "await _value\n",
    "nonlocal _value\n",
    "yield 1\n",
    "break\n",
    "def _late():\n    _x = 1\n    global _x\n",
    "def _kw(*, a, a):\n    pass\n",
    "class _C:\n    return 2\n",
    "_value = [i async for i in range(3)]\n",
)
ENTRY_KINDS = (
    "def",
    "def",
    "def",
    "def",
    "def",
    "def",
    "async",
    "async",
    "alias",
    "class",
    "class_annotated",
    "instance",
    "instance_annotated",
    "lambda",
    "decorated",
    "decorated_wraps",
    "missing",
    "not_callable",
)


PARAM_KINDS = ("positional", "varargs", "keyword", "varkw")


@dataclass
class Param:
    """One parameter of the entry point, as source text."""

    name: str
    annotation: str | None = None
    default: str | None = None
    kind: str = "positional"  # one of PARAM_KINDS

    def source(self, annotated: bool = True) -> str:
        """The parameter as written in a `def`."""
        text = {"varargs": "*", "varkw": "**"}.get(self.kind, "") + self.name
        if annotated and self.annotation is not None:
            text += f": {self.annotation}"
        if self.default is not None and self.kind in ("positional", "keyword"):
            text += (" = " if annotated and self.annotation else "=") + self.default
        return text


@dataclass
class Function:
    """A generated function: folder name, function.json and script text."""

    folder: str
    doc: dict[str, object]
    params: list[Param]
    returns: str | None
    entry_kind: str
    entry_point: str
    script_path: str  # relative to the app root
    header: str
    tail: str = ""
    body: str = "    pass\n"
    extra_files: dict[str, str] = field(default_factory=dict)

    def script(self) -> str:
        """The Python source of the entry script."""
        return self.header + self._entry() + self.tail

    def files(self) -> dict[str, str]:
        """Every file of the function, relative to the app root."""
        files = {f"{self.folder}/function.json": json.dumps(self.doc, indent=2) + "\n"}
        files[self.script_path] = self.script()
        files.update(self.extra_files)
        return files

    def _signature(self, annotated: bool = True) -> str:
        groups = {kind: [p for p in self.params if p.kind == kind] for kind in PARAM_KINDS}
        parts = [p.source(annotated) for p in groups["positional"]]
        # a default before a parameter without one is a syntax error: drop such defaults
        seen_default = False
        for index, param in enumerate(groups["positional"]):
            if param.default is not None:
                seen_default = True
            elif seen_default:
                parts[index] = Param(param.name, param.annotation).source(annotated)
        parts += [p.source(annotated) for p in groups["varargs"][:1]]
        if groups["keyword"] and not groups["varargs"]:
            parts.append("*")
        parts += [p.source(annotated) for p in groups["keyword"]]
        parts += [p.source(annotated) for p in groups["varkw"][:1]]
        return ", ".join(parts)

    def _returns(self, annotated: bool = True) -> str:
        return f" -> {self.returns}" if annotated and self.returns else ""

    def _entry(self) -> str:
        ep, kind = self.entry_point, self.entry_kind
        sig, ret, body = self._signature(), self._returns(), self.body
        if kind == "def":
            return f"def {ep}({sig}){ret}:\n{body}"
        if kind == "async":
            return f"async def {ep}({sig}){ret}:\n{body}"
        if kind == "alias":
            return f"def _impl({sig}){ret}:\n{body}\n\n{ep} = _impl\n"
        if kind == "class":
            init = f"self, {sig}" if sig else "self"
            return f"class {ep}:\n    def __init__({init}){ret}:\n        pass\n"
        if kind == "class_annotated":
            lines = [f"    {p.name}: {p.annotation}\n" for p in self.params if p.annotation]
            plain = self._signature(annotated=False)
            init = f"self, {plain}" if plain else "self"
            return (
                f"class {ep}:\n" + "".join(lines) + f"\n    def __init__({init}):\n        pass\n"
            )
        if kind in ("instance", "instance_annotated"):
            lines = []
            if kind == "instance_annotated":
                lines = [f"    {p.name}: {p.annotation}\n" for p in self.params if p.annotation]
                lines = lines or ["    label: str\n"]
            call = f"self, {sig}" if sig else "self"
            return (
                "class _Handler:\n" + "".join(lines) + f"\n    def __call__({call}){ret}:\n"
                f"        pass\n\n\n{ep} = _Handler()\n"
            )
        if kind == "lambda":
            plain = self._signature(annotated=False)
            return f"{ep} = lambda {plain}: None\n" if plain else f"{ep} = lambda: None\n"
        if kind in ("decorated", "decorated_wraps"):
            wraps = "    @functools.wraps(f)\n" if kind == "decorated_wraps" else ""
            return (
                "def _deco(f):\n" + wraps + "    def inner(*args, **kwargs):\n"
                "        return f(*args, **kwargs)\n\n    return inner\n\n\n"
                f"@_deco\ndef {ep}({sig}){ret}:\n{body}"
            )
        if kind == "missing":
            return f"def _other({sig}){ret}:\n{body}"
        return f"{ep} = 42\n"


# -- strategies ---------------------------------------------------------------------------------
def _casing(type_name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [type_name[:1].upper() + type_name[1:], type_name.lower(), type_name.upper()]
    )


@st.composite
def binding_type(draw: st.DrawFn, trigger: bool) -> str:
    """A binding type, now and then in another casing."""
    name = draw(st.sampled_from(TRIGGERS if trigger else OTHERS))
    if draw(st.integers(0, 19)) == 19:
        name = draw(_casing(name))
    return name


def _atom(prefix: str) -> st.SearchStrategy[str]:
    library = st.sampled_from(LIBRARY_CLASSES).map(lambda n: f"{prefix}.{n}")
    return st.one_of(st.sampled_from(BUILTINS), library)


def _accepted(prefix: str, type_name: str, out: bool) -> list[str]:
    texts: list[str] = []
    for suggestion in converters.accepted(type_name, out):
        name = suggestion.name if not suggestion.is_library else f"{prefix}.{suggestion.name}"
        if suggestion.many:
            name = f"typing.List[{name}]"
        texts.append(f"{prefix}.Out[{name}]" if suggestion.out else name)
    return texts


@st.composite
def annotation(draw: st.DrawFn, prefix: str, type_name: str, out: bool) -> str | None:
    """An annotation for a parameter bound to `type_name`: often one its converter accepts."""
    choice = draw(st.integers(0, 99))
    accepted = _accepted(prefix, type_name, out)
    if 60 <= choice < 75:
        return None
    if choice < 60 and accepted:
        text = draw(st.sampled_from(accepted))
    elif 75 <= choice < 80:
        text = draw(st.sampled_from(BROKEN)).replace("{F}", prefix)
    else:
        text = draw(_atom(prefix))
        for _ in range(draw(st.integers(0, 2))):
            text = draw(
                st.sampled_from(
                    [
                        f"{prefix}.Out[{text}]",
                        f"typing.List[{text}]",
                        f"list[{text}]",
                        f"typing.Optional[{text}]",
                        f"{text} | None",
                        f"{prefix}.Out[{text}, str]",
                        f"typing.Iterable[{text}]",
                        f"typing.Annotated[{text}, 'meta']",
                        f"typing.Union[{text}, int]",
                        f"typing.Dict[str, {text}]",
                        f"typing.Type[{text}]",
                    ]
                )
            )
    if draw(st.integers(0, 9)) == 9:
        text = repr(text)  # a string annotation, evaluated by get_type_hints
    return text


@st.composite
def functions(draw: st.DrawFn, folder: str) -> Function:
    """A classic function in the folder `folder` of an app."""
    prefix, imports = draw(
        st.sampled_from(
            [
                ("func", "import azure.functions as func\n"),
                ("func", "import azure.functions as func\n"),
                ("azure.functions", "import azure.functions\n"),
                ("af", "from azure import functions as af\n"),
            ]
        )
    )
    future = draw(st.integers(0, 9)) == 9
    header = ("from __future__ import annotations\n\n" if future else "") + imports
    header += "import functools\nimport typing\n\n_value = None\n\n\n"

    # bindings: one trigger first, then inputs and outputs
    bindings: list[dict[str, object]] = []
    used: set[str] = set()

    def fresh(pool: tuple[str, ...]) -> str:
        name = draw(st.sampled_from(pool))
        while name.lower() in used:
            name = name + "x"
        used.add(name.lower())
        return name

    trigger_type = draw(binding_type(trigger=True))
    bindings.append({"type": trigger_type, "direction": "in", "name": fresh(NAMES)})
    for _ in range(draw(st.integers(0, 3))):
        type_name = draw(binding_type(trigger=False))
        direction = draw(st.sampled_from(["in", "out", "out"]))
        bindings.append({"type": type_name, "direction": direction, "name": fresh(NAMES)})
    if draw(st.integers(0, 3)) == 3:
        type_name = draw(st.sampled_from(["http", "queue", "blob", "table", "eventHub", "sql"]))
        if trigger_type.lower() == "httptrigger":
            type_name = "http"
        bindings.append({"type": type_name, "direction": "out", "name": "$return"})
        used.add("$return")
    if draw(st.integers(0, 9)) == 9:
        bindings.append({"type": "queue", "direction": "in", "name": fresh(("context",))})
    for binding in bindings:
        mutation = 39 - draw(st.integers(0, 39))
        if mutation == 0:
            binding["direction"] = "inout"
        elif mutation == 1:
            binding["direction"] = "out" if binding["direction"] == "in" else "in"
        elif mutation == 2:
            binding["dataType"] = draw(st.sampled_from(["string", "binary", "stream"]))
        elif mutation == 3 and binding["type"] in ("eventHubTrigger", "serviceBusTrigger"):
            binding["cardinality"] = draw(st.sampled_from(["many", "one"]))
        elif mutation == 4:
            binding["direction"] = str(binding["direction"]).upper()

    # parameters: one per binding, with mutations of names, kinds and defaults
    params: list[Param] = []
    for binding in bindings:
        name = str(binding["name"])
        if name == "$return":
            continue
        mutation = 39 - draw(st.integers(0, 39))
        if mutation == 0:
            continue
        if mutation == 1:
            name = name.lower() if name != name.lower() else name.upper()
        elif mutation == 2:
            name = name + "_"
        out = str(binding["direction"]).lower() == "out"
        text = draw(annotation(prefix, str(binding["type"]), out))
        kind = "keyword" if draw(st.integers(0, 14)) == 14 else "positional"
        default = "None" if draw(st.integers(0, 14)) == 14 else None
        params.append(Param(name, text, default, kind))
    if draw(st.integers(0, 7)) == 7:
        name = draw(st.sampled_from(EXTRA_NAMES))
        if name not in {p.name for p in params}:
            ann = draw(
                st.sampled_from(
                    [None, f"{prefix}.Context", "str", f"'{prefix}.Context'", "int", "undefined"]
                )
            )
            params.append(Param(name, ann))
    if draw(st.integers(0, 29)) == 29:
        params.append(Param(draw(st.sampled_from(["args", "rest"])), None, None, "varargs"))
    if draw(st.integers(0, 29)) == 29:
        params.append(Param("kwargs", None, None, "varkw"))
    params = draw(st.permutations(params)) if draw(st.integers(0, 4)) == 4 else params

    returns = None
    if draw(st.integers(0, 2)) == 2:
        ret_binding = next((b for b in bindings if b["name"] == "$return"), None)
        pool = []
        if ret_binding is not None:
            for text in _accepted(prefix, str(ret_binding["type"]), True):
                if text.startswith(f"{prefix}.Out[") and "List" not in text:
                    pool.append(text[len(prefix) + 5 : -1])
        if pool and draw(st.booleans()):
            returns = draw(st.sampled_from(pool))
        else:
            returns = draw(annotation(prefix, "http", True))

    entry_kind = draw(st.sampled_from(ENTRY_KINDS))
    entry_point = draw(st.sampled_from(["main", "main", "main", "run", "handle", "Main"]))
    doc: dict[str, object] = {"bindings": bindings}
    if entry_point != "main" or draw(st.integers(0, 9)) == 9:
        doc["entryPoint"] = entry_point
    placement = 9 - draw(st.integers(0, 9))
    script_path = f"{folder}/__init__.py"
    if placement == 0:
        doc["scriptFile"] = "handler.py"
        script_path = f"{folder}/handler.py"
    elif placement == 1:
        doc["scriptFile"] = f"../shared_code/{folder.lower()}_impl.py"
        script_path = f"shared_code/{folder.lower()}_impl.py"
    elif placement == 2:
        doc["scriptFile"] = "__init__.py"
    elif placement == 3 and draw(st.integers(0, 3)) == 3:
        if draw(st.booleans()):
            doc["scriptFile"] = f"../../outside_{folder.lower()}.py"  # outside the app root
            script_path = f"../outside_{folder.lower()}.py"
        else:
            doc["scriptFile"] = "handler.txt"  # not a Python file
            script_path = f"{folder}/handler.txt"
    if draw(st.integers(0, 1)) == 1:
        doc = {k: doc[k] for k in sorted(doc, reverse=True)}

    tail = ""
    if draw(st.integers(0, 24)) == 24:
        tail = "\n\n" + draw(st.sampled_from(COMPILE_ERRORS))
    body = draw(st.sampled_from(["    pass\n", "    return None\n", "    return 'done'\n"]))
    return Function(
        folder, doc, params, returns, entry_kind, entry_point, script_path, header, tail, body
    )


@st.composite
def batches(draw: st.DrawFn, size: int) -> list[Function]:
    """`size` functions with distinct folder names."""
    return [draw(functions(f"Fn{index:03d}")) for index in range(size)]
