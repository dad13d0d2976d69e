"""Hovers and completions that know what values mean to the runtime.

* hover on a timer `schedule`: when it fires, in plain English, and its next occurrences (UTC);
* hover on an HTTP trigger `route`: the effective URL under host.json's route prefix;
* hover on a setting name (a `connection`-like value, a `%Setting%` reference, a key of
  local.settings.json): where the setting is defined and who uses it — never its value;
* completion of setting names after `%` inside function.json string values.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.features.completion import CompletionRequest, Proposal
from funcls.core.features.hover import HoverRequest, HoverResult
from funcls.core.host_config import host_config
from funcls.core.jsontree import JsonArray, JsonProperty, JsonString
from funcls.core.problems import Span
from funcls.core.setting_resolution import (
    CONNECTION_STRINGS,
    SettingsIndex,
    describe_resolution,
    setting_modes,
    setting_uses,
    settings_index,
)
from funcls.core.values.expressions import find_setting_refs
from funcls.core.values.ncrontab import (
    CronSchedule,
    IntervalSchedule,
    SettingReference,
    parse_schedule,
)
from funcls.core.values.routes import effective_url, parse_route
from funcls.core.workspace import Workspace

TIME_ZONE_SETTING = "WEBSITE_TIME_ZONE"
OCCURRENCES = 5
_NAME_TAIL = re.compile(r"[A-Za-z0-9_.:\-]*%?")


def now() -> datetime:
    """The current time in UTC (a function, so tests can fix it)."""
    return datetime.now(timezone.utc)


# -- shared ----------------------------------------------------------------------------------------
def _binding_at(request: HoverRequest) -> tuple[FunctionInfo, Binding, str] | None:
    """The function, binding and property of a hover on a binding value in function.json."""
    path = request.json_path
    if (
        request.kind != "function.json"
        or request.is_key
        or len(path) != 3
        or path[0] != "bindings"
        or not isinstance(path[1], int)
        or not isinstance(path[2], str)
    ):
        return None
    fn = request.workspace.function(os.path.dirname(request.path))
    binding = next((b for b in fn.bindings if b.index == path[1]), None)
    if binding is None:
        return None
    return fn, binding, path[2]


def _index(request: HoverRequest | CompletionRequest) -> SettingsIndex | None:
    root = request.workspace.app_root_for(request.path)
    return None if root is None else settings_index(request.workspace, root)


# -- schedules -------------------------------------------------------------------------------------
def schedule_hover(request: HoverRequest) -> HoverResult | None:
    """When a timer trigger's schedule fires, and its next occurrences."""
    found = _binding_at(request)
    node = request.node
    if found is None or not isinstance(node, JsonString):
        return None
    _fn, binding, key = found
    if (binding.type or "").lower() != "timertrigger" or key.lower() != "schedule":
        return None
    markdown = schedule_markdown(request.workspace, request.path, node.value)
    return None if markdown is None else HoverResult(markdown, Span(node.start, node.end))


def schedule_markdown(workspace: Workspace, path: str, schedule: str) -> str | None:
    """When a timer `schedule` fires, in words, with its next occurrences (None when it does not
    parse). `path` is any file of the app (for its settings)."""
    parsed = parse_schedule(schedule)
    root = workspace.app_root_for(path)
    index = None if root is None else settings_index(workspace, root)
    if isinstance(parsed, SettingReference):
        names = ", ".join(f"`{r.name}`" for r in parsed.refs)
        lines = [f"**Timer schedule** from the app setting {names}."]
        if index is not None:
            for ref in parsed.refs:
                lines += ["", describe_resolution(index.resolve_setting(ref.name))]
        return "\n".join(lines)
    if not isinstance(parsed, (CronSchedule, IntervalSchedule)):
        return None
    lines = [f"**Timer schedule**: fires {parsed.describe()}."]
    if isinstance(parsed, IntervalSchedule):
        lines += ["", "A TimeSpan schedule: only App Service (Dedicated) plans support it."]
    upcoming = parsed.next_occurrences(now(), OCCURRENCES)
    if upcoming:
        lines += ["", f"Next {len(upcoming)} occurrences (UTC):"]
        lines += [f"- {moment.strftime('%a %Y-%m-%d %H:%M:%S')}" for moment in upcoming]
    elif isinstance(parsed, CronSchedule) and parsed.never_fires:
        lines += ["", "This schedule never fires."]
    zone = None
    if index is not None:
        entries = [
            d for d in index.definitions_named(TIME_ZONE_SETTING) if d.section != CONNECTION_STRINGS
        ]
        zone = entries[0] if entries else None
    if zone is not None:
        lines += [
            "",
            f"local.settings.json sets `{TIME_ZONE_SETTING}`: the host evaluates the schedule in "
            "that time zone, so the times above are shifted accordingly (on Linux Consumption "
            "plans the setting is not supported).",
        ]
    else:
        lines += ["", f"Times are UTC unless the app setting `{TIME_ZONE_SETTING}` is set."]
    return "\n".join(lines)


# -- routes ----------------------------------------------------------------------------------------
def route_hover(request: HoverRequest) -> HoverResult | None:
    """The URL an HTTP trigger's route is served at."""
    found = _binding_at(request)
    node = request.node
    if found is None or not isinstance(node, JsonString):
        return None
    fn, binding, key = found
    if (binding.type or "").lower() != "httptrigger" or key.lower() != "route":
        return None
    markdown = route_markdown(request.workspace, request.path, fn, binding, node.value)
    return HoverResult(markdown, Span(node.start, node.end))


def route_markdown(
    workspace: Workspace, path: str, fn: FunctionInfo, binding: Binding, route: str
) -> str:
    """The URL an HTTP trigger with `route` is served at, its methods and route parameters."""
    app = workspace.app_for(path)
    prefix = host_config(workspace, app).route_prefix if app is not None else "api"
    url = effective_url(route, prefix)
    methods_node = binding.node.get_value("methods")
    methods = "ANY"
    if isinstance(methods_node, JsonArray) and methods_node.items:
        listed = [i.value.upper() for i in methods_node.items if isinstance(i, JsonString)]
        methods = ", ".join(listed) or "ANY"
    lines = [f"**{methods}** `{url}`", ""]
    if prefix:
        lines.append(f"Route prefix `{prefix}` (host.json `extensions.http.routePrefix`).")
    else:
        lines.append('No route prefix (host.json sets `extensions.http.routePrefix` to "").')
    template = parse_route(route, prefix)
    if template.ok and template.parameters:
        lines += ["", "Route parameters (`req.route_params`):"]
        for param in template.parameters:
            extra = []
            if param.constraints:
                extra.append(":".join(c.text for c in param.constraints))
            if param.optional:
                extra.append("optional")
            if param.catch_all:
                extra.append("catch-all")
            if param.default is not None:
                extra.append(f"default {param.default!r}")
            suffix = f" ({', '.join(extra)})" if extra else ""
            lines.append(f"- `{param.name}`{suffix}")
    lines += ["", f"Locally: `http://localhost:7071{url}` (function `{fn.name}`)."]
    return "\n".join(lines)


# -- settings --------------------------------------------------------------------------------------
def setting_hover(request: HoverRequest) -> HoverResult | None:
    """Where a setting named in function.json, or a key of local.settings.json, is defined."""
    if request.kind == "local.settings.json":
        return _local_key_hover(request)
    found = _binding_at(request)
    node = request.node
    if found is None or not isinstance(node, JsonString):
        return None
    _fn, binding, key = found
    index = _index(request)
    if index is None:
        return None
    offset = request.offset - node.content_start
    refs, _ = find_setting_refs(node.value)
    raw_length = node.content_end - node.content_start
    if raw_length == len(node.value):
        for ref in refs:
            if ref.start <= offset <= ref.end:
                resolution = index.resolve_setting(ref.name)
                span = Span(node.content_start + ref.start, node.content_start + ref.end)
                text = f"**App setting** `{ref.name}`\n\n{describe_resolution(resolution)}"
                return HoverResult(text, span)
    markdown = connection_markdown(index, binding, key, node.value)
    return None if markdown is None else HoverResult(markdown, Span(node.start, node.end))


def connection_markdown(index: SettingsIndex, binding: Binding, key: str, value: str) -> str | None:
    """Where the setting a property naming one (`connection`, ...) resolves, never its value;
    None when `key` names no setting for this binding's type."""
    if setting_modes(binding).get(key.lower()) != "name" or not value.strip() or "%" in value:
        return None
    resolution = index.resolve_connection(value.strip())
    kind = "Connection" if "connection" in key.lower() else "App setting"
    return f"**{kind}** `{value.strip()}`\n\n{describe_resolution(resolution)}"


def _local_key_hover(request: HoverRequest) -> HoverResult | None:
    path = request.json_path
    node = request.node
    if not request.is_key or len(path) != 2 or path[0] not in ("Values", CONNECTION_STRINGS):
        return None
    if not isinstance(node, JsonString) or not isinstance(node.parent, JsonProperty):
        return None
    name = node.value
    section = str(path[0])
    lines = [f"**{'App setting' if section == 'Values' else 'Connection string'}** `{name}`", ""]
    lines.append(
        f"Defined here under `{section}` (locally only: local.settings.json is not deployed, so "
        "the app's settings in Azure need it too). The value is not shown."
    )
    if "__" in name:
        parent, _, child = name.partition("__")
        lines += [
            "",
            f"`__` separates configuration levels: this is `{child}` of the section `{parent}` "
            f"(for example an identity-based connection named `{parent}`).",
        ]
    app = request.workspace.app_for(request.path)
    index = _index(request)
    if app is not None and index is not None:
        users: list[str] = []
        for fn in app.functions:
            for use in setting_uses(fn):
                resolution = (
                    index.resolve_setting(use.name)
                    if use.kind == "percent"
                    else index.resolve_connection(use.name)
                )
                entries = ([resolution.definition] if resolution.definition else []) + list(
                    resolution.identity
                )
                if any(e.key == name and e.section == section for e in entries):
                    users.append(f"- `{fn.name}`: binding `{use.binding.name}` (`{use.prop}`)")
        if users:
            lines += ["", "Used by:"] + sorted(set(users))
    return HoverResult("\n".join(lines), Span(node.start, node.end))


# -- completion ------------------------------------------------------------------------------------
def complete_setting_reference(request: CompletionRequest) -> list[Proposal] | None:
    """Setting names after an unmatched `%` inside a function.json string value."""
    cursor = request.cursor
    node = cursor.node
    if (
        request.kind != "function.json"
        or cursor.kind != "value"
        or not isinstance(node, JsonString)
    ):
        return None
    prefix = cursor.prefix
    if prefix.count("%") % 2 == 0:
        return None
    start = request.offset - (len(prefix) - prefix.rfind("%") - 1)
    text = request.document.text
    tail_end = node.content_end if node.closed else node.end
    tail = _NAME_TAIL.match(text, request.offset, tail_end)
    end = tail.end() if tail is not None else request.offset
    index = _index(request)
    if index is None:
        return []
    names = sorted({d.key for d in index.entries() if d.section == "Values"})
    proposals = []
    for name in names:
        encoded = json.dumps(name)[1:-1]
        proposals.append(
            Proposal(
                label=name,
                kind="variable",
                insert_text=f"{encoded}%",
                replace=Span(start, end),
                detail="app setting in local.settings.json",
                sort_text=f"0_{name}",
                filter_text=name,
            )
        )
    return proposals
