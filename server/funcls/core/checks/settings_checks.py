"""App settings and connections named by bindings (H-26, H-27, C-09, L-01, L-03); the storage
the app needs as a whole (C-08) is `app_storage_checks`.

Every binding property that names a setting (`x-appSetting` in the schema) and every `%Setting%`
reference is resolved against local.settings.json the way the host resolves it
(`setting_resolution`). Severities follow the runtime: an unresolved `%Setting%` fails indexing
(error); a connection missing locally is what Core Tools warns about (warning: it may be defined
in Azure). A secret pasted where a setting NAME belongs is reported without echoing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import add_setting_fix, related_at
from funcls.core.edits.json_edits import change_to, replace_node
from funcls.core.jsontree import JsonString
from funcls.core.problems import Code, Fix, Problem, Related, Severity, Span, make_problem
from funcls.core.setting_resolution import (
    CONNECTION_STRINGS,
    Resolution,
    SettingsIndex,
    SettingUse,
    binding_type_of,
    literal_or_name,
    looks_like_secret,
    setting_modes,
    setting_uses,
    settings_index,
)
from funcls.core.spans import node_span
from funcls.core.values.expressions import find_setting_refs

UNRESOLVED = Code(
    "FUNC510", Severity.ERROR, "'%Setting%' does not resolve to a value", ("H-26", "C-04")
)
MISSING_CONNECTION = Code(
    "FUNC511",
    Severity.WARNING,
    "Setting named by a binding is not defined locally",
    ("H-27", "C-09"),
)
EMPTY_CONNECTION = Code(
    "FUNC512", Severity.WARNING, "Setting named by a binding is empty locally", ("C-04", "C-09")
)
SECRET_IN_NAME = Code(
    "FUNC513",
    Severity.ERROR,
    "A connection string or URL where an app-setting name belongs",
    ("H-27",),
)
PERCENT_IN_NAME = Code(
    "FUNC514", Severity.WARNING, "'%...%' in a property that already names a setting", ("H-27",)
)
VIA_CONNECTION_STRINGS = Code(
    "FUNC515",
    Severity.INFORMATION,
    "Binding connection defined under ConnectionStrings instead of Values",
    ("L-01",),
)

CODES = (
    UNRESOLVED,
    MISSING_CONNECTION,
    EMPTY_CONNECTION,
    SECRET_IN_NAME,
    PERCENT_IN_NAME,
    VIA_CONNECTION_STRINGS,
)


_FAMILY_NAMES = {
    "storage-blob": "StorageConnection",
    "storage-queue": "StorageConnection",
    "storage-table": "StorageConnection",
    "servicebus": "ServiceBusConnection",
    "eventhubs": "EventHubConnection",
    "cosmosdb": "CosmosDBConnection",
    "eventgrid": "EventGridConnection",
    "signalr": "AzureSignalRConnectionString",
    "sql": "SqlConnectionString",
}


def _resolution(index: SettingsIndex, use: SettingUse) -> Resolution:
    if use.kind == "percent":
        return index.resolve_setting(use.name)
    return index.resolve_connection(use.name)


# -- the function check ------------------------------------------------------------------------
def check_function_settings(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """Resolve every setting one function's bindings name (a function check, so an edit of
    another function does not re-run it)."""
    if ctx.app is None:
        return []
    index = settings_index(ctx.workspace, ctx.app.root)
    problems = _name_values(ctx, fn, index)
    if index.exists:
        for use in setting_uses(fn):
            problems += _check_use(ctx, use, index)
    return problems


def _name_values(ctx: CheckContext, fn: FunctionInfo, index: SettingsIndex) -> list[Problem]:
    """Values of name-typed properties that hold a secret or a `%...%` reference."""
    problems: list[Problem] = []
    for binding in fn.bindings:
        modes = setting_modes(binding)
        for prop in binding.node.properties:
            value = prop.value
            key = prop.key.value
            if modes.get(key.lower()) != "name" or not isinstance(value, JsonString):
                continue
            if literal_or_name(binding, key.lower(), value.value):
                continue
            text = value.value
            if "%" in text:
                refs, _ = find_setting_refs(text)
                inner = refs[0].name if refs else text.strip("%")
                fixes: tuple[Fix, ...] = ()
                if refs and len(refs) == 1 and refs[0].start == 0 and refs[0].end == len(text):
                    fixes = (change_to(fn.json_path, value, inner),)
                problems.append(
                    make_problem(
                        PERCENT_IN_NAME,
                        f"'{key}' of binding '{binding.name}' already names an app setting: write "
                        f"the name without '%' ('{inner}'); the host looks the value up as a "
                        "setting name.",
                        fn.json_path,
                        node_span(value),
                        fixes=fixes,
                    )
                )
            elif looks_like_secret(text):
                problems.append(_secret_problem(ctx, fn, binding, key, value, index))
    return problems


def _secret_problem(
    ctx: CheckContext,
    fn: FunctionInfo,
    binding: Binding,
    key: str,
    value: JsonString,
    index: SettingsIndex,
) -> Problem:
    is_url = "://" in value.value and "=" not in value.value
    what = "an endpoint URL" if is_url else "a connection string"
    message = (
        f"'{key}' of binding '{binding.name}' must be the NAME of an app setting, but it holds "
        f"{what}: the host then finds no setting and the function fails to index. Put the value "
        "in an app setting (local.settings.json Values locally) and write its name here."
    )
    if is_url:
        message += (
            " For an identity-based connection, define '<Name>__serviceUri' (or the "
            "service's own '__...' key) and write <Name>."
        )
    fixes: tuple[Fix, ...] = ()
    app = ctx.app
    if app is not None and index.exists and not is_url:
        known = binding_type_of(binding)
        family = str(known.definition.get("x-family", "")) if known else ""
        name = _FAMILY_NAMES.get(
            family,
            f"{(binding.type or 'Binding')[:1].upper()}{(binding.type or 'binding')[1:]}Connection",
        )
        if not index.definitions_named(name):
            add = add_setting_fix(ctx.workspace, app.root, name, value.value)
            if add is not None:
                fixes = (
                    Fix(
                        f"Move the value to local.settings.json as '{name}'",
                        (*add.edits, replace_node(fn.json_path, value, name)),
                        True,
                    ),
                )
    return make_problem(SECRET_IN_NAME, message, fn.json_path, node_span(value), fixes=fixes)


def _check_use(ctx: CheckContext, use: SettingUse, index: SettingsIndex) -> list[Problem]:
    """The problem of one setting a binding names, resolved as the host resolves it."""
    resolution = _resolution(index, use)
    if resolution.resolved:
        return _resolved_use(use, resolution)
    related: tuple[Related, ...] = tuple(
        related_at(d.path, d.key_span, "defined here with an empty value") for d in resolution.empty
    )
    if use.kind == "percent":
        return [_unresolved_reference(ctx, use, index, resolution, related)]
    return [_missing_connection(ctx, use, index, resolution, related)]


def _resolved_use(use: SettingUse, resolution: Resolution) -> list[Problem]:
    """A connection found only under ConnectionStrings, which bindings do not read in Azure."""
    definition = resolution.definition
    if use.kind != "connection" or definition is None or definition.section != CONNECTION_STRINGS:
        return []
    return [
        make_problem(
            VIA_CONNECTION_STRINGS,
            f"'{use.name}' (binding '{use.binding.name}') is found under ConnectionStrings "
            "in local.settings.json; binding connections belong in Values (and in the "
            "app's Application settings in Azure).",
            use.fn.json_path,
            use.span,
            related=(related_at(definition.path, definition.key_span, "the connection string"),),
        )
    ]


def _unresolved_reference(
    ctx: CheckContext,
    use: SettingUse,
    index: SettingsIndex,
    resolution: Resolution,
    related: tuple[Related, ...],
) -> Problem:
    """A `%Setting%` without a value: the function fails to index."""
    assert ctx.app is not None
    fn = use.fn
    fixes: tuple[Fix, ...] = ()
    if resolution.empty:
        message = (
            f"'%{use.name}%' does not resolve to a value: local.settings.json defines "
            f"'{use.name}' with an empty value, which Core Tools skips. Fill it in; function "
            f"'{fn.name}' fails to index until then."
        )
    else:
        message = (
            f"'%{use.name}%' does not resolve to a value: local.settings.json has no setting "
            f"'{use.name}', so function '{fn.name}' fails to index. Add it (and to the app's "
            "settings in Azure)."
        )
        fix = add_setting_fix(ctx.workspace, ctx.app.root, use.name)
        fixes = (fix,) if fix else ()
        misplaced = _misplaced(ctx, index, use.name)
        if misplaced is not None:
            message = (
                f"'%{use.name}%' does not resolve to a value: local.settings.json has "
                f"'{use.name}' at the top level, where Core Tools ignores it, so function "
                f"'{fn.name}' fails to index. Move it into Values."
            )
            related += (misplaced,)
            fixes = ()
    return make_problem(UNRESOLVED, message, fn.json_path, use.span, related=related, fixes=fixes)


def _missing_connection(
    ctx: CheckContext,
    use: SettingUse,
    index: SettingsIndex,
    resolution: Resolution,
    related: tuple[Related, ...],
) -> Problem:
    """A setting a binding names that is empty or missing locally."""
    assert ctx.app is not None
    fn, binding = use.fn, use.binding
    subject = (
        f"'{use.prop}' of binding '{binding.name}' is not set, so the {binding.type} extension "
        f"uses '{use.name}'"
        if use.default
        else f"'{use.name}' (binding '{binding.name}', property '{use.prop}')"
    )
    if resolution.empty:
        return make_problem(
            EMPTY_CONNECTION,
            f"{subject}: local.settings.json defines it with an empty value, which Core Tools "
            "skips. Fill in the value.",
            fn.json_path,
            use.span,
            related=related,
        )
    tried = ", ".join(
        f"'{t}'"
        for t in dict.fromkeys(resolution.tried)
        if not t.startswith((CONNECTION_STRINGS, "AzureWebJobsAzureWebJobs"))
    )
    fix = add_setting_fix(ctx.workspace, ctx.app.root, use.name)
    message = (
        f"{subject}: no setting found in local.settings.json (looked for {tried} and an "
        f"identity-based '{use.name}__...' section). Define it locally, and in the app's "
        "settings in Azure."
    )
    misplaced = _misplaced(ctx, index, use.name)
    if misplaced is not None:
        message = (
            f"{subject}: local.settings.json has '{use.name}' at the top level, where Core Tools "
            "ignores it; move it into Values."
        )
        related += (misplaced,)
        fix = None
    return make_problem(
        MISSING_CONNECTION,
        message,
        fn.json_path,
        use.span,
        related=related,
        fixes=(fix,) if fix else (),
    )


def _misplaced(ctx: CheckContext, index: SettingsIndex, name: str) -> Related | None:
    """A top-level key of local.settings.json named like the setting (outside `Values`)."""
    root = ctx.workspace.json_object(index.local.path)
    if root is None:
        return None
    for prop in root.properties:
        if prop.key.value.lower() == name.lower() and prop.key.value.lower() not in (
            "values",
            "connectionstrings",
            "host",
            "isencrypted",
        ):
            return related_at(
                index.local.path,
                Span(prop.key.start, prop.key.end),
                "outside Values: invisible to the runtime",
            )
    return None
