"""Hypothesis strategies for v2 apps: a function_app.py (and now and then a blueprint module).

The decorators are the installed azure-functions library's own: every app method of a chosen set
of families (HTTP, timer, queue, blob, Service Bus, Event Hubs, Cosmos DB, tables, Event Grid,
SQL, warm-up and the generic ones) that the library has, with its required arguments read from
the method's signature (inspect, in the test process: the library, never user code) and filled
from a table keyed by parameter name; optional arguments are drawn only among the ones the
signature has. The binding type and direction of each decorator are asked of the library by
decorating a dummy function once.

Mutations cover what the worker's indexing looks at: arg_name without a parameter, a parameter
without a binding, a renamed parameter, duplicate function names (by `function_name` or by def
name), two triggers, no trigger, annotations (the converters' accepted ones, wrong ones, Out[...]
missing or on an input, str/bytes, Optional, broken strings), return annotations with and
without a `$return` binding, async defs, a `context` parameter, `from __future__ import
annotations`, blueprints in the same file or
another module, registered, registered too early or never, two FunctionApp objects, a keyword
argument the decorator does not take and a missing required argument, `@retry` policies the
worker refuses (a count that is no integer, an interval that is no HH:MM:SS, the intervals of the
other strategy) and the function an AsgiFunctionApp / WsgiFunctionApp adds clashing with a def.

Two apps in five are drawn clean (`clean=True`: no mutation, annotations the converters accept,
valid retry policies), so that about half of all apps index and the side that matters most (an app
the worker indexes gets no Error) is tested as often as the other; the others draw every
mutation at the rates below.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, field

import azure.functions as af
from hypothesis import strategies as st

from .generator import Param, _accepted, annotation

# The decorator families the apps use; a name the installed library lacks is left out.
TRIGGERS = (
    "route",
    "schedule",
    "timer_trigger",
    "queue_trigger",
    "blob_trigger",
    "service_bus_queue_trigger",
    "service_bus_topic_trigger",
    "event_hub_message_trigger",
    "cosmos_db_trigger",
    "event_grid_trigger",
    "sql_trigger",
    "warm_up_trigger",
    "generic_trigger",
)
INPUTS = ("blob_input", "cosmos_db_input", "table_input", "sql_input", "generic_input_binding")
OUTPUTS = (
    "queue_output",
    "blob_output",
    "service_bus_queue_output",
    "service_bus_topic_output",
    "event_hub_output",
    "cosmos_db_output",
    "table_output",
    "event_grid_output",
    "sql_output",
    "generic_output_binding",
)
# Values of required arguments, by parameter name (source text).
REQUIRED = {
    "schedule": "'0 */5 * * * *'",
    "queue_name": "'items'",
    "connection": "'{conn}'",
    "path": "'samples/{name}'",
    "topic_name": "'topic'",
    "subscription_name": "'subscription'",
    "event_hub_name": "'hub'",
    "database_name": "'db'",
    "container_name": "'items'",
    "table_name": "'Items'",
    "command_text": "'dbo.Items'",
    "connection_string_setting": "'SqlConnection'",
    "topic_endpoint_uri": "'EventGridTopicUri'",
    "topic_key_setting": "'EventGridKey'",
}
# Arguments optional in a signature that the binding's constructor still asks for: EventGridOutput
# wants `connection` or both topic settings, not both (azure-functions 1.26.0
# decorators/eventgrid.py, EventGridOutput.__init__). The first set is the decorator's required
# arguments; an app draws the other set now and then, and single topic settings as optional
# arguments (refused beside `connection`).
ALSO_REQUIRED = {
    "event_grid_output": (("connection",), ("topic_endpoint_uri", "topic_key_setting")),
}
# The setting each decorator family's `connection` names (local.settings.json defines them).
CONNECTIONS = {
    "queue": "StorageConnection",
    "blob": "StorageConnection",
    "table": "StorageConnection",
    "service_bus": "ServiceBusConnection",
    "event_hub": "EventHubConnection",
    "cosmos_db": "CosmosConnection",
    "event_grid": "EventGridConnection",
}
SETTINGS = sorted(set(CONNECTIONS.values())) + ["SqlConnection", "EventGridKey"]
SETTINGS += ["EventGridTopicUri"]
# Optional arguments, by parameter name: values drawn only where the signature has the name.
OPTIONAL = {
    "data_type": ("{F}.DataType.STRING", "{F}.DataType.BINARY", "'STRING'"),
    "cardinality": ("{F}.Cardinality.MANY", "{F}.Cardinality.ONE", "'many'"),
    "methods": ("['GET']", "[{F}.HttpMethod.POST]", "('GET', 'POST')"),
    "auth_level": ("{F}.AuthLevel.ANONYMOUS", "'function'"),
    "route": ("'items/{{id}}'", "'hello'"),
    "run_on_startup": ("True",),
    "use_monitor": ("False",),
    "is_sessions_enabled": ("True",),
    "consumer_group": ("'$Default'",),
    "partition_key": ("'pk'",),
    "sql_query": ("'SELECT * FROM c'",),
    "create_if_not_exists": ("True",),
    "row_key": ("'row'",),
    "topic_endpoint_uri": ("'EventGridTopicUri'",),
    "topic_key_setting": ("'EventGridKey'",),
}
# generic_* decorators: the `type` and the properties that type needs.
GENERIC = {
    "generic_trigger": (
        ("'queueTrigger'", {"queue_name": "'items'", "connection": "'StorageConnection'"}),
        ("'timerTrigger'", {"schedule": "'0 0 * * * *'"}),
        ("'httpTrigger'", {}),
    ),
    "generic_input_binding": (
        ("'blob'", {"path": "'samples/in.txt'", "connection": "'StorageConnection'"}),
        ("'table'", {"table_name": "'Items'", "connection": "'StorageConnection'"}),
    ),
    "generic_output_binding": (
        ("'queue'", {"queue_name": "'out'", "connection": "'StorageConnection'"}),
        ("'http'", {}),
        ("'blob'", {"path": "'samples/out.txt'", "connection": "'StorageConnection'"}),
    ),
}
# `@retry` policies (FunctionApp.retry / Blueprint.retry): ones the worker's indexing accepts, and
# ones it refuses (azure-functions-runtime 1.3.0 loader.py build_retry_protos: int() of the count,
# time.strptime(value, "%H:%M:%S") of the strategy's intervals). An unknown strategy is left out:
# the worker refuses it only when it fills the protobuf enum, which tests/migrate/v2_index.py
# replaces by a plain record; a minimum interval above the maximum is the host's refusal, not
# the worker's.
RETRY_VALID = (
    "strategy='fixed_delay', max_retry_count='3', delay_interval='00:00:10'",
    "strategy='fixed_delay', max_retry_count=5, delay_interval='00:01:00'",
    "strategy='exponential_backoff', max_retry_count='4', minimum_interval='00:00:02', "
    "maximum_interval='00:15:00'",
    "max_retry_count='2', strategy='exponential_backoff', minimum_interval='00:00:01', "
    "maximum_interval='00:00:30'",
)
RETRY_BROKEN = (
    "strategy='fixed_delay', max_retry_count='three', delay_interval='00:00:10'",
    "strategy='fixed_delay', max_retry_count='3', delay_interval='10s'",
    "strategy='fixed_delay', max_retry_count='3'",
    "strategy='fixed_delay', max_retry_count='3', minimum_interval='00:00:01', "
    "maximum_interval='00:00:30'",
    "strategy='exponential_backoff', max_retry_count='3', delay_interval='00:00:10'",
    "strategy='exponential_backoff', max_retry_count='3', minimum_interval='1 second', "
    "maximum_interval='00:00:30'",
    "strategy='exponential_backoff', max_retry_count='3', minimum_interval='00:00:01'",
    "strategy='exponential_backoff', max_retry_count='2.5', minimum_interval='00:00:01', "
    "maximum_interval='00:00:30'",
)
# The app classes of function_app.py: a web-app class adds a function of its own for the web
# app it wraps, named `http_app_func` (azure-functions 1.26.0 decorators/function_app.py).
APP_CLASSES = ("FunctionApp",) * 8 + ("AsgiFunctionApp", "WsgiFunctionApp")
WEB_APPS = {
    "AsgiFunctionApp": "async def web(scope, receive, send):\n    pass\n",
    "WsgiFunctionApp": "def web(environ, start_response):\n    return []\n",
}
WEB_FUNCTION = "http_app_func"
NAMES: tuple[str, ...] = ("req", "msg", "doc", "docs", "item", "items", "blob", "timer", "event")
NAMES += ("data", "row", "message", "outputblob", "output_blob", "inputBlob", "res", "result")


@dataclass(frozen=True)
class Decorator:
    """An app method the library has: what it binds, and its name parameter(s)."""

    method: str
    kind: str  # "trigger", "input" or "output"
    type: str  # the binding type the library writes
    required: tuple[str, ...]  # required parameters other than the name
    optional: tuple[str, ...]  # optional parameters we have values for
    takes_kwargs: bool


def _family(method: str) -> str:
    for family in sorted(CONNECTIONS, key=len, reverse=True):
        if method.startswith(family):
            return family
    return ""


def _library_type(method: str, required: tuple[str, ...]) -> str:
    """The binding type the library writes for `method`: decorate a dummy once."""
    app = af.FunctionApp()
    kwargs: dict[str, object] = {"arg_name": "x"} if method != "route" else {}
    for name in required:
        kwargs[name] = "x" if name != "type" else "customBinding"
    builder = getattr(app, method)(**kwargs)(lambda x: None)
    bindings = builder._function.get_bindings()
    return str(bindings[0].type)


@functools.lru_cache(maxsize=1)
def decorators() -> dict[str, Decorator]:
    """Every decorator of the families above that the installed library has."""
    found: dict[str, Decorator] = {}
    for kind, names in (("trigger", TRIGGERS), ("input", INPUTS), ("output", OUTPUTS)):
        for method in names:
            function = getattr(af.FunctionApp, method, None)
            if function is None:
                continue
            parameters = list(inspect.signature(function).parameters.values())
            required = tuple(
                p.name
                for p in parameters
                if p.default is inspect.Parameter.empty
                and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
                and p.name not in ("self", "arg_name")
            )
            present = {p.name for p in parameters}
            also = ALSO_REQUIRED.get(method, ((),))[0]
            required += tuple(n for n in also if n in present)
            if any(name not in REQUIRED and name != "type" for name in required):
                continue  # an argument we have no value for
            optional = tuple(p.name for p in parameters if p.name in OPTIONAL)
            kwargs = any(p.kind == p.VAR_KEYWORD for p in parameters)
            found[method] = Decorator(
                method, kind, _library_type(method, required), required, optional, kwargs
            )
    return found


@dataclass
class Binding:
    """One decorator on a function, as written."""

    decorator: Decorator
    arguments: dict[str, str]  # keyword -> source text
    name: str  # the binding's name (arg_name, or the route's trigger_arg_name)
    type: str  # the binding type (a generic decorator's `type` argument)

    def source(self, owner: str) -> str:
        """The decorator line."""
        args = ", ".join(f"{k}={v}" for k, v in self.arguments.items())
        return f"@{owner}.{self.decorator.method}({args})\n"


@dataclass
class V2Function:
    """A decorated def: its decorators top to bottom, parameters and return annotation."""

    def_name: str
    owner: str  # "app" or "bp"
    bindings: list[Binding]
    params: list[Param]
    returns: str | None = None
    is_async: bool = False
    function_name: str | None = None
    retry: str | None = None  # the arguments of an @retry decorator
    body: str = "    pass\n"

    def source(self) -> str:
        """The decorated def."""
        lines = ""
        if self.function_name is not None:
            lines += f"@{self.owner}.function_name(name={self.function_name!r})\n"
        if self.retry is not None:
            lines += f"@{self.owner}.retry({self.retry})\n"
        lines += "".join(b.source(self.owner) for b in self.bindings)
        signature = ", ".join(p.source() for p in self.params)
        ret = f" -> {self.returns}" if self.returns else ""
        keyword = "async def" if self.is_async else "def"
        return lines + f"{keyword} {self.def_name}({signature}){ret}:\n{self.body}"


@dataclass
class V2App:
    """A generated v2 app: its Python files (the settings files are the test's)."""

    prefix: str  # how the file names azure.functions
    header: str  # its import
    functions: list[V2Function]
    blueprint: str  # "none", "same_file" or "module"
    register: str  # "yes", "early" or "no"
    two_apps: bool = False
    app_class: str = "FunctionApp"  # or AsgiFunctionApp / WsgiFunctionApp
    extra: dict[str, str] = field(default_factory=dict)

    def files(self) -> dict[str, str]:
        """function_app.py and the blueprint module, relative to the app root."""
        prefix = self.prefix
        mine = [f for f in self.functions if f.owner == "app"]
        theirs = [f for f in self.functions if f.owner == "bp"]
        main = self.header + "import typing\n\n"
        blueprint = ""
        if self.blueprint == "module":
            main += "from blueprint import bp\n"
            blueprint = self.header + "import typing\n\n" + f"bp = {prefix}.Blueprint()\n\n\n"
            blueprint += "\n\n".join(f.source() for f in theirs)
        if self.app_class in WEB_APPS:
            main += "\n\n" + WEB_APPS[self.app_class] + "\n\n"
            main += f"app = {prefix}.{self.app_class}(app=web, "
            main += f"http_auth_level={prefix}.AuthLevel.ANONYMOUS)\n"
        else:
            main += f"\napp = {prefix}.FunctionApp()\n"
        if self.two_apps:
            main += f"other = {prefix}.FunctionApp()\n"
        if self.blueprint == "same_file":
            main += f"bp = {prefix}.Blueprint()\n"
        main += "\n\n"
        registration = "app.register_functions(bp)\n" if self.blueprint != "none" else ""
        if self.register == "early":
            main += registration + "\n\n"
        parts = [f.source() for f in mine]
        if self.blueprint == "same_file":
            parts += [f.source() for f in theirs]
        main += "\n\n".join(parts)
        if self.register == "yes" and registration:
            main += "\n\n" + registration
        files = {"function_app.py": main}
        if blueprint:
            files["blueprint.py"] = blueprint
        files.update(self.extra)
        return files


# -- strategies ---------------------------------------------------------------------------------
@st.composite
def binding(
    draw: st.DrawFn, decorator: Decorator, prefix: str, name: str, clean: bool = False
) -> Binding:
    """The decorator `decorator` binding `name`, with its required and some optional arguments
    (`clean`: no mutation)."""
    arguments: dict[str, str] = {}
    conn = CONNECTIONS.get(_family(decorator.method), "StorageConnection")
    if decorator.method == "route":
        if name != "req" or draw(st.integers(0, 3)) == 3:
            arguments["trigger_arg_name"] = repr(name)
    else:
        arguments["arg_name"] = repr(name)
    extra: dict[str, str] = {}
    for parameter in decorator.required:
        if parameter == "type":
            type_text, extra = draw(st.sampled_from(GENERIC[decorator.method]))
            arguments["type"] = type_text
        else:
            value = REQUIRED[parameter].replace("{conn}", conn)
            if parameter == "path" and decorator.kind != "trigger":
                value = "'samples/data.txt'"
            arguments[parameter] = value
    alternatives = ALSO_REQUIRED.get(decorator.method, ())
    if len(alternatives) > 1 and draw(st.integers(0, 3)) == 3:
        # the other set of arguments the constructor accepts instead of the first
        for parameter in alternatives[0]:
            arguments.pop(parameter, None)
        for parameter in draw(st.sampled_from(alternatives[1:])):
            arguments[parameter] = REQUIRED[parameter]
    arguments.update(extra)
    type_name = arguments["type"].strip("'") if "type" in arguments else decorator.type
    for parameter in decorator.optional:
        if clean and len(alternatives) > 1 and any(parameter in a for a in alternatives):
            continue  # refused beside the other set of arguments
        if draw(st.integers(0, 5)) == 5:
            text = draw(st.sampled_from(OPTIONAL[parameter]))
            arguments[parameter] = text.replace("{F}", prefix).replace("{{", "{").replace("}}", "}")
    mutation = -1 if clean else draw(st.integers(0, 59))
    if mutation == 0:
        arguments["no_such_argument"] = "'x'"  # refused unless the decorator takes **kwargs
    elif mutation == 1 and decorator.required:
        arguments.pop(draw(st.sampled_from(decorator.required)), None)  # refused at import
    return Binding(decorator, arguments, name, type_name)


@st.composite
def v2_function(
    draw: st.DrawFn, def_name: str, owner: str, prefix: str, clean: bool = False
) -> tuple[V2Function, set[str]]:
    """A decorated def; also the binding names it declares (`clean`: no mutation)."""
    catalog = decorators()
    by_kind = {
        kind: sorted(m for m, d in catalog.items() if d.kind == kind)
        for kind in ("trigger", "input", "output")
    }
    used: set[str] = set()

    def fresh() -> str:
        name = draw(st.sampled_from(NAMES))
        while name.lower() in used:
            name += "x"
        used.add(name.lower())
        return name

    bindings: list[Binding] = []
    trigger = catalog[draw(st.sampled_from(by_kind["trigger"]))]
    trigger_name = "req" if trigger.method == "route" and draw(st.booleans()) else fresh()
    used.add(trigger_name.lower())
    triggers = [draw(binding(trigger, prefix, trigger_name, clean))]
    shape = -1 if clean else draw(st.integers(0, 29))
    if shape == 0:
        triggers = []  # no trigger
    elif shape == 1:
        second = catalog[draw(st.sampled_from(by_kind["trigger"]))]
        triggers.append(draw(binding(second, prefix, fresh())))  # two triggers
    others: list[Binding] = []
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["input", "output", "output"]))
        decorator = catalog[draw(st.sampled_from(by_kind[kind]))]
        name = fresh()
        if kind == "output" and "$return" not in used and draw(st.integers(0, 4)) == 4:
            name = "$return"
            used.add(name)
        others.append(draw(binding(decorator, prefix, name, clean)))
    # an HTTP function's response: '$return' (the default) or a named output
    http = triggers and triggers[0].decorator.method == "route"
    if http and draw(st.integers(0, 5)) == 5:
        triggers[0].arguments["binding_arg_name"] = repr(fresh())
    bindings = triggers + others
    if bindings and draw(st.integers(0, 4)) == 4:
        bindings = draw(st.permutations(bindings))

    # parameters: one per binding (the route's output too when it is named)
    wanted: list[tuple[str, str, bool]] = []  # (name, binding type, out)
    returns_type: str | None = None
    for item in bindings:
        out = item.decorator.kind == "output"
        if item.name == "$return":
            returns_type = item.type
            continue
        wanted.append((item.name, item.type, out))
        if item.decorator.method == "route":
            response = item.arguments.get("binding_arg_name")
            if response is None:
                returns_type = "http"
            else:
                wanted.append((response.strip("'"), "http", True))
    params: list[Param] = []
    for name, type_name, out in wanted:
        mutation = -1 if clean else draw(st.integers(0, 39))
        if mutation == 0:
            continue  # a binding without a parameter
        if mutation == 1:
            name += "_"  # a parameter that matches no binding
        elif mutation == 2:
            name = name.upper() if name != name.upper() else name.lower()
        text = draw(
            clean_annotation(prefix, type_name, out)
            if clean
            else annotation(prefix, type_name, out)
        )
        default = "None" if draw(st.integers(0, 19)) == 19 else None
        params.append(Param(name, text, default))
    if not clean and draw(st.integers(0, 7)) == 7:
        extra = draw(st.sampled_from(("context", "ctx", "extra", "Context")))
        if extra not in {p.name for p in params}:
            choices = [None, f"{prefix}.Context", "str", f"'{prefix}.Context'", "undefined"]
            params.append(Param(extra, draw(st.sampled_from(choices))))
    if params and draw(st.integers(0, 4)) == 4:
        params = draw(st.permutations(params))
    # defaults only at the end: a default before a parameter without one is a syntax error
    seen_default = False
    for index, param in enumerate(params):
        seen_default = seen_default or param.default is not None
        if seen_default and param.default is None:
            params[index] = Param(param.name, param.annotation, "None")

    returns = None
    if clean and draw(st.integers(0, 2)) == 2:
        returns = draw(clean_annotation(prefix, returns_type or "http", True))
        if returns and returns.startswith(f"{prefix}.Out["):
            returns = returns[len(prefix) + 5 : -1]  # the type itself, not Out[...]
    elif not clean and draw(st.integers(0, 2)) == 2:
        returns = draw(annotation(prefix, returns_type or "http", True))
        inner = returns[len(prefix) + 5 : -1] if returns else ""
        if returns and returns.startswith(f"{prefix}.Out[") and "," not in inner:
            if draw(st.booleans()):
                returns = inner  # a return annotation is the type itself, not Out[...]
    retry = None
    if draw(st.integers(0, 5)) == 5:
        broken = not clean and draw(st.booleans())
        retry = draw(st.sampled_from(RETRY_BROKEN if broken else RETRY_VALID))
    function = V2Function(
        def_name=def_name,
        retry=retry,
        owner=owner,
        bindings=bindings,
        params=params,
        returns=returns,
        is_async=draw(st.integers(0, 3)) == 3,
        body=draw(st.sampled_from(["    pass\n", "    return None\n", "    return 'done'\n"])),
    )
    return function, used


@st.composite
def v2_apps(draw: st.DrawFn) -> V2App:
    """A v2 app of one to three functions."""
    prefix, header = draw(
        st.sampled_from(
            [
                ("func", "import azure.functions as func\n"),
                ("func", "import azure.functions as func\n"),
                ("azure.functions", "import azure.functions\n"),
                ("af", "from azure import functions as af\n"),
            ]
        )
    )
    if draw(st.integers(0, 9)) == 9:
        # annotations stay strings at import; the worker evaluates them with get_type_hints
        header = "from __future__ import annotations\n\n" + header
    clean = draw(st.integers(0, 4)) < 2
    app_class = draw(st.sampled_from(APP_CLASSES))
    blueprint = draw(st.sampled_from(["none", "none", "same_file", "module"]))
    register = "yes"
    if blueprint != "none" and not clean:
        register = draw(st.sampled_from(["yes", "yes", "yes", "yes", "early", "no"]))
    count = draw(st.integers(1, 3))
    functions: list[V2Function] = []
    def_names = ("main", "hello", "handle", "process", "ingest", "report")
    for index in range(count):
        owner = "bp" if blueprint != "none" and draw(st.booleans()) else "app"
        function, _ = draw(v2_function(def_names[index], owner, prefix, clean))
        if draw(st.integers(0, 4)) == 4:
            names = (
                [f"{def_names[index].title()}Function"] if clean else ["Hello", "Process", "main"]
            )
            function.function_name = draw(st.sampled_from(names))
        functions.append(function)
    if app_class != "FunctionApp" and not clean and draw(st.integers(0, 2)) == 2:
        # a function named as the one the web-app class adds
        twin = draw(st.sampled_from(functions))
        if draw(st.booleans()):
            twin.def_name, twin.function_name = WEB_FUNCTION, None
        else:
            twin.function_name = WEB_FUNCTION
    if clean:
        return V2App(prefix, header, functions, blueprint, register, app_class=app_class)
    if len(functions) > 1 and draw(st.integers(0, 14)) == 14:
        # two functions of the same name: the def name of another, or the same function_name
        twin = draw(st.sampled_from(functions[1:]))
        if draw(st.booleans()):
            twin.def_name = functions[0].def_name
            twin.function_name = functions[0].function_name
        else:
            twin.function_name = functions[0].function_name or functions[0].def_name
    two_apps = draw(st.integers(0, 39)) == 39
    return V2App(prefix, header, functions, blueprint, register, two_apps, app_class)


@st.composite
def clean_annotation(draw: st.DrawFn, prefix: str, type_name: str, out: bool) -> str | None:
    """An annotation the converter of `type_name` accepts (none when it names none), now and
    then as a string."""
    accepted = _accepted(prefix, type_name, out)
    if not accepted or draw(st.integers(0, 9)) == 9:
        return None
    text = draw(st.sampled_from(accepted))
    return repr(text) if draw(st.integers(0, 9)) == 9 else text
