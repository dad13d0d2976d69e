"""Which binding types and shapes the Python worker's converters judge: the exact type strings
the installed library knows (or the schema declares), other casings of them, the direction and
cardinality a binding declares. Asked of `converters` and `schemas`, never copied."""

from __future__ import annotations

from typing import Any

from funcls.core import schemas
from funcls.core.app_model import Binding
from funcls.core.knowledge import converters


def direction_out(binding: Binding) -> bool:
    """True for an output binding (`direction: out`, any casing)."""
    return (binding.direction or "").lower() == "out"


def binding_label(binding: Binding) -> str:
    """The binding as messages name it: its type and direction."""
    parts = [binding.type or "?"]
    if binding.direction:
        parts.append(binding.direction)
    return ", ".join(parts)


def checkable_type(binding_type: str | None) -> bool:
    """True when the exact type string is one the worker knows (a converter key) or a binding
    type of the schema; miscased or unknown types are reported by the function.json checks."""
    if not binding_type:
        return False
    if binding_type in converters.known_types():
        return True
    return binding_type in schemas.binding_definitions()


# azure_functions_runtime_v1/bindings/meta.py (1.2.0): get_binding() looks the exact type string
# up in the library's registry and falls back to GenericBinding.
def other_casing(binding_type: str | None) -> str | None:
    """The known type that `binding_type` spells with other casing (`HttpTrigger` for
    `httpTrigger`), or None. The host accepts it; the worker finds no converter under that
    spelling and uses its generic binding."""
    if not binding_type or checkable_type(binding_type):
        return None
    lowered = binding_type.lower()
    for known in (*converters.known_types(), *schemas.binding_definitions()):
        if known.lower() == lowered:
            return known
    return None


def worker_judged(binding_type: str | None) -> bool:
    """True when the worker's verdict on an annotation for this type is known: a converter
    type or a schema type, in any casing (another casing gets the generic binding)."""
    return checkable_type(binding_type) or other_casing(binding_type) is not None


def is_many(binding: Binding) -> bool:
    """True when the binding declares `cardinality: many` (any casing)."""
    prop = binding.prop_ci("cardinality")
    value = getattr(prop.value, "value", None) if prop is not None else None
    return isinstance(value, str) and value.lower() == "many"


def builtin_generic_inside(value: Any) -> bool:
    """True when a builtin generic alias (`list[str]`) appears anywhere in an annotation value."""
    import types as _types

    if isinstance(value, _types.GenericAlias):
        return True
    args = getattr(value, "__args__", None)
    if isinstance(args, tuple) and not isinstance(value, type):
        return any(builtin_generic_inside(a) for a in args)
    return False
