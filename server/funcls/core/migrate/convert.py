"""The decorator calls that declare a function.json's bindings, checked on the library.

For each binding the candidates are the library's decorators that add a binding of the same `type`
and direction (found by `library.load()`), then the generic decorator of its kind. A candidate's
arguments come from the probed mapping (function.json property -> decorator argument); the rest of
the properties go through the decorator's extra-fields argument, spelled so that the library's own
`to_camel_case` gives the property back. A candidate is kept only when calling it on the library
builds a binding that `compare.differences` finds identical to the entry; otherwise the next one
is tried. `route` is tried first for an `httpTrigger` together with an `http` output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from funcls.core.migrate import compare
from funcls.core.v2.library import GENERIC_DECORATORS, DecoratorSpec, Library

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class DecoratorCall:
    """`app.<name>(**arguments)`; `extras` names the dict argument holding extra properties
    (None: they are keyword arguments of their own)."""

    name: str
    arguments: dict[str, Any]
    covers: tuple[int, ...]  # indexes of the function.json bindings it declares
    differences: tuple[str, ...] = ()  # non-empty when no candidate was identical


@dataclass
class Conversion:
    """The decorator calls of one function, and what could not be converted."""

    calls: list[DecoratorCall] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def convert_bindings(lib: Library, bindings: list[dict[str, Any]]) -> Conversion:
    """The decorator calls declaring `bindings` (function.json entries, in order)."""
    result = Conversion()
    done: set[int] = set()
    for spec in lib.decorators.values():
        if len(spec.bindings) < 2:
            continue
        call = _multi(lib, spec, bindings, done)
        if call is not None:
            result.calls.append(call)
            done.update(call.covers)
    for index, binding in enumerate(bindings):
        if index in done:
            continue
        call, problem = _single(lib, binding, index)
        if problem:
            result.problems.append(problem)
        if call is not None:
            result.calls.append(call)
    return result


def _kind(binding: dict[str, Any]) -> str:
    """trigger, in or out: the host counts a binding whose type ends in "trigger" (ignoring
    case) as the trigger (validation-rules H-17, Azure/azure-functions-host @89dc438)."""
    btype = str(binding.get("type", ""))
    if btype.lower().endswith("trigger"):
        return "trigger"
    return "out" if str(binding.get("direction", "in")).lower() == "out" else "in"


def _single(
    lib: Library, binding: dict[str, Any], index: int
) -> tuple[DecoratorCall | None, str | None]:
    kind = _kind(binding)
    label = f"binding '{binding.get('name')}' ({binding.get('type')})"
    direction = str(binding.get("direction", "in")).lower()
    if direction not in ("in", "out"):
        return None, f"{label}: direction '{binding.get('direction')}' has no decorator"
    candidates = [
        spec
        for spec in lib.decorators.values()
        if len(spec.bindings) == 1
        and spec.name not in GENERIC_DECORATORS.values()
        and spec.bindings[0].type == binding.get("type")
        and spec.bindings[0].direction == direction
        and spec.bindings[0].is_trigger == (kind == "trigger")
    ]
    candidates.sort(key=lambda s: -len(set(s.bindings[0].arguments.values()) & set(binding)))
    generic = lib.decorators.get(GENERIC_DECORATORS[kind])
    attempts: list[DecoratorCall] = []
    for spec in candidates:
        call = _call_for(lib, spec, [binding], (index,))
        if call is not None:
            if not call.differences:
                return call, None
            attempts.append(call)
    if generic is not None:
        for everything_extra in (False, True):
            call = _call_for(lib, generic, [binding], (index,), everything_extra)
            if call is not None:
                if not call.differences:
                    return call, None
                attempts.append(call)
    if attempts:
        best = min(attempts, key=lambda c: len(c.differences))
        found = "; ".join(best.differences)
        return best, f"{label}: no decorator declares it identically ({found})"
    return None, f"{label}: no decorator of azure-functions {lib.version} can declare it"


def _multi(
    lib: Library, spec: DecoratorSpec, bindings: list[dict[str, Any]], done: set[int]
) -> DecoratorCall | None:
    """A decorator adding several bindings (`route`: httpTrigger + http), when the function has
    one unused entry for each and the call reproduces them all."""
    chosen: list[int] = []
    for produced in spec.bindings:
        match = next(
            (
                i
                for i, b in enumerate(bindings)
                if i not in done
                and i not in chosen
                and b.get("type") == produced.type
                and str(b.get("direction", "in")).lower() == produced.direction
            ),
            None,
        )
        if match is None:
            return None
        chosen.append(match)
    call = _call_for(lib, spec, [bindings[i] for i in chosen], tuple(chosen))
    return call if call is not None and not call.differences else None


def _call_for(
    lib: Library,
    spec: DecoratorSpec,
    entries: list[dict[str, Any]],
    covers: tuple[int, ...],
    everything_extra: bool = False,
) -> DecoratorCall | None:
    """The call of `spec` for `entries` (one per binding it adds), checked on the library; None
    when the entries cannot be written as its arguments."""
    arguments: dict[str, Any] = {}
    for produced, entry in zip(spec.bindings, entries, strict=True):
        by_property = {prop: arg for arg, prop in produced.arguments.items()}
        extra: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "direction" or (key == "type" and "type" not in by_property):
                continue
            arg = by_property.get(key)
            if arg is not None and not (everything_extra and key not in ("name", "type")):
                arguments[arg] = value
                continue
            keyword_name = _keyword_for(lib, key, set(spec.parameters))
            if keyword_name is None or produced.extras is None:
                return None
            extra[keyword_name] = value
        if extra:
            if produced.extras == "**":
                clash = set(extra) & (set(arguments) | set(spec.required))
                if clash:
                    return None
                arguments.update(extra)
            elif produced.extras is not None:
                arguments[produced.extras] = extra
    if not spec.required <= set(arguments):
        return None
    order = {name: i for i, name in enumerate(spec.parameters)}
    arguments = dict(sorted(arguments.items(), key=lambda kv: order.get(kv[0], len(order))))
    built = build(spec.name, arguments)
    if built is None or len(built) != len(entries):
        return None
    problems: list[str] = []
    for entry, binding in zip(entries, built, strict=True):
        problems.extend(compare.differences(entry, binding))
    return DecoratorCall(spec.name, arguments, covers, tuple(problems))


def _keyword_for(lib: Library, key: str, reserved: set[str]) -> str | None:
    """A keyword argument name the library turns back into the property `key` (a Python
    keyword such as `from` is written as `**{"from": ...}`)."""
    snake = _CAMEL_BOUNDARY.sub("_", key).lower()
    for candidate in (snake, key):
        if candidate in reserved:  # a named argument of the decorator: not an extra
            continue
        try:
            if lib.to_camel_case(candidate) == key:
                return candidate
        except ValueError:
            continue
    return None


def build(name: str, arguments: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The binding dicts `FunctionApp().<name>(**arguments)` adds, or None when it refuses."""
    import azure.functions as af

    def target() -> None:
        return None

    try:
        builder = getattr(af.FunctionApp(), name)(**arguments)(target)
        return [dict(b.get_dict_repr()) for b in builder._function.get_bindings()]
    except Exception:
        return None
