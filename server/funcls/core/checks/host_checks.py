"""host.json semantics (validation-rules H-41..H-47, C-13, C-14): version, extension bundle,
timeout, runtime 1.x keys at the top level, and a leftover proxies.json."""

from __future__ import annotations

import os
from collections.abc import Iterable

from funcls.core.app_model import bindings_of
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import related_at
from funcls.core.edits.json_edits import (
    change_to,
    indent_unit,
    insert_first_property,
    insert_property,
    newline_of,
    remove_property,
    render_value,
    replace_node,
)
from funcls.core.jsontree import JsonNode, JsonNumber, JsonObject, JsonProperty, JsonString
from funcls.core.knowledge.bundles import (
    DEFAULT_BUNDLE,
    DEFAULT_BUNDLE_RANGE,
    LATEST_BUNDLE_MAJOR,
    below_host_minimum,
)
from funcls.core.knowledge.extensions_project import extensions_project
from funcls.core.problems import Code, Fix, Problem, Severity, Span, TextEdit, make_problem
from funcls.core.sources import SourceFile
from funcls.core.spans import content_span, node_span
from funcls.core.text import line_indent_at
from funcls.core.values.timespan import TimeSpanError, format_timespan, parse_function_timeout
from funcls.core.values.version_range import RangeError, VersionRange, parse_range

VERSION_MISSING = Code("FUNC400", Severity.ERROR, "host.json 'version' missing", ("H-42",))
VERSION_INVALID = Code("FUNC401", Severity.ERROR, "host.json 'version' is not \"2.0\"", ("H-43",))
BUNDLE_RANGE = Code(
    "FUNC402", Severity.ERROR, "extensionBundle 'version' is not a NuGet version range", ("H-44",)
)
BUNDLE_TOO_OLD = Code(
    "FUNC403",
    Severity.ERROR,
    "Extension bundle below the minimum version the v4 host accepts: the host does not start",
    ("H-23", "H-45"),
)
NO_BUNDLE = Code(
    "FUNC404", Severity.INFORMATION, "No extension bundle: only HTTP and timer bindings", ("H-23",)
)
OLD_BUNDLE = Code(
    "FUNC405",
    Severity.WARNING,
    "Outdated or open-ended extension bundle range",
    ("C-13", "H-23"),
)
TIMEOUT_INVALID = Code("FUNC406", Severity.ERROR, "Invalid functionTimeout", ("H-46",))
TIMEOUT_PLAN = Code(
    "FUNC407",
    Severity.INFORMATION,
    "functionTimeout beyond the Consumption plan's limit",
    ("H-46",),
)
V1_KEY = Code(
    "FUNC408",
    Severity.WARNING,
    "Runtime 1.x host.json key at the top level (ignored by v2+)",
    ("H-47",),
)
PROXIES = Code(
    "FUNC409", Severity.WARNING, "proxies.json: proxies are not supported on runtime v4", ("C-14",)
)

CODES = (
    VERSION_MISSING,
    VERSION_INVALID,
    BUNDLE_RANGE,
    BUNDLE_TOO_OLD,
    NO_BUNDLE,
    OLD_BUNDLE,
    TIMEOUT_INVALID,
    TIMEOUT_PLAN,
    V1_KEY,
    PROXIES,
)

PROXIES_JSON = "proxies.json"

# Runtime 1.x top-level extension sections -> their name under `extensions` in version 2.0.
V1_EXTENSION_KEYS: dict[str, str] = {
    "http": "http",
    "queues": "queues",
    "blobs": "blobs",
    "serviceBus": "serviceBus",
    "eventHub": "eventHubs",
    "eventHubs": "eventHubs",
    "sendGrid": "sendGrid",
    "documentDB": "cosmosDB",
    "cosmosDB": "cosmosDB",
    "durableTask": "durableTask",
    "notificationHubs": "notificationHubs",
}
# Other runtime 1.x keys and what replaced them.
V1_OTHER_KEYS: dict[str, str] = {
    "tracing": "runtime 1.x tracing settings; use 'logging' (logLevel, applicationInsights)",
    "logger": "runtime 1.x logger settings; use 'logging'",
    "id": "the runtime 1.x host id; the v4 host derives it (override with the app setting "
    "AzureFunctionsWebHost__hostid)",
}


def check_host_json(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Semantic problems of host.json."""
    if source.text is None:
        return []
    document = ctx.workspace.json(source.path)
    if document is None or not isinstance(document.root, JsonObject):
        return []
    root = document.root
    text = source.text
    path = source.path
    problems: list[Problem] = []
    problems += _version(path, text, root, bool(document.errors))
    project = extensions_project(ctx.workspace, os.path.dirname(path))
    problems += _bundle(path, text, root, _uses_cosmos_db(ctx), project is not None)
    problems += _timeout(path, root)
    problems += _v1_keys(path, text, root)
    return problems


def _version(path: str, text: str, root: JsonObject, broken: bool) -> list[Problem]:
    prop = root.get("version")
    if prop is None:
        if broken or any(p.key.value.lower() == "version" for p in root.properties):
            return []
        edit = insert_first_property(path, text, root, "version", "2.0")
        return [
            make_problem(
                VERSION_MISSING,
                "The host.json file is missing the required 'version' property: add "
                '"version": "2.0" (the host does not start without it).',
                path,
                Span(root.start, root.start + 1),
                fixes=(Fix('Add "version": "2.0"', (edit,), True, safe=True),) if edit else (),
            )
        ]
    value = prop.value
    if value is None:
        return []
    if isinstance(value, JsonString) and value.value == "2.0":
        return []
    shown = value.value if isinstance(value, JsonString) else text[value.start : value.end]
    message = (
        f"'{shown}' is an invalid value for host.json 'version': it must be the string \"2.0\" "
        "(the host does not start otherwise)."
    )
    if shown.strip().startswith(("3", "4")):
        message += (
            " 'version' is the host.json schema version, not the Functions runtime version; "
            'runtime 4.x still uses "2.0".'
        )
    elif isinstance(value, JsonNumber):
        message += " Write it as a string."
    return [
        make_problem(
            VERSION_INVALID,
            message,
            path,
            node_span(value),
            fixes=(change_to(path, value, "2.0", safe=True),),
        )
    ]


def _uses_cosmos_db(ctx: CheckContext) -> bool:
    """Whether a function of the app has a Cosmos DB binding (whose property names depend on the
    bundle major). Each function.json is read through the workspace so that an edit to it
    refreshes host.json's problems."""
    if ctx.app is None:
        return False
    for fn in ctx.app.functions:
        for binding in bindings_of(ctx.workspace.json(fn.json_path)):
            kind = (binding.type or "").lower()
            if kind.startswith("cosmosdb") or kind.startswith("documentdb"):
                return True
    return False


def _cosmos_note(cosmos: bool) -> str:
    return (
        "; bundle 4.x loads Cosmos DB extension 4.x, so check Cosmos DB bindings for the 4.x "
        "property names (connection, containerName)"
        if cosmos
        else ""
    )


def _bundle(
    path: str, text: str, root: JsonObject, cosmos: bool, has_project: bool
) -> list[Problem]:
    prop = root.get("extensionBundle")
    if prop is None:
        edit = insert_property(path, text, root, "extensionBundle", DEFAULT_BUNDLE)
        message = (
            "No extensionBundle: the host loads the extensions built from extensions.csproj "
            "(bin/extensions.json), besides the built-in HTTP, timer and warm-up bindings. The "
            "extension bundle would spare building them."
            if has_project
            else "No extensionBundle: only the built-in HTTP, timer and warm-up bindings are "
            "available. Add the extension bundle to use queues, blobs, Cosmos DB, Service "
            "Bus, Durable Functions and other bindings."
        )
        return [
            make_problem(
                NO_BUNDLE,
                message,
                path,
                Span(root.start, root.start + 1),
                fixes=(Fix(f"Add extensionBundle {DEFAULT_BUNDLE_RANGE}", (edit,)),)
                if edit
                else (),
            )
        ]
    bundle = prop.value
    if not isinstance(bundle, JsonObject):
        return []
    version = bundle.get_value("version")
    if not isinstance(version, JsonString):
        return []
    parsed = parse_range(version.value)
    fix = Fix(
        f"Use {DEFAULT_BUNDLE_RANGE}",
        (replace_node(path, version, DEFAULT_BUNDLE_RANGE),),
        True,
    )
    if isinstance(parsed, RangeError):
        fixes = (fix,)
        if parsed.suggestion:
            fixes = (change_to(path, version, parsed.suggestion),)
        return [
            make_problem(
                BUNDLE_RANGE,
                f"extensionBundle 'version' is not a valid NuGet version range: {parsed.message}",
                path,
                content_span(version, parsed.start, parsed.end),
                fixes=fixes,
            )
        ]
    minimum = below_host_minimum(bundle.get_string("id"), parsed)
    if minimum is not None:
        return [
            make_problem(
                BUNDLE_TOO_OLD,
                f"Extension bundle range '{version.value}' only selects versions below "
                f"{minimum}, the minimum the Functions v4 host accepts for "
                f'{bundle.get_string("id")}: the host does not start ("Referenced bundle ... '
                f'does not meet the required minimum version of {minimum}"). Use '
                f"{DEFAULT_BUNDLE_RANGE}{_cosmos_note(cosmos)}.",
                path,
                node_span(version),
                fixes=(fix,),
            )
        ]
    return _bundle_age(path, version, parsed, fix, cosmos)


def _bundle_age(
    path: str, node: JsonString, parsed: VersionRange, fix: Fix, cosmos: bool
) -> list[Problem]:
    majors = parsed.majors()
    if majors and max(majors) < LATEST_BUNDLE_MAJOR:
        shown = ", ".join(f"{m}.x" for m in sorted(majors))
        return [
            make_problem(
                OLD_BUNDLE,
                f"Extension bundle range '{node.value}' selects {shown}, which is deprecated "
                f"(Core Tools warns on publish); use {DEFAULT_BUNDLE_RANGE}{_cosmos_note(cosmos)}.",
                path,
                node_span(node),
                fixes=(fix,),
            )
        ]
    problems: list[Problem] = []
    for warning in parsed.warnings:
        problems.append(
            make_problem(
                OLD_BUNDLE,
                warning.message,
                path,
                content_span(node, warning.start, warning.end),
                fixes=(fix,),
            )
        )
    return problems


def _timeout(path: str, root: JsonObject) -> list[Problem]:
    node = root.get_value("functionTimeout")
    if not isinstance(node, JsonString):
        return []
    result = parse_function_timeout(node.value)
    if isinstance(result, TimeSpanError):
        fixes: tuple[Fix, ...] = ()
        if result.suggestion:
            fixes = (change_to(path, node, result.suggestion),)
        return [
            make_problem(
                TIMEOUT_INVALID,
                f"functionTimeout: {result.message}",
                path,
                content_span(node, result.start, result.end),
                fixes=fixes,
            )
        ]
    consumption = parse_function_timeout(node.value, consumption=True)
    if not isinstance(consumption, TimeSpanError):
        return []
    shown = "no limit (-1)" if result.value is None else format_timespan(result.value)
    return [
        make_problem(
            TIMEOUT_PLAN,
            f"functionTimeout {shown} is fine on Flex Consumption, Premium and Dedicated plans, "
            "but the Consumption plan allows at most 00:10:00 and the host fails to start there.",
            path,
            node_span(node),
        )
    ]


def _v1_keys(path: str, text: str, root: JsonObject) -> list[Problem]:
    problems: list[Problem] = []
    extensions_prop = root.get("extensions")
    extensions = extensions_prop.value if extensions_prop is not None else None
    for prop in root.properties:
        key = prop.key.value
        key_span = Span(prop.key.start, prop.key.end)
        if key in V1_EXTENSION_KEYS:
            target = V1_EXTENSION_KEYS[key]
            fix = _move_fix(path, text, root, prop, target, extensions)
            problems.append(
                make_problem(
                    V1_KEY,
                    f"'{key}' at the top level is the runtime 1.x layout; version 2.0 ignores it. "
                    f"Move it under 'extensions' as '{target}'.",
                    path,
                    key_span,
                    fixes=(fix,) if fix else (),
                )
            )
        elif key in V1_OTHER_KEYS:
            problems.append(
                make_problem(
                    V1_KEY,
                    f"'{key}' is ignored by the v2+ host: {V1_OTHER_KEYS[key]}.",
                    path,
                    key_span,
                )
            )
    return problems


def _move_fix(
    path: str,
    text: str,
    root: JsonObject,
    prop: JsonProperty,
    target: str,
    extensions: JsonNode | None,
) -> Fix | None:
    if prop.value is None:
        return None
    value = prop.value.to_value()
    title = f"Move under 'extensions' as '{target}'"
    if extensions is None and root.get("extensions") is None:
        indent = line_indent_at(text, prop.start)
        unit = indent_unit(text)
        rendered = render_value({target: value}, indent, unit, newline_of(text))
        return Fix(title, (TextEdit(path, node_span(prop), f'"extensions": {rendered}'),), True)
    if not isinstance(extensions, JsonObject) or extensions.get(target) is not None:
        return None
    insert = insert_property(path, text, extensions, target, value)
    remove = remove_property(path, text, prop)
    if insert is None or remove is None:
        return None
    if remove.span.start < insert.span.end and insert.span.start < remove.span.end:
        return None
    return Fix(title, (insert, remove), True)


def check_proxies(ctx: CheckContext) -> Iterable[Problem]:
    """C-14: proxies.json at the app root (Core Tools looks nowhere else).

    funcls does not analyse proxies.json and editors do not send it to the server, so this app
    check reports on host.json, which every app has, at its 'version' key, and points at
    proxies.json: `funcls check` and the editor show the same diagnostic in the same place.
    """
    app = ctx.app
    if app is None:
        return []
    proxies = os.path.join(app.root, PROXIES_JSON)
    if not ctx.workspace.sources.exists(proxies):
        return []
    root = ctx.workspace.json_object(app.host_json)
    span = Span(0, 0)
    if root is not None:
        version = root.get("version")
        span = node_span(version.key) if version is not None else Span(root.start, root.start + 1)
    if _declares_no_proxy(ctx, proxies):
        # the template leftover: nothing is lost, but Core Tools still warns whenever the file
        # exists (StartHostAction.cs and PublishFunctionAppAction.cs, azure-functions-core-tools
        # @3ee97a6)
        message = (
            "The app has a proxies.json that declares no proxy (a leftover of the v2/v3 "
            "templates): proxies are not supported on Functions runtime v4, and Core Tools warns "
            "about the file on 'func start' and on publish. Delete proxies.json."
        )
    else:
        message = (
            "The app has a proxies.json, but proxies are not supported on Functions runtime v4: "
            "its routes are not served unless the app setting AzureWebJobsFeatureFlags includes "
            "the legacy flag EnableProxies, and Core Tools warns on 'func start' and on publish. "
            "Move the routes to Azure API Management (or to HTTP functions) and delete "
            "proxies.json."
        )
    return [
        make_problem(
            PROXIES,
            message,
            app.host_json,
            span,
            related=(related_at(proxies, Span(0, 0), "the proxies.json file"),),
        )
    ]


def _declares_no_proxy(ctx: CheckContext, path: str) -> bool:
    """True when proxies.json is an object whose `proxies` is missing or an empty object."""
    root = ctx.workspace.json_object(path)
    if root is None:
        return False
    proxies = root.get_value("proxies")
    return proxies is None or (isinstance(proxies, JsonObject) and not proxies.properties)
