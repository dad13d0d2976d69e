"""What each decorator of the installed `azure-functions` library declares, asked of the library.

Every decorator method of `FunctionApp` (`queue_trigger`, `route`, `blob_input`, ...) is called
once per parameter with recognisable probe values on a throwaway app, applied to a throwaway
function, and the binding objects it adds are read back through their own `get_dict_repr()`: which
function.json property each decorator argument becomes, which binding `type` and direction it
produces, which arguments the library parses into an enum, and whether extra properties pass
through (`**kwargs`, `trigger_extra_fields`). No table of decorator names or argument names is
written here; a new library release brings its own answers.

Decorators that replace the user's function (the Durable Functions ones wrap it in
`Orchestrator.create`, which a classic entry point has already done) are left out: for those
bindings the generic decorators declare the same function.json entries.
"""

from __future__ import annotations

import enum
import functools
import inspect
import typing
from dataclasses import dataclass, field
from typing import Any

GENERIC_DECORATORS = {
    "trigger": "generic_trigger",
    "in": "generic_input_binding",
    "out": "generic_output_binding",
}


@dataclass(frozen=True)
class ProducedBinding:
    """One binding a decorator adds: its type and direction, and where its arguments land."""

    type: str
    direction: str  # "in" or "out", as function.json writes it
    is_trigger: bool
    # decorator argument -> function.json property it becomes (`arg_name` -> `name`)
    arguments: dict[str, str]
    # the decorator argument whose dict entries become extra properties, or "**" for **kwargs
    extras: str | None
    # properties the decorator always writes, whatever its arguments
    fixed: frozenset[str]


@dataclass(frozen=True)
class DecoratorSpec:
    """A decorator method of FunctionApp/Blueprint and the bindings it adds."""

    name: str
    bindings: tuple[ProducedBinding, ...]
    required: frozenset[str]  # arguments without a default
    parameters: tuple[str, ...] = ()  # every argument, in the signature's order
    enums: dict[str, type[enum.Enum]] = field(default_factory=dict)  # argument -> enum it parses
    enum_lists: frozenset[str] = frozenset()  # arguments parsed as a list of enum members
    # literal defaults of the signature (`trigger_arg_name="req"`), written when not given
    defaults: dict[str, str | int | bool] = field(default_factory=dict)
    takes_kwargs: bool = False  # `**kwargs`: unknown keywords become properties
    # enum argument -> how its binding writes a member: `name` or `value`
    enum_forms: dict[str, str] = field(default_factory=dict)
    # optional arguments the binding's constructor asks for all the same, as the smallest sets
    # that make the call succeed (EventGridOutput: `connection`, or both topic settings); empty
    # when the required arguments alone are enough
    completions: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class HttpApp:
    """The function an `AsgiFunctionApp` / `WsgiFunctionApp` adds for the web app it wraps, as
    the library builds it: the constructor's arguments, the one naming the function and its
    default, and the function's bindings (a catch-all HTTP route)."""

    cls: str
    parameters: tuple[str, ...]  # the constructor's arguments, in order
    name_parameter: str  # the argument naming the function (`function_name`)
    default_name: str  # `http_app_func`
    bindings: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Library:
    """The decorators of the installed library, by name."""

    version: str
    decorators: dict[str, DecoratorSpec]
    to_camel_case: Any  # the library's own function that names a keyword argument's property
    retry_parameters: tuple[str, ...]  # arguments of `retry`
    # public attribute names of each app class (FunctionApp, Blueprint, AsgiFunctionApp, ...)
    class_attributes: dict[str, frozenset[str]] = field(default_factory=dict)
    # method name -> (its argument names, whether it takes **kwargs), for every public method
    signatures: dict[str, tuple[tuple[str, ...], bool]] = field(default_factory=dict)
    # another name of a decorator -> the decorator it is (`schedule` -> `timer_trigger`)
    aliases: dict[str, str] = field(default_factory=dict)
    # method name -> its arguments without a default, for every public method
    required: dict[str, frozenset[str]] = field(default_factory=dict)
    # class name -> the function its constructor adds (AsgiFunctionApp, WsgiFunctionApp)
    http_apps: dict[str, HttpApp] = field(default_factory=dict)

    def decorator(self, name: str) -> DecoratorSpec | None:
        """The binding decorator called `name` (or an alias of it)."""
        return self.decorators.get(self.aliases.get(name, name))


@functools.lru_cache(maxsize=1)
def load() -> Library | None:
    """The library's decorators, probed once; None when azure-functions cannot be imported."""
    try:
        import azure.functions as af
        from azure.functions.decorators import utils
    except Exception:  # pragma: no cover - an installation without the library
        return None
    from azure.functions.decorators.function_app import FunctionRegister

    specs: dict[str, DecoratorSpec] = {}
    for name in sorted(dir(af.FunctionApp)):
        # FunctionRegister's own methods (get_functions, register_functions) are no decorators
        if name.startswith("_") or hasattr(FunctionRegister, name):
            continue
        spec = _probe_decorator(af, name)
        if spec is not None:
            specs[name] = spec
    retry = inspect.signature(af.FunctionApp.retry).parameters
    return Library(
        version=str(getattr(af, "__version__", "unknown")),
        decorators=specs,
        to_camel_case=utils.to_camel_case,
        retry_parameters=tuple(p for p in retry if p != "self"),
        class_attributes=_class_attributes(af),
        signatures=_signatures(af.FunctionApp),
        aliases=_aliases(af.FunctionApp),
        required=_required(af.FunctionApp),
        http_apps=_http_apps(af),
    )


APP_CLASSES = ("FunctionApp", "Blueprint", "AsgiFunctionApp", "WsgiFunctionApp")


def _class_attributes(af: Any) -> dict[str, frozenset[str]]:
    """The public attributes of each app class the library exports."""
    found: dict[str, frozenset[str]] = {}
    for name in APP_CLASSES:
        cls = getattr(af, name, None)
        if isinstance(cls, type):
            found[name] = frozenset(a for a in dir(cls) if not a.startswith("_"))
    return found


def _signatures(cls: type) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Argument names of every public method of `cls`, and whether it takes **kwargs."""
    found: dict[str, tuple[tuple[str, ...], bool]] = {}
    for name in dir(cls):
        method = getattr(cls, name, None)
        if name.startswith("_") or not inspect.isfunction(method):
            continue
        try:
            params = inspect.signature(method).parameters.values()
        except (TypeError, ValueError):
            continue
        names = tuple(
            p.name
            for p in params
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        )
        found[name] = (names, any(p.kind == p.VAR_KEYWORD for p in params))
    return found


class _WebApp:
    """A stand-in for the user's ASGI/WSGI app: the constructor only stores it."""


def _http_apps(af: Any) -> dict[str, HttpApp]:
    """The function each web-app class adds, from a probe instance (no user code runs)."""
    import json

    found: dict[str, HttpApp] = {}
    for name in ("AsgiFunctionApp", "WsgiFunctionApp"):
        cls = getattr(af, name, None)
        if not isinstance(cls, type):
            continue
        try:
            params = [
                p
                for p in inspect.signature(cls).parameters.values()
                if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            ]
            naming = next(p for p in params if isinstance(p.default, str))
            functions = cls(app=_WebApp()).get_functions()
            if len(functions) != 1 or functions[0].get_function_name() != naming.default:
                continue
            bindings = json.loads(functions[0].get_function_json())["bindings"]
        except Exception:
            continue  # another library release: the class is left out
        found[name] = HttpApp(
            cls=name,
            parameters=tuple(p.name for p in params),
            name_parameter=naming.name,
            default_name=naming.default,
            bindings=tuple(bindings),
        )
    return found


def _required(cls: type) -> dict[str, frozenset[str]]:
    """The arguments without a default of every public method of `cls`."""
    found: dict[str, frozenset[str]] = {}
    for name in dir(cls):
        method = getattr(cls, name, None)
        if name.startswith("_") or not inspect.isfunction(method):
            continue
        try:
            params = inspect.signature(method).parameters.values()
        except (TypeError, ValueError):
            continue
        found[name] = frozenset(
            p.name
            for p in params
            if p.name != "self"
            and p.default is p.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        )
    return found


def _aliases(cls: type) -> dict[str, str]:
    """Class attributes bound to a method of another name (`schedule = timer_trigger`)."""
    found: dict[str, str] = {}
    for name in dir(cls):
        method = getattr(cls, name, None)
        if not name.startswith("_") and inspect.isfunction(method) and method.__name__ != name:
            found[name] = method.__name__
    return found


class _Sentinel(str):
    """A probe value: a string the library passes through untouched and we recognise."""

    __slots__ = ()


def _probe_decorator(af: Any, name: str) -> DecoratorSpec | None:
    """What `FunctionApp.<name>` produces, asked of the library: its signature, then one call
    with the required arguments (completed by `_completions` when the binding's constructor
    wants more), then one call per optional argument to see which property each one sets.

    Over 80 lines on purpose: one probe in the order the library is asked, every step reading
    the bindings the previous calls produced (shapes, arguments, extras, enum forms)."""
    method = getattr(af.FunctionApp, name, None)
    if not inspect.isfunction(method) or method.__name__ != name:
        return None  # not a method, or an alias (`schedule = timer_trigger`)
    try:
        signature = inspect.signature(method)
        hints = typing.get_type_hints(method)
    except Exception:
        return None
    params = [
        p
        for p in signature.parameters.values()
        if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    has_kwargs = any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())
    required = frozenset(p.name for p in params if p.default is p.empty)
    enums: dict[str, type[enum.Enum]] = {}
    enum_lists: set[str] = set()
    for p in params:
        found, is_list = _enum_of(hints.get(p.name))
        if found is not None:
            enums[p.name] = found
            if is_list:
                enum_lists.add(p.name)
    dict_params = {p.name for p in params if _is_dict(hints.get(p.name))}

    def value_for(param: str) -> Any:
        if param in enums:
            member = list(enums[param])[-1]
            return [member] if param in enum_lists else member
        if param in dict_params:
            return {"funclsProbe": _Sentinel(f"extra:{param}")}
        return _Sentinel(f"probe:{param}")

    base = {p: value_for(p) for p in required}
    optional = [p.name for p in params if p.name not in required]
    first = _apply(af, name, base)
    completions: list[frozenset[str]] = []
    if not first:
        # the signature does not say everything the binding's constructor wants
        completions = _completions(af, name, base, optional, value_for)
        if not completions:
            return None
        base = dict(base, **{p: value_for(p) for p in completions[0]})
        first = _apply(af, name, base)
    if first is None or not first:
        return None

    shapes = [(b.type, b.direction, b.is_trigger) for b in first]
    arguments: list[dict[str, str]] = [{} for _ in first]
    extras: list[str | None] = [None] * len(first)
    fixed = [frozenset(_dict_of(b)) for b in first]
    enum_forms: dict[str, str] = {}
    for param in base:
        _record(first, param, base[param], arguments)
    plain = {k: v for k, v in base.items() if k in required}

    def completed(probe: dict[str, Any], key: str) -> list[_Probed] | None:
        """The probe's bindings, with the first completion the library accepts `key` in."""
        produced = _apply(af, name, probe)
        for extra in completions[1:]:
            if produced is not None:
                break
            chosen = {p: value_for(p) for p in extra}
            produced = _apply(af, name, {**plain, **chosen, key: probe[key]})
        return produced

    for param in optional + (["**"] if has_kwargs else []):
        if param == "**":
            probe = dict(base, funclsProbe=_Sentinel("extra:**"))
            value: Any = _Sentinel("extra:**")
        else:
            value = value_for(param)
            probe = dict(base, **{param: value})
        produced = completed(probe, "funclsProbe" if param == "**" else param)
        if produced is None or len(produced) != len(first):
            continue
        if isinstance(value, dict) or param == "**":
            for index, binding in enumerate(produced):
                if _dict_of(binding).get("funclsProbe") == _Sentinel(f"extra:{param}"):
                    extras[index] = param
            continue
        _record(produced, param, value, arguments)
        if param in enums:
            for index, binding in enumerate(produced):
                prop = arguments[index].get(param)
                form = _written_enum(value, _dict_of(binding).get(prop)) if prop else None
                if form is not None:
                    enum_forms[param] = form
    bindings = []
    for index, (btype, direction, is_trigger) in enumerate(shapes):
        if not isinstance(btype, str):
            return None
        taken = set(arguments[index].values())
        bindings.append(
            ProducedBinding(
                type=btype,
                direction=direction,
                is_trigger=is_trigger,
                arguments=arguments[index],
                extras=extras[index],
                fixed=frozenset(k for k in fixed[index] if k not in taken) - {"direction"},
            )
        )
    return DecoratorSpec(
        name=name,
        bindings=tuple(bindings),
        required=required,
        parameters=tuple(p.name for p in params),
        enums=enums,
        enum_lists=frozenset(enum_lists),
        defaults={
            p.name: p.default
            for p in params
            if p.default is not p.empty and isinstance(p.default, (str, int, bool))
        },
        takes_kwargs=has_kwargs,
        enum_forms=enum_forms,
        completions=tuple(completions),
    )


def _completions(
    af: Any, name: str, base: dict[str, Any], optional: list[str], value_for: Any
) -> list[frozenset[str]]:
    """The smallest sets of one or two optional arguments with which the decorator accepts its
    required ones (a constructor that checks its optional arguments together)."""
    found: list[frozenset[str]] = []
    for size in (1, 2):
        for index, param in enumerate(optional):
            for other in optional[index + 1 :] if size == 2 else [None]:
                chosen = frozenset(p for p in (param, other) if p is not None)
                if any(f <= chosen for f in found):
                    continue
                if _apply(af, name, dict(base, **{p: value_for(p) for p in chosen})):
                    found.append(chosen)
    return found


def _record(bindings: list[Any], param: str, value: Any, arguments: list[dict[str, str]]) -> None:
    """Note under which property of which binding `value` ended up."""
    for index, binding in enumerate(bindings):
        for key, found in _dict_of(binding).items():
            if key in ("direction",):
                continue
            if found is value or found == value or _written_enum(value, found) is not None:
                arguments[index][param] = key


class _Probed:
    """What one probe call added: the bindings' type, direction and dict."""

    def __init__(self, binding: Any, is_trigger: bool) -> None:
        self.is_trigger = is_trigger
        self.type = getattr(binding, "type", None)
        direction = getattr(binding, "_direction", None)
        self.direction = str(getattr(direction, "name", "")).lower()
        self.raw = binding
        self.dict = dict(binding.get_dict_repr())


def _dict_of(binding: Any) -> dict[str, Any]:
    return binding.dict if isinstance(binding, _Probed) else dict(binding.get_dict_repr())


def _apply(af: Any, name: str, kwargs: dict[str, Any]) -> list[_Probed] | None:
    """The bindings `FunctionApp().<name>(**kwargs)` adds to a throwaway function, or None when
    the call fails or the decorator replaces the function."""
    from azure.functions.decorators.core import Trigger

    app = af.FunctionApp()

    def probe_target() -> None:  # the function the decorator is applied to
        return None

    try:
        decorator = getattr(app, name)(**kwargs)
        if not callable(decorator):
            return None
        builder = decorator(probe_target)
        function = builder._function
        if function.get_user_function() is not probe_target:
            return None
        return [_Probed(b, isinstance(b, Trigger)) for b in function.get_bindings()]
    except Exception:
        return None


def _written_enum(value: Any, found: Any) -> str | None:
    """How a binding wrote an enum member: by `name` or by `value` (None: not this member;
    `AuthLevel` writes names, `BlobSource` values)."""
    if isinstance(value, list) and isinstance(found, list) and len(value) == len(found) == 1:
        value, found = value[0], found[0]
    if isinstance(found, enum.Enum) and found is value:
        found = str(found)  # serialised later by the library's encoder (`StringifyEnum`)
    if not isinstance(value, enum.Enum) or not isinstance(found, str):
        return None
    if found == value.name:
        return "name"
    if found == str(value.value):
        return "value"
    return None


def _enum_of(annotation: Any) -> tuple[type[enum.Enum] | None, bool]:
    """The Enum class an annotation accepts (directly or as items of an Iterable)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation, False
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    is_list = origin is not None and origin is not typing.Union and _is_iterable(origin)
    for arg in args:
        found, nested_list = _enum_of(arg)
        if found is not None:
            return found, is_list or nested_list
    return None, False


def _is_iterable(origin: Any) -> bool:
    import collections.abc

    return isinstance(origin, type) and issubclass(origin, collections.abc.Iterable)


def _is_dict(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    if origin is not typing.Union:
        return False
    return any(_is_dict(a) for a in typing.get_args(annotation))


_refusals: dict[str, str | None] = {}


def refusal(name: str, arguments: dict[str, Any]) -> str | None:
    """The error the library raises when the decorator `FunctionApp().<name>(**arguments)` is
    applied to a function (as importing the app does), or None when it accepts the arguments.
    Only literal arguments are passed: no user code runs."""
    key = f"{name}|{arguments!r}"
    if key in _refusals:
        return _refusals[key]
    found: str | None = None
    try:
        import azure.functions as af

        def probe_target() -> None:  # the function the decorator is applied to
            return None

        getattr(af.FunctionApp(), name)(**arguments)(probe_target)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        found = str(exc.args[0]) if exc.args else type(exc).__name__
    except Exception:  # anything else is no verdict on the arguments
        found = None
    if len(_refusals) > 4096:
        _refusals.clear()
    _refusals[key] = found
    return found
