"""When a binding the library builds declares the same thing as a function.json entry.

Used twice: while choosing a decorator (the call is tried on the library, never on user code, and
kept only when it reproduces the entry), and by the migration round-trip test, which compares the
migrated app's `get_functions()` with the original function.json files.
"""

from __future__ import annotations

import enum
from typing import Any

# The host parses `direction` and `dataType` ignoring case into the enums of BindingMetadata
# (Azure/azure-functions-host @89dc438, src/WebJobs.Script/Binding/BindingMetadata.cs;
# validation-rules H-12); the library writes enum members by their upper-case name. Other values
# are compared exactly, unless the library produced them from an enum.
_CASELESS_KEYS = frozenset({"direction", "datatype"})


def normalise(binding: dict[str, Any], enum_keys: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`binding` with None values dropped (the library drops them), enum members and
    case-insensitive values lower-cased, and `direction` made explicit."""
    result: dict[str, Any] = {}
    for key, value in binding.items():
        value = _plain(value)
        if value is None:
            continue
        if key.lower() in _CASELESS_KEYS or key in enum_keys:
            value = _lower(value)
        result[key] = value
    return result


def enum_keys_of(binding: dict[str, Any]) -> frozenset[str]:
    """The keys of a library binding dict whose value came from an enum (compared ignoring
    case: the library upper-cases them, the host parses them ignoring case)."""
    keys = set()
    for key, value in binding.items():
        items = value if isinstance(value, list) else [value]
        if items and all(isinstance(item, enum.Enum) for item in items):
            keys.add(key)
    return frozenset(keys)


def differences(
    original: dict[str, Any], produced: dict[str, Any], enum_keys: frozenset[str] | None = None
) -> list[str]:
    """What differs between a function.json binding and a library binding dict (plain values,
    enum members allowed in `produced`, or their names with `enum_keys` saying which); empty
    when they declare the same binding."""
    keys = enum_keys_of(produced) if enum_keys is None else enum_keys
    left = normalise(original, keys)
    right = normalise(produced, keys)
    left.setdefault("direction", "in")
    problems = []
    for key in sorted(set(left) | set(right)):
        if key not in right:
            problems.append(f"'{key}' is lost")
        elif key not in left:
            problems.append(f"'{key}': {right[key]!r} is added")
        elif left[key] != right[key]:
            problems.append(f"'{key}': {left[key]!r} becomes {right[key]!r}")
    return problems


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, list):
        return [_plain(v) for v in value if v is not None]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    return value


def _lower(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, list):
        return [_lower(v) for v in value]
    return value
