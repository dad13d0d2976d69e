"""The JSON edits of the fixes, made on the decorator call when the binding is a v2 one.

A v2 function's bindings are function.json-shaped nodes built from its decorator calls
(`funcls.core.v2.model`), so the rules and their fixes are shared with the classic model. An
edit of such a node must change the Python that wrote it: a value becomes the argument's new
literal (in the argument's own quote style, an enum member written as the member it names), a
property key becomes the decorator argument the library turns into that property, an added
property a keyword argument, an added binding a decorator above the def. `json_edits` asks
here first; what cannot be written on the decorator (a property the decorator writes itself,
such as `type` or `direction`, an entry of a `trigger_extra_fields` dict) gives `NO_EDIT`,
and `vet_fixes` drops every fix holding one, or any edit that would leave the Python file
unparsable: no fix ever edits a function.json the app does not have.
"""

from __future__ import annotations

import ast
import bisect
import functools
import json
import keyword
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from funcls.core.app_model import Binding
from funcls.core.jsontree import JsonArray, JsonDocument, JsonNode, JsonObject
from funcls.core.migrate.render import call_arguments, literal
from funcls.core.problems import Fix, Problem, Span, TextEdit
from funcls.core.v2 import library as v2_library
from funcls.core.v2.model import DecoratorBinding, DecoratorProperty
from funcls.core.v2.reader import Argument, EnumRef

# An edit that cannot be made on the decorator: a fix holding it is dropped (`vet_fixes`).
NO_EDIT = TextEdit("", Span(0, 0), "")


def is_decorator_node(node: JsonNode | None) -> bool:
    """True when `node` belongs to a binding a v2 decorator produced."""
    while node is not None:
        if isinstance(node, DecoratorBinding):
            return True
        node = node.parent
    return False


def _site(node: JsonNode) -> tuple[DecoratorBinding, DecoratorProperty | None] | None:
    """The binding object and the property holding `node`."""
    prop: DecoratorProperty | None = None
    while node is not None:
        if isinstance(node, DecoratorProperty) and prop is None:
            prop = node
        if isinstance(node, DecoratorBinding):
            return node, prop
        node = node.parent  # type: ignore[assignment]
    return None


# -- values ----------------------------------------------------------------------------------------
def replace_value(path: str, node: JsonNode, value: Any) -> TextEdit:
    """The argument's literal (or one item of a list argument) replaced by `value`; a key node
    renames the keyword argument instead."""
    site = _site(node)
    if site is None:
        return NO_EDIT
    obj, prop = site
    if prop is None:
        return NO_EDIT
    if node is prop.key:
        return rename_keyword(path, node, str(value)) if isinstance(value, str) else NO_EDIT
    argument = prop.argument
    if argument is None or prop.extra:
        return NO_EDIT  # a property the decorator writes itself, or a dict entry
    if node is prop.value:
        span = argument.value_span
        current: Any = argument.value
    elif isinstance(prop.value, JsonArray) and node in prop.value.items:
        position = prop.value.items.index(node)
        if len(argument.item_spans) != len(prop.value.items):
            return NO_EDIT
        span = argument.item_spans[position]
        current = argument.value[position] if isinstance(argument.value, list) else None
    else:
        return NO_EDIT
    if span.start == span.end:
        return NO_EDIT
    written = obj.source[span.start : span.end]
    return TextEdit(path, span, python_literal(value, written, _enum_of(obj, argument), current))


def _enum_of(obj: DecoratorBinding, argument: Argument) -> Any:
    return obj.spec.enums.get(argument.name)


def python_literal(value: Any, written: str = "", enum: Any = None, current: Any = None) -> str:
    """`value` as Python source, in the style of the literal `written` it replaces: the same
    quote character for a string, `func.AuthLevel.X` for a member of the enum an `EnumRef`
    named."""
    if isinstance(value, str) and enum is not None and isinstance(current, EnumRef):
        lowered = value.lower()
        member = next(
            (m for m in enum if lowered in (m.name.lower(), str(m.value).lower())),
            None,
        )
        if member is not None:
            prefix = current.dotted.rsplit(".", 1)[0]
            return f"{prefix}.{member.name}"
    if isinstance(value, str):
        quote = written[:1]
        if quote in ("'", '"') and not written.startswith(quote * 3):
            inner = repr(value)[1:-1]
            if "'" not in value and '"' not in value:
                return quote + inner + quote
        return repr(value) if quote == "'" else literal(value)
    return literal(value)


# -- keyword arguments -----------------------------------------------------------------------------
def keyword_for(obj: DecoratorBinding, prop: str) -> str | None:
    """The decorator argument the library writes as the property `prop` of this binding: a
    named parameter, else (for decorators taking `**kwargs`) a keyword whose camel case is
    `prop`."""
    for argument, written in obj.produced.arguments.items():
        if written == prop:
            return argument
    lib = v2_library.load()
    if lib is None or obj.produced.extras != "**":
        return None
    for candidate in (_snake(prop), prop):
        if not candidate.isidentifier() or keyword.iskeyword(candidate):
            continue
        if candidate in obj.spec.parameters:
            continue
        try:
            if lib.to_camel_case(candidate) == prop:
                return candidate
        except ValueError:
            continue
    return None


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _arguments(obj: DecoratorBinding) -> list[Argument]:
    """The call's arguments in text order."""
    return sorted((*obj.call.positional, *obj.call.arguments), key=lambda a: a.span.start)


def rename_keyword(path: str, key: JsonNode, new_prop: str) -> TextEdit:
    """The keyword argument behind the property key `key` renamed to the argument that writes
    `new_prop`."""
    site = _site(key)
    if site is None:
        return NO_EDIT
    obj, prop = site
    if prop is None:
        return NO_EDIT
    argument = prop.argument
    if argument is None or prop.extra or argument.positional:
        return NO_EDIT
    new = keyword_for(obj, new_prop)
    if new is None or any(a.name == new for a in _arguments(obj)):
        return NO_EDIT
    return TextEdit(path, argument.key_span, new)


def rename_argument(path: str, argument: Argument, new: str, others: list[Argument]) -> TextEdit:
    """A keyword argument renamed to `new` (NO_EDIT when the call already passes `new`)."""
    if argument.positional or any(a.name == new for a in others):
        return NO_EDIT
    return TextEdit(path, argument.key_span, new)


def add_keyword(path: str, text: str, obj: JsonObject, prop: str, value: Any) -> TextEdit:
    """A keyword argument writing the property `prop` added at the end of the call."""
    if not isinstance(obj, DecoratorBinding):
        return NO_EDIT
    name = keyword_for(obj, prop)
    arguments = _arguments(obj)
    if name is None or any(a.name == name for a in arguments):
        return NO_EDIT
    written = f"{name}={python_literal(value)}"
    call = obj.call
    if not arguments:
        close = call.span.end - 1
        if text[close : close + 1] != ")":
            return NO_EDIT
        return TextEdit(path, Span(close, close), written)
    last = arguments[-1]
    after = last.span.end
    rest = text[after : call.span.end]
    stripped = rest.lstrip(" \t")
    if stripped.startswith(",") and stripped[1:].lstrip(" \t")[:1] in ("\n", "\r", "#"):
        # one argument per line with a trailing comma
        comma = after + (len(rest) - len(stripped)) + 1
        indent = _indent(text, last.span.start)
        return TextEdit(path, Span(comma, comma), f"\n{indent}{written},")
    if _starts_line(text, last.span.start):
        indent = _indent(text, last.span.start)
        return TextEdit(path, Span(after, after), f",\n{indent}{written}")
    return TextEdit(path, Span(after, after), f", {written}")


def remove_keyword(path: str, text: str, prop: JsonNode) -> TextEdit:
    """The argument behind `prop` removed with its comma (its line when alone on it)."""
    if not isinstance(prop, DecoratorProperty) or prop.argument is None or prop.extra:
        return NO_EDIT
    obj = prop.parent
    if not isinstance(obj, DecoratorBinding):
        return NO_EDIT
    arguments = _arguments(obj)
    argument = prop.argument
    index = next((i for i, a in enumerate(arguments) if a.span == argument.span), None)
    if index is None:
        return NO_EDIT
    if len(arguments) == 1:
        opening = text.find("(", obj.call.name_span.end, argument.span.start)
        close = obj.call.span.end - 1
        if opening < 0 or text[close : close + 1] != ")":
            return NO_EDIT
        return TextEdit(path, Span(opening + 1, close), "")
    if index < len(arguments) - 1:
        following = arguments[index + 1]
        if _starts_line(text, argument.span.start) and _starts_line(text, following.span.start):
            return TextEdit(
                path,
                Span(
                    _line_start(text, argument.span.start), _line_start(text, following.span.start)
                ),
                "",
            )
        return TextEdit(path, Span(argument.span.start, following.span.start), "")
    previous = arguments[index - 1]
    return TextEdit(path, Span(previous.span.end, argument.span.end), "")


# -- whole bindings --------------------------------------------------------------------------------
def _objects(document: JsonDocument) -> list[DecoratorBinding]:
    root = document.root
    if not isinstance(root, JsonObject):
        return []
    array = root.get_value("bindings")
    if not isinstance(array, JsonArray):
        return []
    return [item for item in array.items if isinstance(item, DecoratorBinding)]


def is_decorator_document(document: JsonDocument) -> bool:
    """True for the bindings document of a v2 function."""
    return bool(_objects(document))


def add_decorator(document: JsonDocument, path: str, values: dict[str, Any]) -> TextEdit:
    """A decorator declaring the binding `values` (a function.json entry), added right above
    the def: the library's own decorator for it, as `funcls migrate` chooses and checks it."""
    objects = _objects(document)
    if not objects:
        return NO_EDIT
    function = objects[0].function
    if function.assigned is not None:
        return NO_EDIT  # applied as calls: no def line to write a decorator on
    found = _decorator_for(values)
    if found is None:
        return NO_EDIT
    name, arguments = found
    text = document.text
    start = _line_start(text, function.name_span.start)
    indent = _indent(text, function.name_span.start)
    line_end = text.find("\n", function.name_span.start)
    newline = "\r\n" if line_end > 0 and text[line_end - 1] == "\r" else "\n"
    written = decorator_text(objects[0].call.receiver, name, arguments)
    return TextEdit(path, Span(start, start), f"{indent}{written}{newline}")


_NAME = "funclsBindingName"


def _decorator_for(values: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The decorator (name, arguments) declaring the binding `values`, as `funcls migrate`
    chooses and checks it on the library; None when no decorator declares it identically."""
    name = values.get("name")
    if not isinstance(name, str) or name.startswith("$"):
        return _converted(json.dumps(values, sort_keys=True))
    # the choice does not depend on the binding's name: one probe per binding shape
    found = _converted(json.dumps({**values, "name": _NAME}, sort_keys=True))
    if found is None:
        return None
    decorator, arguments = found
    return decorator, {k: name if v == _NAME else v for k, v in arguments.items()}


@functools.lru_cache(maxsize=256)
def _converted(key: str) -> tuple[str, dict[str, Any]] | None:
    from funcls.core.migrate.convert import convert_bindings

    lib = v2_library.load()
    if lib is None:
        return None
    conversion = convert_bindings(lib, [json.loads(key)])
    if conversion.problems or len(conversion.calls) != 1 or conversion.calls[0].differences:
        return None
    call = conversion.calls[0]
    return call.name, dict(call.arguments)


def decorator_text(receiver: str, name: str, arguments: dict[str, Any]) -> str:
    """`@receiver.name(arguments)`, keywords that are no Python names passed as `**{...}`."""
    return f"@{receiver}.{name}({', '.join(call_arguments(arguments))})"


def remove_decorator(document: JsonDocument, path: str, binding: Binding) -> TextEdit:
    """The decorator that produces `binding` removed with its line, when it produces no other
    binding and sits alone on its lines."""
    obj = binding.node
    if not isinstance(obj, DecoratorBinding) or obj.function.assigned is not None:
        return NO_EDIT
    if len(obj.spec.bindings) != 1:
        return NO_EDIT
    text = document.text
    call = obj.call
    start = _line_start(text, call.span.start)
    if text[start : call.span.start].strip() != "@":
        return NO_EDIT
    end = call.span.end
    line_end = len(text)
    for stop in ("\n", "\r"):
        found = text.find(stop, end)
        if found >= 0:
            line_end = min(line_end, found)
    if text[end:line_end].strip() and not text[end:line_end].strip().startswith("#"):
        return NO_EDIT
    if text.startswith("\r\n", line_end):
        line_end += 2
    elif line_end < len(text):
        line_end += 1
    return TextEdit(path, Span(start, line_end), "")


# -- vetting ---------------------------------------------------------------------------------------
def vet_fixes(problem: Problem, text_of: Callable[[str], str | None]) -> Problem:
    """`problem` without the fixes that cannot apply: an edit that could not be written on the
    decorator (`NO_EDIT`), one on a file that does not exist, or edits leaving a Python file
    that no longer parses."""
    if not problem.fixes:
        return problem
    kept = tuple(fix for fix in problem.fixes if _applies(fix, text_of))
    return problem if len(kept) == len(problem.fixes) else replace(problem, fixes=kept)


def _applies(fix: Fix, text_of: Callable[[str], str | None]) -> bool:
    by_path: dict[str, list[TextEdit]] = {}
    for edit in fix.edits:
        if edit is NO_EDIT or not edit.path:
            return False
        by_path.setdefault(edit.path, []).append(edit)
    for path, edits in by_path.items():
        text = text_of(path)
        if text is None:
            return False
        if any(not 0 <= e.span.start <= e.span.end <= len(text) for e in edits):
            return False
        if path.endswith(".py") and not _still_parses(text, edits):
            return False
    return True


def _still_parses(text: str, edits: list[TextEdit]) -> bool:
    """True when `text` with `edits` applied parses. Only the module-level statements the edits
    touch are parsed again (a fix never edits across them), so vetting the fixes of every
    function of a long module is not quadratic in its length; an edit between statements (an
    added import) must parse on its own."""
    statements = _statements(text)
    if statements is None:
        return _parses(_apply(text, edits))
    groups: dict[tuple[int, int], list[TextEdit]] = {}
    for edit in edits:
        at = bisect.bisect_right(statements, (edit.span.start, len(text) + 1)) - 1
        region = statements[at] if at >= 0 else None
        if region is not None and not (region[0] <= edit.span.start and edit.span.end <= region[1]):
            region = None
        if region is None:
            if edit.new_text.strip() and not _parses(edit.new_text):
                return False
            continue
        groups.setdefault(region, []).append(edit)
    for (start, end), group in groups.items():
        shifted = [
            TextEdit(e.path, Span(e.span.start - start, e.span.end - start), e.new_text)
            for e in group
        ]
        if not _parses(_apply(text[start:end], shifted)):
            return False
    return True


@functools.lru_cache(maxsize=8)
def _statements(text: str) -> tuple[tuple[int, int], ...] | None:
    """The offsets of each module-level statement, decorators included, whole lines."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    found: list[tuple[int, int]] = []
    for stmt in tree.body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
        last = stmt.end_lineno or stmt.lineno
        if first - 1 >= len(starts) or last >= len(starts):
            return None
        found.append((starts[first - 1], starts[last]))
    return tuple(found)


def _apply(text: str, edits: list[TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    return text


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


# -- layout ----------------------------------------------------------------------------------------
def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _starts_line(text: str, offset: int) -> bool:
    return not text[_line_start(text, offset) : offset].strip()


def _indent(text: str, offset: int) -> str:
    start = _line_start(text, offset)
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]
