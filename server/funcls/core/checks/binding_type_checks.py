"""Binding types in function.json (H-23, H-24, W-30): known, spelled the way the Python worker
needs, provided by the declared extension bundle (or built into the host), and written with the
property names of the runtime and extension version that bundle carries.

Part of the function.json load-time rules: `function_semantics.check_function_semantics` calls
`check_types` for each function.
"""

from __future__ import annotations

from dataclasses import dataclass

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.checks.bundle_fixes import add_bundle_fix
from funcls.core.checks.common import related_at
from funcls.core.edits.json_edits import change_to, rename_key
from funcls.core.jsontree import JsonProperty, JsonString
from funcls.core.knowledge import binding_types
from funcls.core.knowledge.bundles import BundleState, bundle_state, provides
from funcls.core.problems import Code, Fix, Problem, Related, Severity, Span, make_problem
from funcls.core.spans import node_span

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
UNDESCRIBED_TYPE = Code("FUNC126", Severity.WARNING, "Binding type unknown to funcls", ("H-23",))
RENAMED_IGNORED = Code(
    "FUNC127",
    Severity.WARNING,
    "Property name of another runtime or extension version: ignored",
    ("H-24",),
)

CODES = (
    UNKNOWN_TYPE,
    TYPE_CASING,
    TYPE_CASING_HINT,
    NOT_REGISTERED,
    LEGACY_TYPE,
    RENAMED_NAMES,
    UNDESCRIBED_TYPE,
    RENAMED_IGNORED,
)


# -- types -----------------------------------------------------------------------------------------
def check_types(ctx: CheckContext, fn: FunctionInfo) -> list[Problem]:
    """The binding-type rules for every binding of one function."""
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
    return change_to(fn.json_path, value, new_type, safe=safe)


def _casing(
    fn: FunctionInfo, binding: Binding, value: JsonString, known: binding_types.BindingType
) -> Problem:
    code = TYPE_CASING if known.has_converter else TYPE_CASING_HINT
    if known.has_converter:
        message = (
            f"Write '{known.name}', not '{value.value}': the host ignores case, but the Python "
            f"worker looks converters up by the exact type, so binding '{binding.name}' gets its "
            f"generic binding instead of the {known.name} converter: the value arrives as raw "
            "str/bytes, and only str or bytes annotations (Out[str]/Out[bytes] for an output) "
            "load."
        )
    else:
        message = (
            f"'{value.value}' is read as '{known.name}' (the host ignores case); '{known.name}' is "
            "the canonical spelling."
        )
    fix = _type_fix(fn, value, known.name, safe=True)
    return make_problem(code, message, fn.json_path, node_span(value), fixes=(fix,))


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
        verdict = _era(rename, major, state)
        if verdict is None:
            continue
        prop = keys.get(verdict.wrong.lower())
        if prop is not None:
            also_set = verdict.right.lower() in keys
            problems.append(_rename_problem(fn, binding, rename, verdict, prop, also_set, related))
    return problems


@dataclass(frozen=True)
class _Verdict:
    """Which of a rename's two names is wrong under the bundle the host loads, and why."""

    wrong: str
    right: str
    effect: str  # what the extension does with the wrong name alone (see `Rename`)
    era: str  # the era the wrong name belongs to
    reader: str  # who reads the right name


def _era(rename: binding_types.Rename, major: int | None, state: BundleState) -> _Verdict | None:
    """The verdict on a rename under bundle major `major` (None: no verdict without a bundle,
    unless the rename came with runtime 2.x)."""
    if rename.bundle_major is None or (major is not None and major >= rename.bundle_major):
        # The loaded extension reads the new name.
        if rename.bundle_major is None:
            reader = f"{rename.since} and later read '{rename.new}'"
        else:
            reader = f"bundle {state.range_text} loads {rename.since}, which reads '{rename.new}'"
        return _Verdict(rename.old, rename.new, rename.when_old_alone, rename.before, reader)
    if major is not None:
        reader = f"bundle {state.range_text} loads {rename.before}, which reads '{rename.old}'"
        return _Verdict(rename.new, rename.old, rename.when_new_alone, rename.since, reader)
    return None


def _rename_problem(
    fn: FunctionInfo,
    binding: Binding,
    rename: binding_types.Rename,
    verdict: _Verdict,
    prop: JsonProperty,
    also_set: bool,
    related: tuple[Related, ...],
) -> Problem:
    """The problem of a property written with the wrong era's name."""
    wrong, right, reader, name = verdict.wrong, verdict.right, verdict.reader, prop.key.value
    span = Span(prop.key.start, prop.key.end)
    if also_set:
        return make_problem(
            RENAMED_IGNORED,
            f"'{name}' is the {verdict.era} name of '{right}', which is also set: "
            f"{reader}, so '{name}' is ignored. Remove it.",
            fn.json_path,
            span,
            related=related,
        )
    # Old -> new under the extension that reads the new name is the one evident repair (safe
    # for --fix); the reverse may be better solved by a newer bundle.
    fix = Fix(
        f"Rename to '{right}'",
        (rename_key(fn.json_path, prop.key, right),),
        wrong == rename.old,
        safe=wrong == rename.old,
    )
    head = f"'{name}' is the {verdict.era} name of '{right}': {reader}"
    if verdict.effect == "indexing":
        code = RENAMED_NAMES
        message = (
            f"{head}, and without it the host cannot index binding '{binding.name}' "
            '("Unable to configure binding ... Can\'t figure out which ctor to call.").'
        )
    elif verdict.effect == "invocation":
        code = RENAMED_NAMES
        message = (
            f"{head}; '{name}' is ignored, so '{right}' is never set and every "
            f"invocation of function '{fn.name}' fails."
        )
    else:
        code = RENAMED_IGNORED
        fallback = f" and {rename.fallback} applies" if rename.fallback else ""
        message = f"{head}; '{name}' is ignored{fallback}. Rename it to '{right}'."
    if wrong == rename.new:
        message += f" Or move to bundle {binding_types.DEFAULT_BUNDLE_RANGE} and keep '{wrong}'."
    return make_problem(code, message, fn.json_path, span, related=related, fixes=(fix,))
