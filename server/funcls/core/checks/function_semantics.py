"""function.json semantics the host and the Python worker enforce at load (H-13..H-24, W-10, W-30).

Binding names (the current host's rule and the older one), uniqueness ignoring case, exactly one
trigger, `$return` only as an output, no `inout`, binding types known and provided by the
declared extension bundle (spelled the way the Python worker needs), property names of the
runtime and extension version the bundle carries, the entry script the host can find, retry
intervals.
Missing keys, wrong JSON types and bad enum values are the schema layer's (FUNC010-017).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from datetime import timedelta

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.checks import binding_types
from funcls.core.checks.base import CheckContext
from funcls.core.checks.bundles import BundleState, add_bundle_fix, bundle_state, provides
from funcls.core.checks.common import head_span, node_span, related_at
from funcls.core.checks.json_edits import insert_property, rename_key, replace_node
from funcls.core.jsontree import JsonObject, JsonString
from funcls.core.problems import Code, Fix, Problem, Related, Severity, Span, make_problem
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
UNKNOWN_TYPE = Code("FUNC117", Severity.ERROR, "Unknown binding type (typo)", ("H-23",))
TYPE_CASING = Code(
    "FUNC118",
    Severity.WARNING,
    "Binding type spelled with other casing: the Python worker uses its generic binding",
    ("W-30",),
)
TYPE_CASING_HINT = Code(
    "FUNC119", Severity.HINT, "Binding type spelled with other casing", ("W-30",)
)
NOT_REGISTERED = Code(
    "FUNC120",
    Severity.ERROR,
    "Binding type not provided by the declared extension bundle",
    ("H-23",),
)
LEGACY_TYPE = Code("FUNC121", Severity.INFORMATION, "Legacy binding type name", ("H-23",))
RENAMED_NAMES = Code(
    "FUNC122",
    Severity.ERROR,
    "Property name of another runtime or extension version: the binding fails",
    ("H-24",),
)
NO_SCRIPT_FILE = Code("FUNC123", Severity.ERROR, "'scriptFile' does not exist", ("H-20",))
NO_ENTRY_SCRIPT = Code(
    "FUNC124", Severity.ERROR, "The host cannot determine the entry script", ("H-21",)
)
RETRY = Code("FUNC125", Severity.ERROR, "Invalid retry interval", ("H-22",))
UNDESCRIBED_TYPE = Code("FUNC126", Severity.WARNING, "Binding type unknown to funcls", ("H-23",))
RENAMED_IGNORED = Code(
    "FUNC127",
    Severity.WARNING,
    "Property name of another runtime or extension version: ignored",
    ("H-24",),
)

CODES = (
    BAD_NAME,
    OLD_HOST_NAME,
    DUPLICATE_NAME,
    MANY_TRIGGERS,
    NO_TRIGGER,
    RETURN_DIRECTION,
    INOUT,
    UNKNOWN_TYPE,
    TYPE_CASING,
    TYPE_CASING_HINT,
    NOT_REGISTERED,
    LEGACY_TYPE,
    RENAMED_NAMES,
    NO_SCRIPT_FILE,
    NO_ENTRY_SCRIPT,
    RETRY,
    UNDESCRIBED_TYPE,
    RENAMED_IGNORED,
)

# Binding-name rules of the host: from 4.1038 (host PR #10764) and before it.
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
    problems += _types(ctx, fn)
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
                    fixes=(
                        Fix(
                            "Change to '$return'",
                            (replace_node(fn.json_path, node.value, "$return"),),
                            True,
                            safe=True,
                        ),
                    ),
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
                    "on an older host (rename the Python parameter too).",
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


# -- types -----------------------------------------------------------------------------------------
def _types(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    problems: list[Problem] = []
    state = bundle_state(ctx.workspace, ctx.app) if ctx.app is not None else None
    for binding in fn.bindings:
        type_name = binding.type
        prop = binding.prop("type")
        if type_name is None or not type_name.strip() or prop is None:
            continue
        assert isinstance(prop.value, JsonString)
        value = prop.value
        known = binding_types.exact(type_name)
        if known is None:
            folded = binding_types.ignoring_case(type_name)
            if folded is not None:
                problems.append(_casing(fn, binding, value, folded))
                known = folded
            else:
                problems += _unknown(ctx, fn, binding, value, state)
                continue
        if state is not None and state.below_minimum is None:
            # Below the host's minimum bundle the host does not start at all (FUNC403 says so
            # once on host.json): no per-binding verdicts.
            problems += _availability(ctx, fn, binding, value, known, state)
            problems += _renamed_names(fn, binding, known, state)
        if known.legacy and known.renamed_to and known.bundle_ids:
            problems.append(
                make_problem(
                    LEGACY_TYPE,
                    f"'{type_name}' is a legacy name: {known.legacy}",
                    fn.json_path,
                    node_span(value),
                    fixes=(_type_fix(fn, value, known.renamed_to, safe=True),),
                    deprecated=True,
                )
            )
    return problems


def _type_fix(fn: FunctionInfo, value: JsonString, new_type: str, *, safe: bool = False) -> Fix:
    edit = replace_node(fn.json_path, value, new_type)
    return Fix(f"Change to '{new_type}'", (edit,), True, safe=safe)


def _casing(
    fn: FunctionInfo, binding: Binding, value: JsonString, known: binding_types.BindingType
) -> Problem:
    if known.has_converter:
        return make_problem(
            TYPE_CASING,
            f"Write '{known.name}', not '{value.value}': the host ignores case, but the Python "
            f"worker looks converters up by the exact type, so binding '{binding.name}' gets its "
            f"generic binding instead of the {known.name} converter: the value arrives as raw "
            "str/bytes, and only str or bytes annotations (Out[str]/Out[bytes] for an output) "
            "load.",
            fn.json_path,
            node_span(value),
            fixes=(_type_fix(fn, value, known.name, safe=True),),
        )
    return make_problem(
        TYPE_CASING_HINT,
        f"'{value.value}' is read as '{known.name}' (the host ignores case); '{known.name}' is the "
        "canonical spelling.",
        fn.json_path,
        node_span(value),
        fixes=(_type_fix(fn, value, known.name, safe=True),),
    )


def _unknown(
    ctx: CheckContext,
    fn: FunctionInfo,
    binding: Binding,
    value: JsonString,
    state: BundleState | None,
) -> list[Problem]:
    type_name = value.value
    suggestions = binding_types.suggest(type_name)
    if suggestions:
        listed = " or ".join(f"'{s}'" for s in suggestions)
        return [
            make_problem(
                UNKNOWN_TYPE,
                f"Unknown binding type '{type_name}' (binding '{binding.name}'). Did you mean "
                f"{listed}?",
                fn.json_path,
                node_span(value),
                fixes=tuple(_type_fix(fn, value, s) for s in suggestions),
            )
        ]
    if state is not None and not state.present and state.project is None:
        # (With extensions.csproj a type funcls does not know may come from a package it
        # references: FUNC126 below, not an error.)
        fix = add_bundle_fix(ctx.workspace, state)
        return [
            make_problem(
                NOT_REGISTERED,
                f"The binding type '{type_name}' is not registered: it is not built into the host "
                "and host.json declares no extensionBundle.",
                fn.json_path,
                node_span(value),
                fixes=(fix,) if fix else (),
            )
        ]
    return [
        make_problem(
            UNDESCRIBED_TYPE,
            f"funcls does not know the binding type '{type_name}'; unless the extension bundle "
            "provides it, the host fails with \"The binding type(s) '"
            f"{type_name}' were not found in the configured extension bundle\".",
            fn.json_path,
            node_span(value),
        )
    ]


def _availability(
    ctx: CheckContext,
    fn: FunctionInfo,
    binding: Binding,
    value: JsonString,
    known: binding_types.BindingType,
    state: BundleState,
) -> list[Problem]:
    ok, reason = provides(state, known)
    if ok is not False:
        return []
    fixes: list[Fix] = []
    if known.renamed_to and not known.bundle_ids:
        fixes.append(_type_fix(fn, value, known.renamed_to, safe=True))
    elif known.bundle_ids:
        fix = add_bundle_fix(ctx.workspace, state)
        if fix is not None and (not state.present or known.min_major is not None):
            fixes.append(fix)
    related: tuple[Related, ...] = ()
    if state.present:
        related = (related_at(state.host.path, state.bundle_span(), "the extension bundle"),)
    hint = f" {known.legacy}" if known.legacy else ""
    return [
        make_problem(
            NOT_REGISTERED,
            f"The binding type '{value.value}' (binding '{binding.name}') is not available: "
            f"{reason}.{hint}",
            fn.json_path,
            node_span(value),
            related=related,
            fixes=tuple(fixes),
        )
    ]


def _renamed_names(
    fn: FunctionInfo, binding: Binding, known: binding_types.BindingType, state: BundleState
) -> list[Problem]:
    """Property names of another era than the one the host loads (H-24).

    Each rename carries its own era (runtime 1.x -> 2.x, or an extension major tied to a bundle
    major) and its own effect."""
    renames = known.renames()
    if not renames:
        return []
    major = state.effective_major if state.present else None
    keys = {prop.key.value.lower(): prop for prop in binding.node.properties}
    related: tuple[Related, ...] = ()
    if state.present:
        related = (related_at(state.host.path, state.bundle_span(), "the extension bundle"),)
    problems: list[Problem] = []
    for rename in renames:
        if rename.bundle_major is None or (major is not None and major >= rename.bundle_major):
            # The loaded extension reads the new name.
            if rename.bundle_major is None:
                reader = f"{rename.since} and later read '{rename.new}'"
            else:
                reader = (
                    f"bundle {state.range_text} loads {rename.since}, which reads '{rename.new}'"
                )
            wrong, right, effect = rename.old, rename.new, rename.when_old_alone
            era = rename.before
        elif major is not None:
            reader = f"bundle {state.range_text} loads {rename.before}, which reads '{rename.old}'"
            wrong, right, effect = rename.new, rename.old, rename.when_new_alone
            era = rename.since
        else:
            continue
        prop = keys.get(wrong.lower())
        if prop is None:
            continue
        span = Span(prop.key.start, prop.key.end)
        # Old -> new under the extension that reads the new name is the one evident repair
        # (safe for --fix); the reverse may be better solved by a newer bundle.
        fix = Fix(
            f"Rename to '{right}'",
            (rename_key(fn.json_path, prop.key, right),),
            wrong == rename.old,
            safe=wrong == rename.old,
        )
        if right.lower() in keys:
            problems.append(
                make_problem(
                    RENAMED_IGNORED,
                    f"'{prop.key.value}' is the {era} name of '{right}', which is also set: "
                    f"{reader}, so '{prop.key.value}' is ignored. Remove it.",
                    fn.json_path,
                    span,
                    related=related,
                )
            )
            continue
        head = f"'{prop.key.value}' is the {era} name of '{right}': {reader}"
        if effect == "indexing":
            code = RENAMED_NAMES
            message = (
                f"{head}, and without it the host cannot index binding '{binding.name}' "
                '("Unable to configure binding ... Can\'t figure out which ctor to call.").'
            )
        elif effect == "invocation":
            code = RENAMED_NAMES
            message = (
                f"{head}; '{prop.key.value}' is ignored, so '{right}' is never set and every "
                f"invocation of function '{fn.name}' fails."
            )
        else:
            code = RENAMED_IGNORED
            fallback = f" and {rename.fallback} applies" if rename.fallback else ""
            message = f"{head}; '{prop.key.value}' is ignored{fallback}. Rename it to '{right}'."
        if wrong == rename.new:
            newest = binding_types.DEFAULT_BUNDLE_RANGE
            message += f" Or move to bundle {newest} and keep '{wrong}'."
        problems.append(
            make_problem(code, message, fn.json_path, span, related=related, fixes=(fix,))
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
                fixes=tuple(
                    Fix(
                        f"Change to '{c}'",
                        (replace_node(fn.json_path, prop.value, c),),
                        True,
                    )
                    for c in close
                ),
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
