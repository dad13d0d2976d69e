"""v2 functions as the same function model a function.json folder gives.

`read_app` reads the app's entry file (`function_app.py`, or the file `PYTHON_SCRIPT_FILE_NAME`
names in local.settings.json), the blueprint modules it registers, and turns each decorated
function into a `FunctionInfo` whose bindings are the entries `get_functions()` would produce:
each decorator argument lands in the property the installed azure-functions library writes it
to (`library`), so every function check applies unchanged. The binding nodes are built with
offsets into the Python file, so problems point at the decorator argument at fault: the key is
the keyword, the value is the argument's value, and `type`/`direction` are the decorator's name.

Anything the reader cannot know statically (a variable value, `**options`, a decorator of
another library below the app's, decorators of two apps) makes the function opaque: it is left
out of the model, so no check reports on a guess.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

from funcls.core.app_model import LOCAL_SETTINGS, Binding, FunctionInfo
from funcls.core.jsontree import (
    JsonArray,
    JsonBoolean,
    JsonDocument,
    JsonInvalid,
    JsonNode,
    JsonNumber,
    JsonObject,
    JsonProperty,
    JsonString,
)
from funcls.core.problems import Span
from funcls.core.sources import normalize_path
from funcls.core.v2 import library as v2_library
from funcls.core.v2.reader import (
    UNKNOWN,
    AppObject,
    Argument,
    DecoratedFunction,
    DecoratorCall,
    EnumRef,
    ImportedName,
    ModuleReading,
    read_module,
)
from funcls.core.workspace import Workspace

DEFAULT_SCRIPT = "function_app.py"
SCRIPT_SETTING = "PYTHON_SCRIPT_FILE_NAME"
# The worker's rule for the setting's value (validation-rules H-04).
SCRIPT_NAME = re.compile(r"^[a-zA-Z0-9_][a-zA-Z0-9_\-]*\.py$")
# Decorators that set a function's facts, not bindings (FunctionApp's SettingsApi and
# `function_name` / `http_type` of DecoratorApi).
SETTING_DECORATORS = ("function_name", "http_type", "retry")


class PyString(JsonString):
    """A string value read from Python source. `simple` is False when the node's text is not
    `"content"` (prefixes, triple quotes, a decorator name standing for a fixed value): then
    offsets inside the value are not known and spans cover the whole node."""

    simple: bool = True

    @property
    def content_start(self) -> int:
        """The first character inside the quotes, when the literal is simple."""
        return self.start + 1 if self.simple else self.start

    @property
    def content_end(self) -> int:
        """The closing quote, when the literal is simple (else a value that makes callers
        fall back to the whole node)."""
        return self.end - 1 if self.simple else self.start - 1


class DecoratorBinding(JsonObject):
    """The function.json object of one binding a decorator call produces, with what the
    quick fixes need to edit the call instead: the call, its arguments named by the signature,
    the decorator's spec and which of its bindings this is, and the decorated function."""

    call: DecoratorCall
    arguments: tuple[Argument, ...] = ()
    spec: v2_library.DecoratorSpec
    produced: v2_library.ProducedBinding
    function: DecoratedFunction
    source: str  # the module's text


class DecoratorProperty(JsonProperty):
    """A property of a `DecoratorBinding`. `argument` is the decorator argument it comes
    from (None for the properties the decorator writes itself: `type`, `direction`, a
    default `name`); `extra` is True for an entry of a dict argument (`trigger_extra_fields`),
    whose key and value spans cover the whole argument."""

    argument: Argument | None = None
    extra: bool = False


@dataclass(frozen=True)
class V2Declaration:
    """What declares a v2 function: the decorated def and the app object it is registered on."""

    entry_file: str
    path: str
    function: DecoratedFunction
    owner: AppObject
    name_argument: Argument | None

    @property
    def key(self) -> str:
        """A stable identity of the function within the app: its file and def name (unique:
        a def whose name is bound twice is left out), stable while lines move above it."""
        return f"{self.path}#{self.function.assigned or self.function.def_name}"


@dataclass(frozen=True)
class HttpAppFunction:
    """The function an AsgiFunctionApp / WsgiFunctionApp adds for its web app: its name (the
    constructor's `function_name`, else the library's default) and where that is written."""

    name: str
    owner: AppObject
    span: Span  # the `function_name` value, else the constructor call


@dataclass
class V2App:
    """The v2 side of an app: its entry file, the modules read, and the functions found."""

    entry_file: str
    readings: dict[str, ModuleReading] = field(default_factory=dict)
    functions: list[FunctionInfo] = field(default_factory=list)
    # every decorated function, opaque ones included, with the owner it is registered on
    declared: list[tuple[ModuleReading, DecoratedFunction, AppObject]] = field(default_factory=list)
    # (module, blueprint) pairs the entry file registers on its app
    registered: set[tuple[str, str]] = field(default_factory=set)
    # False when a registration's argument is not a plain name the reader follows
    registrations_known: bool = True
    # blueprints the entry file imports by name: (the import, their module, the blueprint)
    imported_blueprints: list[tuple[ImportedName, ModuleReading, AppObject]] = field(
        default_factory=list
    )

    # the functions web-app classes add (`http_app_func`), by the entry file's app objects
    http_app_functions: list[HttpAppFunction] = field(default_factory=list)

    # blueprints of the entry file itself -> where its registrations are: register_functions
    # copies the blueprint's functions of that moment, so a def below the last one is never
    # indexed (azure-functions FunctionRegister.register_functions)
    registered_at: dict[str, list[int]] = field(default_factory=dict)

    def is_registered(self, reading: ModuleReading, owner: AppObject) -> bool:
        """True when functions on `owner` are indexed: it is the app, or a blueprint the entry
        file registers."""
        return owner.kind == "app" or (reading.path, owner.name) in self.registered

    def is_indexed(self, reading: ModuleReading, fn: DecoratedFunction, owner: AppObject) -> bool:
        """True when the worker indexes `fn`: its owner is registered, and, for a blueprint of
        the entry file, some registration runs after the def."""
        if not self.is_registered(reading, owner):
            return False
        if owner.kind == "app" or reading.path != self.entry_file:
            return True
        offsets = self.registered_at.get(owner.name)
        return offsets is None or any(at > fn.name_span.start for at in offsets)

    @property
    def files(self) -> list[str]:
        """Every module read (the entry file first)."""
        return list(self.readings)


def entry_file(workspace: Workspace, root: str) -> str:
    """The v2 entry file of the app at `root`: `PYTHON_SCRIPT_FILE_NAME` when local.settings.json
    sets a valid one, else function_app.py (H-04)."""
    settings = workspace.json_object(os.path.join(root, LOCAL_SETTINGS))
    values = settings.get_value("Values") if settings is not None else None
    if isinstance(values, JsonObject):
        name = values.get_string(SCRIPT_SETTING)
        if name and SCRIPT_NAME.match(name):
            return normalize_path(os.path.join(root, name))
    return normalize_path(os.path.join(root, DEFAULT_SCRIPT))


def read_app(workspace: Workspace, root: str) -> V2App | None:
    """The v2 functions of the app at `root`, or None when it has no v2 entry file."""
    path = entry_file(workspace, root)
    if not workspace.sources.exists(path):
        return None
    view = workspace.script(path)
    if view is None:
        return None
    result = V2App(path)
    entry = read_module(path, view)
    result.readings[path] = entry
    for fn in entry.functions:
        owner = entry.apps[fn.receiver]
        result.declared.append((entry, fn, owner))
    for registration in entry.registrations:
        if registration.receiver not in entry.apps or registration.target is None:
            result.registrations_known = False
            continue
        found = _follow(workspace, root, entry, registration.target, result)
        if found is None:
            result.registrations_known = False
            continue
        reading, owner = found
        result.registered.add((reading.path, owner.name))
        if reading.path == path:
            result.registered_at.setdefault(owner.name, []).append(registration.span.start)
    for imported in list(entry.imports.values()):
        # `from blueprints import bp`: importing runs its decorators, registered or not
        if imported.name is None:
            continue
        found = _follow(workspace, root, entry, imported.local, result)
        if found is not None:
            result.imported_blueprints.append((imported, found[0], found[1]))
    lib = v2_library.load()
    if lib is None:
        return result
    result.http_app_functions = _http_app_functions(lib, entry)
    for reading, fn, owner in result.declared:
        if not result.is_indexed(reading, fn, owner):
            continue
        script = reading.path
        if fn.imported_entry is not None:
            # `from Folder import main as _entry`, decorated by calls: the script is Folder's
            found_script = _module_file(workspace, root, fn.imported_entry[0])
            if found_script is None:
                continue
            script = found_script
        info = build_function(lib, path, reading, fn, owner, script)
        if info is not None:
            result.functions.append(info)
    return result


def _http_app_functions(lib: v2_library.Library, entry: ModuleReading) -> list[HttpAppFunction]:
    """The function each AsgiFunctionApp / WsgiFunctionApp of the entry file adds, named as the
    library names it; left out when the name is not a literal."""
    found: list[HttpAppFunction] = []
    for owner in entry.apps.values():
        spec = lib.http_apps.get(owner.cls)
        if spec is None or owner.module != "azure.functions" or owner.call_span is None:
            continue
        position = spec.parameters.index(spec.name_parameter)
        argument = next(
            (a for a in owner.arguments if a.name in (spec.name_parameter, f"#{position}")),
            None,
        )
        if argument is None:
            found.append(HttpAppFunction(spec.default_name, owner, owner.call_span))
        elif isinstance(argument.value, str):
            found.append(HttpAppFunction(argument.value, owner, argument.value_span))
    return found


def _follow(
    workspace: Workspace, root: str, entry: ModuleReading, target: str, result: V2App
) -> tuple[ModuleReading, AppObject] | None:
    """The module and blueprint a registration's argument names (`bp`, `module.bp`)."""
    head, _, rest = target.partition(".")
    if not rest and head in entry.apps:
        return entry, entry.apps[head]
    imported = entry.imports.get(head)
    if imported is None:
        return None
    if imported.name is None:  # `import pkg.blueprint as mod` then `mod.bp`
        module, attribute = imported.module, rest
    elif not rest:  # `from pkg.blueprint import bp`
        module, attribute = imported.module, imported.name
    else:  # `from pkg import blueprint` then `blueprint.bp`
        module = imported.module + ("" if imported.module.endswith(".") else ".") + imported.name
        attribute = rest
    if not attribute or "." in attribute:
        return None
    path = _module_file(workspace, root, module)
    if path is None:
        return None
    reading = result.readings.get(path)
    if reading is None:
        view = workspace.script(path)
        if view is None:
            return None
        reading = result.readings[path] = read_module(path, view)
        for fn in reading.functions:
            result.declared.append((reading, fn, reading.apps[fn.receiver]))
    owner = reading.apps.get(attribute)
    if owner is None or owner.kind != "blueprint":
        return None
    return reading, owner


def _module_file(workspace: Workspace, root: str, module: str) -> str | None:
    """The app file of a module name (the worker puts the app root on sys.path)."""
    stripped = module.lstrip(".")
    if not stripped or len(module) - len(stripped) > 1:
        return None  # `from .. import`: outside the app root
    base = os.path.join(root, *stripped.split("."))
    for candidate in (base + ".py", os.path.join(base, "__init__.py")):
        if workspace.sources.exists(candidate):
            return normalize_path(candidate)
    return None


# -- one function --------------------------------------------------------------------------------
def arguments_of(call: DecoratorCall, parameters: tuple[str, ...]) -> tuple[Argument, ...] | None:
    """The call's arguments with positional ones named by the signature; None when more
    positional arguments are given than the signature has."""
    if not call.positional:
        return call.arguments
    if len(call.positional) > len(parameters):
        return None
    named = tuple(replace(a, name=p) for p, a in zip(parameters, call.positional, strict=False))
    return named + call.arguments


def build_function(
    lib: v2_library.Library,
    entry_path: str,
    reading: ModuleReading,
    fn: DecoratedFunction,
    owner: AppObject,
    script_path: str | None = None,
) -> FunctionInfo | None:
    """The function model of one decorated def, or None when it is opaque. `script_path` is
    the file defining the function, when another module than the decorators' (an import)."""
    if fn.wrapped or fn.mixed or reading.dynamic:
        return None
    script = script_path or reading.path
    declared = reading.view.callable(fn.def_name)
    if fn.imported_entry is None and (declared is None or declared.node is not fn.node):
        # the name is bound again further down: the entry point resolved by name (as the
        # worker rules do) would be another def than the one the decorators received
        return None
    name = fn.def_name
    name_argument: Argument | None = None
    text = reading.view.text
    objects: list[JsonObject] = []
    for call in fn.decorators:
        if call.dynamic or not call.called:
            return None
        if call.method in SETTING_DECORATORS:
            signature = lib.signatures.get(call.method)
            if signature is None:
                return None
            arguments = arguments_of(call, signature[0])
            if arguments is None or any(a.name not in signature[0] for a in arguments):
                return None
            if call.method == "function_name":
                name_argument = next((a for a in arguments if a.name == "name"), None)
                if name_argument is None or not isinstance(name_argument.value, str):
                    return None
                name = name_argument.value
            continue
        spec = lib.decorator(call.method)
        if spec is None:
            return None  # not a binding decorator of azure-functions (durable, unknown, ...)
        arguments = arguments_of(call, spec.parameters)
        if arguments is None:
            return None
        given = {a.name for a in arguments}
        if not spec.required <= given:
            return None  # the call fails: reported by the v2 checks
        if not spec.takes_kwargs and not given <= set(spec.parameters):
            return None
        for produced in spec.bindings:
            node = _binding_object(lib, spec, produced, call, arguments, text)
            if node is None:
                return None
            node.function = fn
            objects.append(node)
    if not objects:
        return None
    document = _document(text, fn, objects)
    bindings = tuple(Binding(i, obj) for i, obj in enumerate(objects))
    if any(b.name is None or b.type is None for b in bindings):
        return None  # a name or type the reader cannot know: pairing would guess
    declaration = V2Declaration(entry_path, reading.path, fn, owner, name_argument)
    return FunctionInfo(
        name=name,
        folder=reading.path,
        json_path=reading.path,
        document=document,
        bindings=bindings,
        script_path=normalize_path(script),
        script_declared=None,
        entry_point=fn.def_name,
        declaration=declaration,
    )


def _binding_object(
    lib: v2_library.Library,
    spec: v2_library.DecoratorSpec,
    produced: v2_library.ProducedBinding,
    call: DecoratorCall,
    arguments: tuple[Argument, ...],
    text: str,
) -> DecoratorBinding | None:
    """The function.json object of one binding a decorator produces."""
    head = call.name_span
    obj = DecoratorBinding(call.span.start, call.span.end)
    obj.call, obj.arguments, obj.spec, obj.produced = call, arguments, spec, produced
    obj.source = text
    props: list[JsonProperty] = []
    by_property = {prop: arg for arg, prop in produced.arguments.items()}
    given = {a.name: a for a in arguments}
    if "type" not in by_property:
        props.append(_fixed(obj, "type", produced.type, head))
    props.append(_fixed(obj, "direction", produced.direction, head))
    for argument in arguments:
        prop_name = produced.arguments.get(argument.name)
        if prop_name is None:
            if argument.name in spec.parameters and argument.name != produced.extras:
                continue  # an argument of the decorator's other binding
            if argument.name == produced.extras:
                props += _extras(obj, argument, text)
                continue
            if produced.extras != "**" or argument.name in spec.parameters:
                continue
            prop_name = str(lib.to_camel_case(argument.name))
        value = _value(argument, spec, text)
        if value is None:
            continue  # None: the library leaves the property out
        props.append(_prop(obj, prop_name, argument.key_span, value, argument))
    for param, default in spec.defaults.items():
        prop_name = produced.arguments.get(param)
        if prop_name == "name" and param not in given and isinstance(default, str):
            props.append(_fixed(obj, prop_name, default, head))
    obj.properties = props
    return obj


def _extras(obj: JsonObject, argument: Argument, text: str) -> list[JsonProperty]:
    """`trigger_extra_fields={"key": value}`: each entry becomes a property as written."""
    if not isinstance(argument.value, dict):
        return []
    props: list[JsonProperty] = []
    for key in argument.value:
        if isinstance(key, str):
            value = _python_value(argument.value[key], argument.value_span, text)
            if value is not None:
                prop = _prop(obj, key, argument.key_span, value, argument)
                prop.extra = True
                props.append(prop)
    return props


def _fixed(obj: JsonObject, key: str, value: str, span: Span) -> DecoratorProperty:
    node = PyString(span.start, span.end, value=value)
    node.simple = False
    return _prop(obj, key, span, node)


def _prop(
    obj: JsonObject,
    key: str,
    key_span: Span,
    value: JsonNode | None,
    argument: Argument | None = None,
) -> DecoratorProperty:
    key_node = PyString(key_span.start, key_span.end, value=key)
    key_node.simple = False
    end = value.end if value is not None else key_span.end
    prop = DecoratorProperty(min(key_span.start, end), max(key_span.end, end), obj, key_node, value)
    prop.argument = argument
    key_node.parent = prop
    if value is not None:
        value.parent = prop
    return prop


def _value(argument: Argument, spec: v2_library.DecoratorSpec, text: str) -> JsonNode | None:
    """The JSON node the library writes for an argument (None: left out)."""
    span = argument.value_span
    enum = spec.enums.get(argument.name)
    if enum is not None and argument.known:
        members = argument.value if argument.name in spec.enum_lists else [argument.value]
        if not isinstance(members, list):
            members = [members]
        form = spec.enum_forms.get(argument.name, "name")
        names = [_enum_name(enum, m, form) for m in members]
        if all(n is not None for n in names):
            if argument.name in spec.enum_lists:
                array = JsonArray(span.start, span.end)
                spans = _item_spans(argument, len(names))
                array.items = [
                    _string(s, n or "", False, array) for s, n in zip(spans, names, strict=False)
                ]
                return array
            return _string(span, names[0] or "", False)
        return JsonInvalid(span.start, span.end, text=text[span.start : span.end])
    return _python_value(argument.value, span, text, argument)


def _item_spans(argument: Argument | None, count: int) -> list[Span]:
    """Where each of `count` items of a list argument is written; the whole value when the
    items are not known one by one."""
    if argument is not None and len(argument.item_spans) == count:
        return list(argument.item_spans)
    span = argument.value_span if argument is not None else Span(0, 0)
    return [span] * count


def _enum_name(enum: Any, value: Any, form: str) -> str | None:
    """What the library writes for an enum argument: the member's name or value, as probed
    (strings are parsed ignoring case), or None when the value is no member."""
    member = None
    if isinstance(value, EnumRef):
        if value.owner == enum.__name__ and value.member in enum.__members__:
            member = enum.__members__[value.member]
    elif isinstance(value, str):
        member = next(
            (m for m in enum if value.lower() in (m.name.lower(), str(m.value).lower())), None
        )
    if member is None:
        return None
    return str(member.value) if form == "value" else str(member.name)


def _python_value(
    value: Any, span: Span, text: str, argument: Argument | None = None
) -> JsonNode | None:
    """A literal as a JSON node spanning the Python expression."""
    if value is None:
        return None
    if value is UNKNOWN or isinstance(value, EnumRef):
        return JsonInvalid(span.start, span.end, text=text[span.start : span.end])
    if isinstance(value, bool):
        return JsonBoolean(span.start, span.end, value=value)
    if isinstance(value, (int, float)):
        return JsonNumber(span.start, span.end, value=value)
    if isinstance(value, str):
        raw = text[span.start : span.end]
        simple = (
            len(raw) >= 2
            and raw[0] in "\"'"
            and raw[-1] == raw[0]
            and not raw.startswith(raw[0] * 3)
            and raw[1:-1] == value
        )
        return _string(span, value, simple)
    if isinstance(value, (list, tuple)):
        array = JsonArray(span.start, span.end)
        spans = _item_spans(argument, len(value)) if argument is not None else [span] * len(value)
        items = [_python_value(item, s, text) for item, s in zip(value, spans, strict=False)]
        array.items = [i for i in items if i is not None]
        for item in array.items:
            item.parent = array
        return array
    return JsonInvalid(span.start, span.end, text=text[span.start : span.end])


def _string(span: Span, value: str, simple: bool, parent: JsonNode | None = None) -> PyString:
    node = PyString(span.start, span.end, parent, value=value)
    node.simple = simple
    return node


def _document(text: str, fn: DecoratedFunction, objects: list[JsonObject]) -> JsonDocument:
    """A function.json-shaped tree: `{"bindings": [...]}`, the key spanning the def's name."""
    first = min(o.start for o in objects)
    root = JsonObject(first, fn.name_span.end)
    array = JsonArray(first, fn.name_span.end)
    array.items = list(objects)
    for obj in objects:
        obj.parent = array
    prop = _prop(root, "bindings", fn.name_span, array)
    root.properties = [prop]
    return JsonDocument(text, root, [])
