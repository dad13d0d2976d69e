"""ASP.NET Core's inline route constraints: which names the constraint resolver knows, the
arguments each accepts, and how a parameter's constraint list is scanned (H-32).

The names and argument shapes are those of ASP.NET Core's default constraint map
(`RouteOptions`); a constraint is resolved case-insensitively when the route is created, and a
wrong argument fails its constructor, so the host cannot register the route.
"""

from __future__ import annotations

import re

# Constraint name -> allowed argument lists (each a tuple of argument kinds).
CONSTRAINTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "int": ((),),
    "long": ((),),
    "bool": ((),),
    "datetime": ((),),
    "decimal": ((),),
    "double": ((),),
    "float": ((),),
    "guid": ((),),
    "alpha": ((),),
    "required": ((),),
    "file": ((),),
    "nonfile": ((),),
    "minlength": (("int",),),
    "maxlength": (("int",),),
    "length": (("int",), ("int", "int")),
    "min": (("long",),),
    "max": (("long",),),
    "range": (("long", "long"),),
    "regex": (("regex",),),
}
KNOWN_CONSTRAINTS: frozenset[str] = frozenset(CONSTRAINTS)
"""Inline constraint names ASP.NET Core resolves (compared case-insensitively)."""

_EXAMPLES = {
    "minlength": "minlength(3)",
    "maxlength": "maxlength(20)",
    "length": "length(6) or length(1,20)",
    "min": "min(1)",
    "max": "max(100)",
    "range": "range(1,100)",
    "regex": r"regex(^\d{{3}}$)",
}
# Common wrong names -> the constraint meant (None: no constraint is needed or none fits).
ALIASES: dict[str, str | None] = {
    "integer": "int",
    "number": "int",
    "num": "int",
    "digits": "int",
    "int32": "int",
    "int64": "long",
    "boolean": "bool",
    "uuid": "guid",
    "date": "datetime",
    "time": "datetime",
    "timestamp": "datetime",
    "numeric": "decimal",
    "letters": "alpha",
    "regexp": "regex",
    "re": "regex",
    "pattern": "regex",
    "len": "length",
    "min_length": "minlength",
    "max_length": "maxlength",
    "string": None,
    "str": None,
    "path": None,
}
_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_DOTNET_WS = "\t\n\v\f\r "


def _dotnet_int(text: str, bounds: tuple[int, int]) -> int | None:
    stripped = text.strip(_DOTNET_WS)
    if not re.fullmatch(r"[+-]?[0-9]+", stripped):
        return None
    value = int(stripped)
    return value if bounds[0] <= value <= bounds[1] else None


def parse_constraints(param: str, cur: int, end: int) -> tuple[list[tuple[str, int, int]], int]:
    """Port of the ASP.NET inline constraint scanner; returns (text, start, end) and the index."""
    found: list[tuple[str, int, int]] = []
    state = "start"
    start_index = cur
    while True:
        ch = param[cur] if cur <= end else None
        if state == "start":
            if ch is None:
                state = "end"
            elif ch == ":":
                state = "name"
                start_index = cur + 1
            elif ch == "(":
                state = "paren"
            elif ch == "=":
                state = "end"
                cur -= 1
        elif state == "paren":
            if ch is None:
                state = "end"
                found.append((param[start_index:cur], start_index, cur))
            elif ch == ")":
                nxt = param[cur + 1] if cur + 1 <= end else None
                if nxt is None:
                    state = "end"
                    found.append((param[start_index : cur + 1], start_index, cur + 1))
                elif nxt == ":":
                    state = "start"
                    found.append((param[start_index : cur + 1], start_index, cur + 1))
                    start_index = cur + 1
                elif nxt == "=":
                    state = "end"
                    found.append((param[start_index : cur + 1], start_index, cur + 1))
            elif ch in ":=":
                close = param.find(")", cur + 1)
                if close == -1:
                    found.append((param[start_index:cur], start_index, cur))
                    if ch == ":":
                        state = "name"
                        start_index = cur + 1
                    else:
                        state = "end"
                        cur -= 1
                else:
                    cur = close
        elif state == "name":
            if ch is None:
                state = "end"
                if cur > start_index:
                    found.append((param[start_index:cur], start_index, cur))
            elif ch == ":":
                if cur > start_index:
                    found.append((param[start_index:cur], start_index, cur))
                start_index = cur + 1
            elif ch == "(":
                state = "paren"
            elif ch == "=":
                state = "end"
                if cur > start_index:
                    found.append((param[start_index:cur], start_index, cur))
                cur -= 1
        cur += 1
        if state == "end":
            return found, cur


def check_arguments(name: str, argument: str | None) -> str | None:
    """The constructor and argument checks done when the constraint is created."""
    shapes = CONSTRAINTS[name]
    if argument is None:
        if () in shapes:
            return None
        return f"The '{name}' constraint needs arguments, for example {_EXAMPLES[name]}."
    if shapes == ((),):
        return f"The '{name}' constraint takes no arguments; write just '{name}'."
    if name == "regex":
        return None
    args = [a.strip(_DOTNET_WS) for a in argument.split(",")]
    shape = next((s for s in shapes if len(s) == len(args)), None)
    if shape is None:
        return f"Wrong number of arguments for '{name}': write {_EXAMPLES[name]}."
    values: list[int] = []
    for kind, arg in zip(shape, args, strict=True):
        value = _dotnet_int(arg, _INT32 if kind == "int" else _INT64)
        if value is None:
            return f"'{arg}' is not a whole number in {name}({argument})."
        values.append(value)
    if name in ("minlength", "maxlength", "length") and values[0] < 0:
        return f"The length in {name}({argument}) cannot be negative."
    if name == "length" and len(values) == 2 and values[1] < values[0]:
        return f"In length({argument}) the maximum is smaller than the minimum."
    if name == "range" and values[1] < values[0]:
        return f"In range({argument}) the maximum is smaller than the minimum."
    return None
