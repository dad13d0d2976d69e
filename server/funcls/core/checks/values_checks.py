"""String values with Functions meaning (H-28, H-30..H-35, H-37): timer schedules and the
monitor they allow, HTTP routes and their conflicts, blob paths and entity names, binding
expressions and `{token}` sources.

The parsing is done by `funcls.core.values`; this module maps their issues onto exact spans in
function.json and decides the severity the runtime implies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import related_at
from funcls.core.edits.json_edits import change_to, remove_property, replace_node
from funcls.core.host_config import host_config
from funcls.core.jsontree import JsonArray, JsonBoolean, JsonNode, JsonString
from funcls.core.problems import Code, Fix, Problem, Severity, Span, make_problem
from funcls.core.setting_resolution import binding_type_of, expression_props, setting_modes
from funcls.core.spans import content_span, node_span
from funcls.core.values import naming
from funcls.core.values.expressions import TokenRef, is_builtin, parse_expressions
from funcls.core.values.issue import ValueIssue
from funcls.core.values.ncrontab import (
    IntervalSchedule,
    Schedule,
    ScheduleError,
    fires_more_than_once_a_minute,
    parse_schedule,
)
from funcls.core.values.routes import is_reserved, parse_route, route_key

BAD_SCHEDULE = Code("FUNC130", Severity.ERROR, "Invalid timer schedule", ("H-33",))
TIMESPAN_SCHEDULE = Code(
    "FUNC131", Severity.INFORMATION, "TimeSpan timer schedule (App Service plans only)", ("H-33",)
)
SCHEDULE_WARNING = Code("FUNC132", Severity.WARNING, "Suspicious timer schedule", ("H-33",))
MONITOR_IGNORED = Code(
    "FUNC142",
    Severity.INFORMATION,
    "'useMonitor' ignored: the schedule fires more often than once a minute",
    ("H-34",),
)
BAD_ROUTE = Code("FUNC133", Severity.ERROR, "Invalid route template", ("H-32",))
ROUTE_WARNING = Code("FUNC134", Severity.WARNING, "Suspicious route template", ("H-32",))
RESERVED_ROUTE = Code(
    "FUNC135", Severity.ERROR, "Route conflicts with the host's built-in routes", ("H-30",)
)
ROUTE_CONFLICT = Code(
    "FUNC136", Severity.ERROR, "Route conflicts with another function's route", ("H-31",)
)
BAD_BLOB_PATH = Code("FUNC137", Severity.ERROR, "Invalid blob path", ("H-35",))
BAD_ENTITY_NAME = Code(
    "FUNC138",
    Severity.ERROR,
    "Name the storage or messaging service always rejects: the binding fails every time",
    ("H-35", "H-37"),
)
BAD_EXPRESSION = Code("FUNC139", Severity.ERROR, "Malformed binding expression", ("H-26", "H-28"))
UNKNOWN_TOKEN = Code(
    "FUNC140", Severity.WARNING, "'{token}' that the trigger does not supply", ("H-28",)
)
HTTP_TOKEN = Code(
    "FUNC141",
    Severity.HINT,
    "'{token}' of an HTTP function that is not a route parameter (query string or body only)",
    ("H-28",),
)

CODES = (
    BAD_SCHEDULE,
    TIMESPAN_SCHEDULE,
    SCHEDULE_WARNING,
    MONITOR_IGNORED,
    BAD_ROUTE,
    ROUTE_WARNING,
    RESERVED_ROUTE,
    ROUTE_CONFLICT,
    BAD_BLOB_PATH,
    BAD_ENTITY_NAME,
    BAD_EXPRESSION,
    UNKNOWN_TOKEN,
    HTTP_TOKEN,
)

NameCheck = Callable[[str], "list[naming.NamingError]"]

# (lower-cased binding type, lower-cased property) -> naming check.
NAME_CHECKS: dict[tuple[str, str], NameCheck] = {
    ("blobtrigger", "path"): lambda text: naming.check_blob_path(text, trigger=True),
    ("blob", "path"): naming.check_blob_path,
    ("queuetrigger", "queuename"): naming.check_queue_name,
    ("queue", "queuename"): naming.check_queue_name,
    ("table", "tablename"): naming.check_table_name,
    ("eventhubtrigger", "eventhubname"): naming.check_event_hub_name,
    ("eventhub", "eventhubname"): naming.check_event_hub_name,
    ("eventhubtrigger", "consumergroup"): naming.check_consumer_group,
    ("servicebustrigger", "queuename"): naming.check_service_bus_queue_name,
    ("servicebus", "queuename"): naming.check_service_bus_queue_name,
    ("servicebustrigger", "topicname"): naming.check_service_bus_topic_name,
    ("servicebus", "topicname"): naming.check_service_bus_topic_name,
    ("servicebustrigger", "subscriptionname"): naming.check_service_bus_subscription_name,
}
_BLOB_PATH_ERRORS = frozenset({"naming.blob-path", "naming.trigger-container-token"})

# Binding data every blob trigger supplies besides its path pattern's tokens.
BLOB_TRIGGER_DATA = frozenset({"blobtrigger", "uri", "properties", "metadata"})
HTTP_TRIGGER_DATA = frozenset({"query", "headers"})
_NOT_VALUES = frozenset({"type", "direction", "name"})


def check_function_values(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """Schedules, routes, blob paths, names and expressions of one function."""
    problems: list[Problem] = []
    prefix = host_config(ctx.workspace, ctx.app).route_prefix if ctx.app is not None else "api"
    supplied = trigger_tokens(fn, prefix)
    for binding in fn.bindings:
        kind = (binding.type or "").lower()
        for prop in binding.node.properties:
            value = prop.value
            if not isinstance(value, JsonString):
                continue
            key = prop.key.value.lower()
            if kind == "timertrigger" and key == "schedule":
                problems += _schedule(fn, binding, value)
            elif kind == "httptrigger" and key == "route" and binding.is_trigger:
                problems += _route(fn, value, prefix)
            check = NAME_CHECKS.get((kind, key))
            if check is not None and fn.is_v2 and kind == "blob" and "/" not in value.value:
                # the v2 worker's SDK-type bindings take a container alone (a ContainerClient;
                # Azure/azure-functions-python-worker tests/extension_tests, get_cc_str)
                check = None
            if check is not None:
                problems += _names(fn, binding, prop.key.value, value, check)
        problems += _expressions(fn, binding, supplied)
        if kind == "timertrigger" and binding.is_trigger:
            problems += _use_monitor(fn, binding)
        if kind == "httptrigger" and binding.is_trigger and binding.prop("route") is None:
            if is_reserved(fn.name):
                problems.append(_reserved(fn, fn.name, binding.head_span(), implicit=True))
    return problems


# -- schedules -------------------------------------------------------------------------------------
def _schedule(fn: FunctionInfo, binding: Binding, value: JsonString) -> list[Problem]:
    parsed = parse_schedule(value.value)
    if isinstance(parsed, ScheduleError):
        fixes: tuple[Fix, ...] = ()
        if parsed.suggestion is not None:
            # Each suggestion is the same schedule in NCrontab's syntax, except dropping a
            # Quartz year that is not '*' (it would fire every year).
            safe = parsed.code != "ncrontab.seven-fields" or value.value[
                parsed.start : parsed.end
            ] in ("*", "?")
            fixes = (change_to(fn.json_path, value, parsed.suggestion, safe=safe),)
        return [
            make_problem(
                BAD_SCHEDULE,
                f"Timer schedule of '{binding.name}': {parsed.message}",
                fn.json_path,
                _inner(value, parsed),
                fixes=fixes,
            )
        ]
    problems: list[Problem] = []
    warnings: tuple[ValueIssue, ...] = getattr(parsed, "warnings", ())
    for warning in warnings:
        fixes = ()
        if warning.suggestion is not None:
            fixes = (change_to(fn.json_path, value, warning.suggestion, preferred=False),)
        problems.append(
            make_problem(
                SCHEDULE_WARNING,
                f"Timer schedule of '{binding.name}': {warning.message}",
                fn.json_path,
                _inner(value, warning),
                fixes=fixes,
            )
        )
    if isinstance(parsed, IntervalSchedule):
        problems.append(
            make_problem(
                TIMESPAN_SCHEDULE,
                f"'{value.value}' is a TimeSpan schedule ({parsed.describe()}); TimeSpan "
                "schedules work only on App Service (Dedicated) plans. Elsewhere use a six-field "
                "NCRONTAB expression, e.g. '0 */5 * * * *'.",
                fn.json_path,
                node_span(value),
            )
        )
    return problems


def _use_monitor(fn: FunctionInfo, binding: Binding) -> list[Problem]:
    """H-34: `"useMonitor": true` on a schedule the host turns the monitor off for.

    Only an explicit true is reported (the default is silently switched off too). `%Setting%`
    schedules are left alone: funcls never reads setting values, and the value in Azure may
    differ anyway. Invalid schedules and non-positive intervals get their own diagnostics.
    """
    monitor = binding.prop_ci("useMonitor")
    schedule = binding.prop_ci("schedule")
    if monitor is None or monitor.value is None or not _is_true(monitor.value):
        return []
    value = schedule.value if schedule is not None else None
    if not isinstance(value, JsonString):
        return []
    parsed = parse_schedule(value.value)
    if not isinstance(parsed, Schedule) or not fires_more_than_once_a_minute(parsed):
        return []
    if isinstance(parsed, IntervalSchedule) and parsed.interval <= timedelta(0):
        return []
    key = monitor.key.value
    fixes: list[Fix] = []
    removal = remove_property(fn.json_path, fn.document.text, monitor) if fn.document else None
    if removal is not None:
        fixes.append(Fix(f"Remove '{key}'", (removal,), True))
    fixes.append(Fix(f"Set '{key}' to false", (replace_node(fn.json_path, monitor.value, False),)))
    return [
        make_problem(
            MONITOR_IGNORED,
            f"'{key}' of timer '{binding.name}' has no effect: the schedule '{value.value}' fires "
            f"more often than once a minute ({parsed.describe()}), so the host turns schedule "
            "monitoring off ('UseMonitor changed to false based on schedule frequency') and "
            "missed runs are not made up. Remove it or set it to false.",
            fn.json_path,
            node_span(monitor.value),
            fixes=tuple(fixes),
        )
    ]


def _is_true(node: JsonNode) -> bool:
    """`true`, or a string the host converts to true (H-25)."""
    if isinstance(node, JsonBoolean):
        return node.value
    return isinstance(node, JsonString) and node.value.strip().lower() == "true"


def _inner(value: JsonString, issue: ValueIssue) -> Span:
    if issue.end <= issue.start:
        return node_span(value)
    return content_span(value, issue.start, issue.end)


# -- routes ----------------------------------------------------------------------------------------
def _route(fn: FunctionInfo, value: JsonString, prefix: str) -> list[Problem]:
    template = parse_route(value.value, prefix)
    problems: list[Problem] = []
    for issue, code in [(e, BAD_ROUTE) for e in template.errors] + [
        (w, ROUTE_WARNING) for w in template.warnings
    ]:
        fixes: tuple[Fix, ...] = ()
        if issue.suggestion is not None:
            # Dropping a leading '/' or a doubled '/' is the one repair; others guess.
            repair = issue.code in ("route.leading-slash", "route.empty-segment")
            safe = code is BAD_ROUTE and repair
            fixes = (
                change_to(
                    fn.json_path, value, issue.suggestion, preferred=code is BAD_ROUTE, safe=safe
                ),
            )
        problems.append(
            make_problem(
                code,
                f"Route of function '{fn.name}': {issue.message}",
                fn.json_path,
                _inner(value, issue),
                fixes=fixes,
            )
        )
    if is_reserved(value.value):
        problems.append(_reserved(fn, value.value, node_span(value), implicit=False))
    return problems


def _reserved(fn: FunctionInfo, route: str, span: Span, *, implicit: bool) -> Problem:
    how = (
        f"Without 'route', function '{fn.name}' is served at its name '{route}', which"
        if implicit
        else f"The route '{route}' of function '{fn.name}'"
    )
    return make_problem(
        RESERVED_ROUTE,
        f"{how} conflicts with the host's built-in routes: routes may not start with 'admin' or "
        "'runtime'. The function does not load.",
        fn.json_path,
        span,
    )


@dataclass(frozen=True)
class HttpRoute:
    """One HTTP-triggered function's route as the host compares it (H-31)."""

    fn: FunctionInfo
    binding: Binding
    route: str
    span: Span
    methods: frozenset[str] | None  # None: every method

    @cached_property
    def key(self) -> str:
        """What the host's comparison sees of the route (see `route_key`)."""
        return route_key(self.route)


def http_route(fn: FunctionInfo) -> HttpRoute | None:
    """The HTTP trigger route of a function (its name when `route` is missing)."""
    return fn.derived("http_route", _http_route)


def _http_route(fn: FunctionInfo) -> HttpRoute | None:
    trigger = fn.trigger
    if trigger is None or (trigger.type or "").lower() != "httptrigger":
        return None
    route_node = trigger.node.get_value("route")
    if isinstance(route_node, JsonString):
        route, span = route_node.value, node_span(route_node)
    elif route_node is None:
        route, span = fn.name, trigger.head_span()
    else:
        return None
    methods_node = trigger.node.get_value("methods")
    methods: frozenset[str] | None = None
    if isinstance(methods_node, JsonArray):
        listed = {i.value.strip().lower() for i in methods_node.items if isinstance(i, JsonString)}
        methods = frozenset(listed) if listed else None
    return HttpRoute(fn, trigger, route, span, methods)


def check_route_conflicts(ctx: CheckContext) -> Iterable[Problem]:
    """H-31: two functions with the same route and overlapping methods (on both routes)."""
    app = ctx.app
    if app is None:
        return []
    allow = host_config(ctx.workspace, app).allow_list
    allowed = None
    if allow is not None:
        allowed = {i.value.lower() for i in allow.items if isinstance(i, JsonString)}
    routes = [r for fn in app.functions if (r := http_route(fn)) is not None]
    if allowed is not None:
        routes = [r for r in routes if r.fn.name.lower() in allowed]
    by_key: dict[str, list[HttpRoute]] = {}
    for route in routes:
        by_key.setdefault(route.key, []).append(route)
    problems: list[Problem] = []
    for group in by_key.values():
        problems.extend(_conflicts(group))
    return problems


def _conflicts(routes: list[HttpRoute]) -> list[Problem]:
    """Problems of routes that all have the same key: every pair whose methods overlap."""
    problems: list[Problem] = []
    for i, a in enumerate(routes):
        for b in routes[i + 1 :]:
            if a.methods is not None and b.methods is not None and not (a.methods & b.methods):
                continue
            if a.fn.is_v2 != b.fn.is_v2:
                continue  # the host loads one model only (H-04): they never meet
            shared = _shared_methods(a.methods, b.methods)
            for this, other in ((a, b), (b, a)):
                problems.append(
                    make_problem(
                        ROUTE_CONFLICT,
                        f"The route '{this.route}' of function '{this.fn.name}' conflicts with "
                        f"the route '{other.route}' defined by function '{other.fn.name}' "
                        f"({shared}); the host rejects the second one. Change one route or "
                        "split the methods.",
                        this.fn.json_path,
                        this.span,
                        related=(
                            related_at(
                                other.fn.json_path, other.span, f"route of '{other.fn.name}'"
                            ),
                        ),
                    )
                )
    return problems


def _shared_methods(a: frozenset[str] | None, b: frozenset[str] | None) -> str:
    if a is None and b is None:
        return "both accept every method"
    common = (a or b or frozenset()) if (a is None or b is None) else (a & b)
    return "both accept " + ", ".join(sorted(m.upper() for m in common))


# -- names and blob paths --------------------------------------------------------------------------
def _names(
    fn: FunctionInfo, binding: Binding, key: str, value: JsonString, check: NameCheck
) -> list[Problem]:
    problems: list[Problem] = []
    for issue in check(value.value):
        if issue.code.startswith("expression."):
            continue  # the expression check reports these
        code = BAD_BLOB_PATH if issue.code in _BLOB_PATH_ERRORS else BAD_ENTITY_NAME
        fixes: tuple[Fix, ...] = ()
        if issue.suggestion is not None:
            fixes = (change_to(fn.json_path, value, issue.suggestion),)
        # Only what the literal text alone decides is reported (naming.py), so the name is
        # rejected whatever its expressions resolve to: a trigger fails at start-up, an input
        # or output at every invocation.
        always = (
            " The name is rejected whatever its expressions resolve to."
            if "{" in value.value or "%" in value.value
            else ""
        )
        problems.append(
            make_problem(
                code,
                f"'{key}' of binding '{binding.name}': {issue.message}{always}",
                fn.json_path,
                _inner(value, issue),
                fixes=fixes,
            )
        )
    return problems


# -- expressions and tokens ------------------------------------------------------------------------
def trigger_tokens(fn: FunctionInfo, prefix: str = "api") -> frozenset[str] | None:
    """Lower-cased `{token}` names the trigger supplies, or None when any name may be supplied
    (JSON payload properties of queue, Service Bus, Event Hubs, Event Grid... triggers). For an
    HTTP trigger these are the route parameters, `query` and `headers`; other names may still
    come from the query string or a JSON body, so they only get a hint."""
    trigger = fn.trigger
    if trigger is None:
        return None
    kind = (trigger.type or "").lower()
    if kind == "timertrigger":
        return frozenset()
    if kind == "blobtrigger":
        path = trigger.node.get_string("path")
        if path is None:
            return None
        parsed = parse_expressions(path)
        if parsed.errors:
            return None
        return BLOB_TRIGGER_DATA | {t.name.lower() for t in parsed.tokens}
    if kind == "httptrigger":
        route = trigger.node.get_string("route")
        names: set[str] = set(HTTP_TRIGGER_DATA)
        if route is not None:
            template = parse_route(route, prefix)
            if not template.ok:
                return None
            names |= {n.lower() for n in template.parameter_names}
        return frozenset(names)
    return None


def _expressions(
    fn: FunctionInfo, binding: Binding, supplied: frozenset[str] | None
) -> list[Problem]:
    problems: list[Problem] = []
    expression_keys = expression_props(binding)
    modes = setting_modes(binding)
    known = binding_type_of(binding)
    for prop in binding.node.properties:
        value = prop.value
        key = prop.key.value
        lowered = key.lower()
        if not isinstance(value, JsonString) or lowered in _NOT_VALUES:
            continue
        if modes.get(lowered) == "name":
            continue  # a setting name, not an expression
        if expression_keys is not None and lowered not in expression_keys:
            continue
        tokens = expression_keys is None or lowered in {
            n.lower() for n in (known.expression_properties() if known else ())
        }
        if (binding.type or "").lower() == "httptrigger" and lowered == "route":
            continue
        parsed = parse_expressions(value.value, tokens=tokens)
        for error in parsed.errors:
            problems.append(
                make_problem(
                    BAD_EXPRESSION,
                    f"'{key}' of binding '{binding.name}': {error.message}",
                    fn.json_path,
                    _inner(value, error),
                )
            )
        if supplied is None or binding.is_trigger or parsed.errors:
            continue
        for token in parsed.tokens:
            if token.builtin or is_builtin(token) or token.name.lower() in supplied:
                continue
            problems.append(_unknown_token(fn, binding, key, value, token, supplied))
    return problems


def _unknown_token(
    fn: FunctionInfo,
    binding: Binding,
    key: str,
    value: JsonString,
    token: TokenRef,
    supplied: frozenset[str],
) -> Problem:
    trigger = fn.trigger
    assert trigger is not None
    offered = sorted(supplied - BLOB_TRIGGER_DATA - HTTP_TRIGGER_DATA)
    span = content_span(value, token.start, token.end)
    if (trigger.type or "").lower() == "httptrigger":
        params = ", ".join("{" + n + "}" for n in offered) or "none"
        return make_problem(
            HTTP_TOKEN,
            f"'{{{token.expression}}}' in '{key}' of binding '{binding.name}' is not a route "
            f"parameter (route parameters: {params}): the host takes it from the query string "
            f'(?{token.name}=...) or a JSON body property, and the invocation fails with "No '
            f"value for named parameter '{token.name}'\" when the request has neither.",
            fn.json_path,
            span,
        )
    if offered:
        listed = ", ".join("{" + n + "}" for n in offered)
        source = f"the {trigger.type} supplies {listed} and the built-ins"
    else:
        source = f"the {trigger.type} supplies no such value, only the built-ins"
    return make_problem(
        UNKNOWN_TOKEN,
        f"'{{{token.expression}}}' in '{key}' of binding '{binding.name}' is not supplied: "
        f"{source} ({{rand-guid}}, {{DateTime}}, {{sys.utcnow}}...). The invocation fails with "
        f"\"No value for named parameter '{token.name}'\".",
        fn.json_path,
        span,
    )
