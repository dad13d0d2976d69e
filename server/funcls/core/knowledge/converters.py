"""The worker's binding rules, asked of the installed `azure-functions` library.

The Python worker looks a binding's converter up by the exact `type` string in the library's
registry (`azure.functions.get_binding_registry()`), asks it `check_input_type_annotation(T)` /
`check_output_type_annotation(T)` / `has_implicit_output()`, and falls back to a generic binding
for types without a converter (input: a subclass of str/bytes; output: str/bytes/bytearray). This
module reproduces that logic (validation-rules W-15 to W-22, W-31) over real library objects, so
every answer comes from the converters themselves, not from a copied table.

Only library objects (classes of `azure.functions`, `typing`, builtins) ever reach a converter:
annotations that refer to anything else are resolved to placeholders and never checked.
"""

from __future__ import annotations

import functools
import inspect
import operator
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

GENERIC = "generic"
_EXCLUDED_CLASSES = frozenset({"Context", "Out", "WsgiMiddleware", "AsgiMiddleware"})


@functools.lru_cache(maxsize=1)
def library() -> Any | None:
    """The `azure.functions` module, imported on first use (it pulls in asyncio, which the
    protocol-free core never imports at module level); None when it cannot be imported."""
    try:
        import azure.functions as af
        from azure.functions._thirdparty import typing_inspect as ti  # the worker's own copy

        af.__dict__.setdefault("_funcls_typing_inspect", ti)
        return af
    except Exception:  # pragma: no cover - a broken installation degrades to no checks
        return None


def library_version() -> str:
    """The version of the azure-functions library the checks ask (the differential test compares
    it with the worker environment's)."""
    af = library()
    return str(getattr(af, "__version__", "unknown")) if af is not None else "missing"


class _TypingInspect:
    """The vendored `typing_inspect` of the library, loaded with it."""

    def __getattr__(self, name: str) -> Any:
        af = library()
        if af is None:
            raise AttributeError(name)
        return getattr(af.__dict__["_funcls_typing_inspect"], name)


typing_inspect = _TypingInspect()


class _GenericBinding:
    """The worker's `bindings/generic.py` for types without a converter."""

    @classmethod
    def check_input_type_annotation(cls, pytype: Any) -> bool:
        """Input: a subclass of str or bytes."""
        return issubclass(pytype, (str, bytes))

    @classmethod
    def check_output_type_annotation(cls, pytype: Any) -> bool:
        """Output: a subclass of str, bytes or bytearray."""
        return issubclass(pytype, (str, bytes, bytearray))

    @classmethod
    def has_implicit_output(cls, bind_name: str | None) -> bool:
        """Every type without a converter, except durableClient."""
        return bind_name != "durableClient"


def registry() -> Any:
    """The library's converter registry (`_ConverterMeta`, with `.get(type)`), or None."""
    af = library()
    return None if af is None else af.get_binding_registry()


def converter(binding_type: str) -> Any | None:
    """The converter the worker uses for `binding_type` (exact, case-sensitive), or None."""
    found = registry()
    try:
        return None if found is None else found.get(binding_type)
    except Exception:  # pragma: no cover - a broken library
        return None


def known_types() -> list[str]:
    """Every binding type string the library has a converter for."""
    try:
        keys = list(registry()._bindings)
    except Exception:  # no library: nothing is checked
        return []
    return [k for k in keys if isinstance(k, str)]


def has_implicit_output(binding_type: str) -> bool:
    """The worker's `bindings.meta.has_implicit_output`: a converter's own answer; types
    without a converter have implicit output, except durableClient."""
    found = converter(binding_type)
    if found is None:
        return _GenericBinding.has_implicit_output(binding_type)
    method: Callable[[], bool] | None = getattr(found, "has_implicit_output", None)
    try:
        return bool(method()) if method is not None else False
    except Exception:
        return False


def _binding_for(bind_name: str) -> Any:
    if bind_name == GENERIC:
        return _GenericBinding
    return converter(bind_name) or _GenericBinding


def check_input(bind_name: str, pytype: Any) -> bool:
    """`check_input_type_annotation` of the binding the worker picks (False when it raises:
    the worker's load fails either way)."""
    binding = _binding_for(bind_name)
    method = getattr(binding, "check_input_type_annotation", None)
    if method is None:
        return False
    try:
        return bool(method(pytype))
    except Exception:
        return False


def check_output(bind_name: str, pytype: Any) -> bool:
    """`check_output_type_annotation` of the binding the worker picks (False when it raises)."""
    binding = _binding_for(bind_name)
    method = getattr(binding, "check_output_type_annotation", None)
    if method is None:
        return False
    try:
        return bool(method(pytype))
    except Exception:
        return False


# -- the worker's validate_function_params, one parameter ---------------------------------------
@dataclass(frozen=True)
class ParamVerdict:
    """What the worker decides about one annotated parameter.

    `rule` is None when the parameter loads, else the failing rule id (W-15 ... W-19).
    `is_out` tells whether the annotation is `Out[...]`; `pytype` is the unwrapped type that
    the converter sees; `bind_name` is the binding the worker checks it with (`generic` for
    the str/bytes shortcut).
    """

    rule: str | None
    is_out: bool
    pytype: Any
    bind_name: str


def is_out_annotation(annotation: Any) -> bool:
    """The worker's test for an `Out[...]` annotation (origin class named `Out`)."""
    if typing_inspect.is_generic_type(annotation):
        origin = typing_inspect.get_origin(annotation)
        if origin is not None:
            return isinstance(origin, type) and origin.__name__ == "Out"
    return isinstance(annotation, type) and annotation.__name__ == "Out"


def is_type_like(value: Any) -> bool:
    """The worker's W-16 test: a class or a typing generic."""
    return isinstance(value, type) or bool(typing_inspect.is_generic_type(value))


def unwrap_out(annotation: Any) -> tuple[Any, int]:
    """The argument of `Out[...]` and the number of arguments the worker counts."""
    args = typing_inspect.get_args(annotation)
    if len(args) != 1:
        return None, len(args)
    pytype = args[0]
    if isinstance(pytype, tuple) and typing_inspect.is_generic_type(pytype[0]):
        pytype = operator.getitem(pytype[0], *pytype[1:])
    return pytype, 1


def judge_parameter(
    annotation: Any, binding_type: str, binding_is_out: bool, check_type: bool = True
) -> ParamVerdict:
    """Apply W-15 ... W-19 to one annotated parameter, in the worker's order."""
    is_out = is_out_annotation(annotation)
    pytype = annotation
    if is_out:
        pytype, count = unwrap_out(annotation)
        if count != 1:
            return ParamVerdict("W-15", True, None, binding_type)
    if not is_type_like(pytype):
        return ParamVerdict("W-16", is_out, pytype, binding_type)
    if binding_is_out and not is_out:
        return ParamVerdict("W-17", is_out, pytype, binding_type)
    if not binding_is_out and is_out:
        return ParamVerdict("W-18", is_out, pytype, binding_type)
    bind_name = binding_type
    if pytype in (str, bytes) and not has_implicit_output(binding_type):
        bind_name = GENERIC
    if not check_type:
        return ParamVerdict(None, is_out, pytype, bind_name)
    ok = check_output(bind_name, pytype) if is_out else check_input(bind_name, pytype)
    return ParamVerdict(None if ok else "W-19", is_out, pytype, bind_name)


def judge_return(annotation: Any, binding_type: str) -> str | None:
    """W-20 ... W-22 for a return annotation with a `$return` binding of `binding_type`."""
    if typing_inspect.is_generic_type(annotation):
        origin = typing_inspect.get_origin(annotation)
        if getattr(origin, "__name__", None) == "Out":
            return "W-20"
    if not isinstance(annotation, type):
        return "W-21"
    # The worker compares with `is (str, bytes)`, so its str/bytes shortcut never fires here.
    if not check_output(binding_type, annotation):
        return "W-22"
    return None


def type_name(value: Any) -> str:
    """`__name__` as the worker prints it (falls back to repr for generics)."""
    name = getattr(value, "__name__", None)
    if isinstance(name, str) and isinstance(value, type):
        return name
    return repr(value)


# -- what a binding accepts (for messages and fixes) --------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    """An annotation shape: `Out[...]` or not, `List[...]` or not, and a class name that is
    `str`, `bytes`, `bytearray` or a class exported by `azure.functions`."""

    name: str
    out: bool = False
    many: bool = False

    @property
    def is_library(self) -> bool:
        """True for an `azure.functions` class."""
        return self.name not in ("str", "bytes", "bytearray")


@functools.lru_cache(maxsize=1)
def library_classes() -> tuple[tuple[str, type], ...]:
    """Data classes exported by azure.functions that a binding may accept, in export order."""
    result: list[tuple[str, type]] = []
    af = library()
    if af is None:
        return ()
    base = af.meta._BaseConverter
    for name in getattr(af, "__all__", ()):
        value = getattr(af, name, None)
        if not inspect.isclass(value) or name in _EXCLUDED_CLASSES:
            continue
        module = value.__module__ or ""
        if issubclass(value, base) or module.startswith(
            ("azure.functions.decorators", "azure.functions.extension")
        ):
            continue
        result.append((name, value))
    return tuple(result)


_BUILTINS: tuple[tuple[str, type], ...] = (("str", str), ("bytes", bytes), ("bytearray", bytearray))


def _value_of(suggestion: Suggestion) -> Any:
    af: Any = library()
    base: Any = dict(_BUILTINS).get(suggestion.name) or getattr(af, suggestion.name)
    if suggestion.many:
        base = typing.List[base]  # noqa: UP006 - the worker rejects builtin generics
    return af.Out[base] if suggestion.out else base


@functools.lru_cache(maxsize=512)
def accepted(binding_type: str, out: bool) -> tuple[Suggestion, ...]:
    """Annotations the worker accepts for a binding of this type and direction, library
    classes first, then str/bytes (each also as `List[...]` where the converter takes lists)."""
    result: list[Suggestion] = []
    if library() is None:
        return ()
    candidates = [*library_classes(), *_BUILTINS]
    for many in (False, True):
        for name, _value in candidates:
            if not out and name == "bytearray":
                continue
            suggestion = Suggestion(name, out, many)
            try:
                value = _value_of(suggestion)
            except Exception:
                continue
            verdict = judge_parameter(value, binding_type, out)
            if verdict.rule is None:
                result.append(suggestion)
    return tuple(result)


def accepts_anything(binding_type: str, out: bool) -> bool:
    """True when the converter accepts `object` (activityTrigger): any annotation loads."""
    af: Any = library()
    if af is None:
        return True
    value: Any = af.Out[object] if out else object
    return judge_parameter(value, binding_type, out).rule is None


_PREFER_BUILTIN = frozenset({"blob"})  # `Out[InputStream]` is legal but rarely what one wants


def preferred(binding_type: str, out: bool, many: bool = False) -> Suggestion | None:
    """The annotation a new parameter for this binding gets; None when any annotation works
    (activityTrigger) or nothing is accepted."""
    if accepts_anything(binding_type, out):
        return None
    options = accepted(binding_type, out)
    if many:
        listed = [s for s in options if s.many and s.is_library]
        if listed:
            return listed[0]
    singles = [s for s in options if not s.many]
    builtin_first = out and binding_type in _PREFER_BUILTIN
    library = [s for s in singles if s.is_library]
    if library and not builtin_first:
        return library[0]
    plain = [s for s in singles if not s.is_library]
    choices = plain or singles
    return choices[0] if choices else None


def accepted_return(binding_type: str) -> tuple[str, ...]:
    """Class names a `-> T` annotation may use with a `$return` binding of this type."""
    names: list[str] = []
    for name, value in [*library_classes(), *_BUILTINS]:
        if judge_return(value, binding_type) is None:
            names.append(name)
    return tuple(names)
