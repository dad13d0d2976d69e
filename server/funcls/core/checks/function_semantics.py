"""function.json semantics the host and the Python worker enforce at load (H-13..H-24, W-10, W-30).

Binding names (the current host's rule and the older one), uniqueness ignoring case, exactly one
trigger, `$return` only as an output, no `inout`, binding types (in `binding_type_checks`:
known, provided by the declared extension bundle, spelled the way the Python worker needs, with
the property names of the runtime and extension version the bundle carries), the entry script
the host can find, retry intervals.
Missing keys, wrong JSON types and bad enum values are the schema layer's (FUNC010-017).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from datetime import timedelta

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.checks import binding_type_checks
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import head_span, related_at
from funcls.core.edits.json_edits import change_to, insert_property, replace_node
from funcls.core.jsontree import JsonObject, JsonString
from funcls.core.problems import Code, Fix, Problem, Severity, Span, make_problem
from funcls.core.spans import node_span
from funcls.core.values.timespan import TimeSpanError, parse_timespan

BAD_NAME = Code("FUNC110", Severity.ERROR, "Invalid binding name", ("H-13",))
OLD_HOST_NAME = Code(
    "FUNC111",
    Severity.WARNING,
    "Binding name rejected by hosts older than 4.1038 (underscore)",
    ("H-13",),
)
DUPLICATE_NAME = Code(
    "FUNC112", Severity.ERROR, "Binding names must be unique (ignoring case)", ("H-16",)
)
MANY_TRIGGERS = Code("FUNC113", Severity.ERROR, "More than one trigger binding", ("H-17",))
NO_TRIGGER = Code("FUNC114", Severity.ERROR, "No trigger binding", ("H-18",))
RETURN_DIRECTION = Code(
    "FUNC115", Severity.ERROR, "'$return' must have direction 'out'", ("H-14", "W-11")
)
INOUT = Code("FUNC116", Severity.ERROR, "'inout' bindings are not supported by Python", ("W-10",))
NO_SCRIPT_FILE = Code("FUNC123", Severity.ERROR, "'scriptFile' does not exist", ("H-20",))
NO_ENTRY_SCRIPT = Code(
    "FUNC124", Severity.ERROR, "The host cannot determine the entry script", ("H-21",)
)
RETRY = Code("FUNC125", Severity.ERROR, "Invalid retry interval", ("H-22",))

CODES = (
    BAD_NAME,
    OLD_HOST_NAME,
    DUPLICATE_NAME,
    MANY_TRIGGERS,
    NO_TRIGGER,
    RETURN_DIRECTION,
    INOUT,
    NO_SCRIPT_FILE,
    NO_ENTRY_SCRIPT,
    RETRY,
)

# Binding-name rules of the host: from 4.1038 (host PR #10764) and before it. Hosts before 4.1038
# refuse underscores in v2 functions too: worker-indexed metadata goes through the same
# `Utility.ValidateBinding` (Azure/azure-functions-host @89dc438, release 4.1037:
# `Host/WorkerFunctionMetadataProvider.cs` `ValidateBindings`; `Utility.cs`
# `BindingNameValidationRegex`), and v2 apps ran on those hosts since worker indexing.
NAME_CURRENT = re.compile(r"^(?!.*__)([a-zA-Z_][a-zA-Z0-9_]{0,127}|\$return)$", re.IGNORECASE)
NAME_OLD = re.compile(r"^([a-zA-Z][a-zA-Z0-9]{0,127}|\$return)$", re.IGNORECASE)


def check_function_semantics(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """Every load-time rule of one function.json."""
    if fn.root_object is None or fn.document is None:
        return []
    problems: list[Problem] = []
    problems += _names(fn)
    problems += _triggers(fn)
    problems += _directions(fn)
    problems += binding_type_checks.check_types(ctx, fn)
    problems += _script(ctx, fn)
    problems += _retry(fn)
    return problems


# -- names -----------------------------------------------------------------------------------------
def _camel(name: str) -> str:
    parts = [p for p in name.split("_") if p]
    if not parts:
        return "binding"
    text = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    if not text[:1].isalpha():
        text = "b" + text
    return text


def _names(fn: FunctionInfo) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Binding] = {}
    for binding in fn.bindings:
        name = binding.name
        if name is None or name == "":
            continue  # missing/empty: the schema layer reports it
        node = binding.prop("name")
        assert node is not None and node.value is not None
        span = node_span(node.value)
        if name.lower() == "$return" and name != "$return":
            problems.append(
                make_problem(
                    BAD_NAME,
                    f"Write '$return' in lower case: the Python worker only recognises '$return' "
                    f"exactly, so '{name}' is not bound to the return value.",
                    fn.json_path,
                    span,
                    fixes=(change_to(fn.json_path, node.value, "$return", safe=True),),
                )
            )
        elif not NAME_CURRENT.match(name):
            problems.append(
                make_problem(
                    BAD_NAME,
                    f"The binding name '{name}' is invalid: {_name_reason(name)} The host does not "
                    f"load function '{fn.name}'.",
                    fn.json_path,
                    span,
                )
            )
        elif not NAME_OLD.match(name):
            better = _camel(name)
            problems.append(
                make_problem(
                    OLD_HOST_NAME,
                    f"The binding name '{name}' has an underscore: hosts before 4.1038 reject it "
                    f"('The binding name {name} is invalid'). Use '{better}' if the app may run "
                    f"on an older host (rename {'arg_name and ' if fn.is_v2 else ''}the Python "
                    "parameter too).",
                    fn.json_path,
                    span,
                )
            )
        key = name.lower()
        first = seen.get(key)
        if first is not None:
            first_node = first.prop("name")
            assert first_node is not None and first_node.value is not None
            problems.append(
                make_problem(
                    DUPLICATE_NAME,
                    f"Multiple bindings with name '{name}' in function '{fn.name}' "
                    f"(names are compared ignoring case; the first is '{first.name}'). Binding "
                    "names must be unique.",
                    fn.json_path,
                    span,
                    related=(
                        related_at(fn.json_path, node_span(first_node.value), "first binding"),
                    ),
                )
            )
        else:
            seen[key] = binding
    return problems


def _name_reason(name: str) -> str:
    if "__" in name:
        return "a double underscore is not allowed."
    if not (name[:1].isascii() and (name[:1].isalpha() or name[:1] == "_")):
        return "it must start with a letter or '_'."
    if len(name) > 128:
        return "it is longer than 128 characters."
    bad = sorted({c for c in name if not (c.isascii() and (c.isalnum() or c == "_"))})
    return (
        "it may only hold letters, digits and '_' (found " + " ".join(repr(c) for c in bad) + ")."
    )


# -- triggers and directions ----------------------------------------------------------------------
def _triggers(fn: FunctionInfo) -> list[Problem]:
    if fn.is_v2:
        return []  # the decorators' own rules (FUNC702, FUNC703) say it in their terms
    if not fn.bindings:
        return []  # no bindings: the schema layer reports it
    triggers = [b for b in fn.bindings if b.is_trigger]
    problems: list[Problem] = []
    if len(triggers) > 1:
        first = triggers[0]
        for extra in triggers[1:]:
            problems.append(
                make_problem(
                    MANY_TRIGGERS,
                    f"Multiple trigger bindings in function '{fn.name}': '{extra.type}' "
                    f"('{extra.name}') and '{first.type}' ('{first.name}'). A function can only "
                    "have a single trigger binding.",
                    fn.json_path,
                    extra.head_span(),
                    related=(related_at(fn.json_path, first.head_span(), "the first trigger"),),
                )
            )
    if triggers:
        return problems
    outbound = [
        b
        for b in fn.bindings
        if (b.type or "").lower().endswith("trigger") and b.is_trigger is False
    ]
    if outbound:
        binding = outbound[0]
        direction = binding.prop("direction")
        span = binding.anchor("direction")
        fixes: tuple[Fix, ...] = ()
        if direction is not None and isinstance(direction.value, JsonString):
            fixes = (
                Fix(
                    "Change direction to 'in'",
                    (replace_node(fn.json_path, direction.value, "in"),),
                    True,
                    safe=True,
                ),
            )
        problems.append(
            make_problem(
                NO_TRIGGER,
                f"'{binding.type}' is a trigger, but direction 'out' makes it an output: function "
                f"'{fn.name}' has no trigger binding. A trigger's direction must be 'in'.",
                fn.json_path,
                span,
                fixes=fixes,
            )
        )
        return problems
    prop = fn.top_level("bindings")
    span = Span(prop.key.start, prop.key.end) if prop is not None else head_span(fn)
    problems.append(
        make_problem(
            NO_TRIGGER,
            f"No trigger binding in function '{fn.name}': a function needs exactly one binding "
            "whose type ends in 'Trigger' (httpTrigger, timerTrigger, queueTrigger...).",
            fn.json_path,
            span,
        )
    )
    return problems


def _directions(fn: FunctionInfo) -> list[Problem]:
    problems: list[Problem] = []
    for binding in fn.bindings:
        direction = binding.direction
        if direction is None:
            continue
        node = binding.prop("direction")
        assert node is not None and isinstance(node.value, JsonString)
        lowered = direction.strip().lower()
        if (binding.name or "").lower() == "$return" and lowered != "out":
            problems.append(
                make_problem(
                    RETURN_DIRECTION,
                    f"'$return' bindings must specify a direction of 'out' (the {binding.type} "
                    f"binding has '{direction}').",
                    fn.json_path,
                    node_span(node.value),
                    fixes=(
                        Fix(
                            "Change direction to 'out'",
                            (replace_node(fn.json_path, node.value, "out"),),
                            True,
                            safe=True,
                        ),
                    ),
                )
            )
        elif lowered == "inout":
            problems.append(
                make_problem(
                    INOUT,
                    f'"inout" bindings are not supported by the Python worker (binding '
                    f"'{binding.name}'): use an 'in' binding to read and a separate 'out' "
                    "binding to write.",
                    fn.json_path,
                    node_span(node.value),
                )
            )
    return problems


# -- entry script ----------------------------------------------------------------------------------
def _script(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    root = fn.root_object
    document = fn.document
    assert root is not None and document is not None
    prop = root.get("scriptFile")
    if fn.script_declared:
        assert prop is not None and isinstance(prop.value, JsonString)
        if fn.script_path and ctx.workspace.sources.exists(fn.script_path):
            return []
        python = [
            n
            for n in ctx.workspace.sources.list_dir(fn.folder)
            if n.endswith(".py") and ctx.workspace.sources.exists(os.path.join(fn.folder, n))
        ]
        close = difflib.get_close_matches(fn.script_declared, python, n=1, cutoff=0.5)
        if not close and len(python) == 1:
            close = python
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return [
            make_problem(
                NO_SCRIPT_FILE,
                f"'scriptFile' is set to '{fn.script_declared}', which does not exist in "
                f"function '{fn.name}' (paths are relative to the function folder).{hint}",
                fn.json_path,
                node_span(prop.value),
                fixes=tuple(change_to(fn.json_path, prop.value, c) for c in close),
            )
        ]
    if prop is not None or fn.script_path is not None:
        return []  # an empty or non-string scriptFile is the schema layer's
    candidates = fn.script_candidates
    python = [c for c in candidates if c.endswith(".py")]
    if not candidates:
        detail = "the folder holds no script file"
    else:
        shown = ", ".join(f"'{c}'" for c in candidates[:5])
        more = f" and {len(candidates) - 5} more" if len(candidates) > 5 else ""
        detail = f"the folder holds {shown}{more}, none of them named __init__.py or run.*"
    fixes: list[Fix] = []
    if len(python) == 1:
        edit = insert_property(fn.json_path, document.text, root, "scriptFile", python[0])
        if edit is not None:
            # The folder's only Python file: the one script the function can mean.
            fixes.append(Fix(f'Set "scriptFile": "{python[0]}"', (edit,), True, safe=True))
    return [
        make_problem(
            NO_ENTRY_SCRIPT,
            f"Unable to determine the primary script of function '{fn.name}': {detail}. Name the "
            "entry script __init__.py or set 'scriptFile'.",
            fn.json_path,
            head_span(fn),
            fixes=tuple(fixes),
        )
    ]


# -- retry -----------------------------------------------------------------------------------------
def _retry(fn: FunctionInfo) -> list[Problem]:
    node = fn.root_object.get_value("retry") if fn.root_object is not None else None
    if not isinstance(node, JsonObject):
        return []
    problems: list[Problem] = []
    parsed: dict[str, timedelta] = {}
    for key in ("delayInterval", "minimumInterval", "maximumInterval"):
        value = node.get_value(key)
        if not isinstance(value, JsonString):
            continue
        result = parse_timespan(value.value)
        if isinstance(result, TimeSpanError):
            continue  # the schema's pattern reports malformed intervals
        parsed[key] = result
        if result < timedelta(0):
            problems.append(
                make_problem(
                    RETRY,
                    f"retry '{key}' must not be negative.",
                    fn.json_path,
                    node_span(value),
                )
            )
    low, high = parsed.get("minimumInterval"), parsed.get("maximumInterval")
    strategy = (node.get_string("strategy") or "").lower()
    if low is not None and high is not None and low > high and strategy != "fixeddelay":
        value = node.get_value("minimumInterval")
        assert value is not None
        problems.append(
            make_problem(
                RETRY,
                "retry 'minimumInterval' is longer than 'maximumInterval': the host rejects the "
                "exponential backoff policy.",
                fn.json_path,
                node_span(value),
            )
        )
    return problems
