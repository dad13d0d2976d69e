"""How the host finds an app setting or a connection by name — locations only, never values.

Two lookups exist (validation-rules H-26, H-27, C-09; bindings.json `app_setting_resolution`):

* a plain setting (`%Name%` in a binding property, `apiKey`, `*Setting` names of some extensions):
  the configuration key `Name`, compared ignoring case, with `__` read as the `:` separator;
* a connection (`connection` and similar): `ConnectionStrings:AzureWebJobs<Name>`, then
  `AzureWebJobs<Name>` (a value, or a section with `<key>__<child>` entries), then
  `ConnectionStrings:<Name>`, then `<Name>` (value or section). A section with children such as
  `Name__fullyQualifiedNamespace` or `Name__serviceUri` is an identity-based connection.

Locally the configuration is local.settings.json: `Values` (as app settings) and
`ConnectionStrings`. Core Tools skips empty values (C-04), so an entry with an empty value counts as
missing and is reported separately. The process environment is not consulted: it is not the one
`func start` will see.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from funcls.core.app_model import LOCAL_SETTINGS, Binding, FunctionInfo
from funcls.core.app_settings import LocalSettings, SettingEntry, read_local_settings
from funcls.core.jsontree import JsonString
from funcls.core.knowledge import binding_types
from funcls.core.problems import Span
from funcls.core.spans import content_span, node_span
from funcls.core.values.expressions import find_setting_refs
from funcls.core.workspace import Workspace

WEBJOBS_PREFIX = "AzureWebJobs"
CONNECTION_STRINGS = "ConnectionStrings"

# Connection names the extensions use when `connection` is empty or missing (bindings.json
# `empty_connection_defaults`), by lower-cased binding type and property.
DEFAULT_CONNECTIONS: dict[tuple[str, str], str] = {
    **{
        (kind, "connection"): "AzureWebJobsStorage"
        for kind in ("blobtrigger", "blob", "queuetrigger", "queue", "table")
    },
    **{
        (kind, "connection"): "AzureWebJobsServiceBus"
        for kind in ("servicebustrigger", "servicebus")
    },
    **{
        (kind, "connectionstringsetting"): "AzureSignalRConnectionString"
        for kind in ("signalrconnectioninfo", "signalr", "signalrtrigger")
    },
    **{
        (kind, "connection"): "WebPubSubConnectionString"
        for kind in ("webpubsub", "webpubsubconnection")
    },
    ("sendgrid", "apikey"): "AzureWebJobsSendGridApiKey",
    ("twiliosms", "accountsidsetting"): "AzureWebJobsTwilioAccountSid",
    ("twiliosms", "authtokensetting"): "AzureWebJobsTwilioAuthToken",
}


@dataclass(frozen=True)
class SettingDefinition:
    """One local.settings.json entry the host would read: where its key is written."""

    key: str
    section: str  # "Values" or "ConnectionStrings"
    path: str
    key_span: Span
    is_empty: bool
    is_string: bool

    @property
    def label(self) -> str:
        """`Values.Name` / `ConnectionStrings.Name`: how messages and hovers name the entry."""
        return f"{self.section}.{self.key}"


@dataclass(frozen=True)
class Resolution:
    """The outcome of one lookup: the entry the host would use, or what was tried."""

    name: str
    kind: str  # "connection" or "setting"
    tried: tuple[str, ...]
    local_exists: bool
    definition: SettingDefinition | None = None
    identity: tuple[SettingDefinition, ...] = ()
    empty: tuple[SettingDefinition, ...] = ()

    @property
    def resolved(self) -> bool:
        """True when a non-empty value or an identity-based section was found."""
        return self.definition is not None or bool(self.identity)

    @property
    def config_name(self) -> str | None:
        """The configuration name that matched (`AzureWebJobsStorage`, `MyConn`...)."""
        if self.definition is not None:
            return _config_name(self.definition)
        if self.identity:
            key = _config_name(self.identity[0])
            return key.rsplit(":", 1)[0]
        return None


def _normalize(key: str) -> str:
    return key.replace("__", ":").lower()


def _config_name(entry: SettingDefinition) -> str:
    name = entry.key.replace("__", ":")
    return f"{CONNECTION_STRINGS}:{name}" if entry.section == CONNECTION_STRINGS else name


class SettingsIndex:
    """The configuration keys local.settings.json defines, ready for the host's lookups."""

    def __init__(self, local: LocalSettings) -> None:
        self.local = local
        self._entries: dict[str, list[SettingDefinition]] = {}
        for section, entries in (
            ("Values", local.values),
            (CONNECTION_STRINGS, local.connection_strings),
        ):
            for entry in entries.values():
                definition = _definition(entry, section, local.path)
                key = _normalize(_config_name(definition))
                self._entries.setdefault(key, []).append(definition)

    @property
    def exists(self) -> bool:
        """True when local.settings.json exists."""
        return self.local.exists

    def entries(self) -> list[SettingDefinition]:
        """Every entry, in no particular order."""
        return [d for group in self._entries.values() for d in group]

    def _value(self, config_key: str) -> tuple[SettingDefinition | None, list[SettingDefinition]]:
        """The entry holding a non-empty value for a configuration key, and empty ones seen."""
        found = self._entries.get(_normalize(config_key), [])
        usable = [d for d in found if not d.is_empty]
        empty = [d for d in found if d.is_empty]
        return (usable[-1] if usable else None), empty

    def _children(self, config_key: str) -> tuple[list[SettingDefinition], list[SettingDefinition]]:
        prefix = _normalize(config_key) + ":"
        usable: list[SettingDefinition] = []
        empty: list[SettingDefinition] = []
        for key, group in self._entries.items():
            if key.startswith(prefix):
                for d in group:
                    (empty if d.is_empty else usable).append(d)
        return usable, empty

    def resolve_setting(self, name: str) -> Resolution:
        """A plain setting: `%Name%`, `apiKey` and similar (value only, no prefix, no section)."""
        definition, empty = self._value(name)
        return Resolution(
            name=name,
            kind="setting",
            tried=(name,),
            local_exists=self.exists,
            definition=definition,
            empty=tuple(empty),
        )

    def resolve_connection(self, name: str) -> Resolution:
        """A connection name, looked up the way the WebJobs SDK looks it up (H-27)."""
        prefixed = f"{WEBJOBS_PREFIX}{name}"
        tried = (
            f"{CONNECTION_STRINGS}:{prefixed}",
            prefixed,
            f"{CONNECTION_STRINGS}:{name}",
            name,
        )
        seen_empty: list[SettingDefinition] = []
        for index, key in enumerate(tried):
            definition, empty = self._value(key)
            seen_empty += empty
            if definition is not None:
                return Resolution(name, "connection", tried, self.exists, definition, (), ())
            if index in (1, 3):  # sections, not ConnectionStrings values
                children, empty_children = self._children(key)
                seen_empty += empty_children
                if children:
                    return Resolution(
                        name, "connection", tried, self.exists, None, tuple(children), ()
                    )
        return Resolution(name, "connection", tried, self.exists, empty=tuple(seen_empty))

    def resolve(self, name: str, kind: str) -> Resolution:
        """`resolve_connection` for kind "connection", else `resolve_setting`."""
        return self.resolve_connection(name) if kind == "connection" else self.resolve_setting(name)

    def definitions_named(self, name: str) -> list[SettingDefinition]:
        """Entries whose configuration key is `name` or a child of it (for hovers)."""
        value, empty = self._value(name)
        children, empty_children = self._children(name)
        found = ([value] if value else []) + empty + children + empty_children
        return found


def _definition(entry: SettingEntry, section: str, path: str) -> SettingDefinition:
    return SettingDefinition(
        key=entry.name,
        section=section,
        path=path,
        key_span=entry.key_span,
        is_empty=entry.is_empty,
        is_string=entry.is_string,
    )


def settings_index(workspace: Workspace, app_root: str) -> SettingsIndex:
    """The settings index of an app, cached per local.settings.json text."""
    path = os.path.join(app_root, LOCAL_SETTINGS)
    source = workspace.read(path)
    if source is None or source.text is None:
        return SettingsIndex(read_local_settings(workspace, app_root))
    return workspace.derived(
        "settings-index", source, lambda _s: SettingsIndex(read_local_settings(workspace, app_root))
    )


def describe_resolution(resolution: Resolution) -> str:
    """One sentence saying where a name is defined (never the value), or what was looked for."""
    if resolution.definition is not None:
        where = resolution.definition.label
        via = ""
        if resolution.kind == "connection" and _normalize(
            resolution.config_name or ""
        ) != _normalize(resolution.name):
            via = f" (the host looks up '{resolution.name}' as '{resolution.config_name}' first)"
        return f"Defined in local.settings.json as `{where}`{via}."
    if resolution.identity:
        keys = ", ".join(f"`{d.label}`" for d in resolution.identity)
        return (
            f"Identity-based connection: local.settings.json defines {keys} "
            f"(the section `{resolution.config_name}`)."
        )
    if resolution.empty:
        keys = ", ".join(f"`{d.label}`" for d in resolution.empty)
        return (
            f"local.settings.json has {keys} with an empty value; Core Tools skips empty values, "
            "so it counts as missing."
        )
    if not resolution.local_exists:
        return (
            "There is no local.settings.json; locally the setting must come from the environment."
        )
    tried = ", ".join(f"`{t}`" for t in resolution.tried)
    return f"Not defined in local.settings.json (looked for {tried})."


# -- the settings a function's bindings name -------------------------------------------------
_SECRET = re.compile(
    r"(DefaultEndpointsProtocol=|AccountKey=|AccountName=|SharedAccessKey(Name)?=|Endpoint=sb://|"
    r"AccountEndpoint=|UseDevelopmentStorage=|Password=|Server=|Data Source=|"
    r"^[a-z][a-z0-9+.-]*://)",
    re.IGNORECASE,
)
# Properties that name a setting but also take a literal or `%Setting%` (the Kafka extension
# resolves a setting of that name and otherwise uses the value itself).
LITERAL_OR_NAME = frozenset({("kafkatrigger", "brokerlist"), ("kafka", "brokerlist")})
_HOST_PORTS = re.compile(r"^\s*[\w.\-]+:\d+(\s*,\s*[\w.\-]+:\d+)*\s*$")


@dataclass(frozen=True)
class SettingUse:
    """One place in a function.json that names an app setting.

    `kind` is "connection" (the value is a setting name, looked up with the AzureWebJobs prefix,
    ConnectionStrings and identity sections), or "percent" (`%Name%` inside a value). `span`
    covers the name (inside the quotes, or between the `%` signs); `default` is True when the
    property is missing or empty and the extension's default setting applies.
    """

    fn: FunctionInfo
    binding: Binding
    prop: str
    name: str
    kind: str
    span: Span
    default: bool = False


def looks_like_secret(value: str) -> bool:
    """True when a value looks like a connection string or an endpoint URL, not a setting name."""
    text = value.strip()
    return bool(_SECRET.search(text)) or (";" in text and "=" in text)


def binding_type_of(binding: Binding) -> binding_types.BindingType | None:
    """The schema's type of a binding, matched exactly or ignoring case."""
    type_name = binding.type
    if not type_name:
        return None
    return binding_types.exact(type_name) or binding_types.ignoring_case(type_name)


def setting_modes(binding: Binding) -> dict[str, str]:
    """Lower-cased property name -> "name" / "name-or-expression" for this binding's type."""
    known = binding_type_of(binding)
    if known is None or not known.described:
        return {"connection": "name"}
    return {k.lower(): v for k, v in known.setting_properties().items()}


def expression_props(binding: Binding) -> frozenset[str] | None:
    """Lower-cased properties whose `%Setting%`/`{token}` the host resolves (None: any)."""
    known = binding_type_of(binding)
    if known is None or not known.described:
        return None
    names = set(known.expression_properties()) | set(known.setting_expression_properties())
    names |= {k for k, v in known.setting_properties().items() if v == "name-or-expression"}
    return frozenset(n.lower() for n in names)


_NOT_VALUES = frozenset({"type", "direction", "name"})


def setting_uses(fn: FunctionInfo) -> Iterator[SettingUse]:
    """Every setting a function's bindings name, in file order."""
    for binding in fn.bindings:
        modes = setting_modes(binding)
        expressions = expression_props(binding)
        present = set()
        for prop in binding.node.properties:
            key = prop.key.value
            lowered = key.lower()
            present.add(lowered)
            value = prop.value
            if not isinstance(value, JsonString) or lowered in _NOT_VALUES:
                continue
            mode = modes.get(lowered)
            literal = mode == "name" and literal_or_name(binding, lowered, value.value)
            if literal and "%" not in value.value:
                continue  # host:port literals
            if mode == "name" and not literal:
                text = value.value
                if not text.strip():
                    default = DEFAULT_CONNECTIONS.get(((binding.type or "").lower(), lowered))
                    if default:
                        yield SettingUse(
                            fn, binding, key, default, "connection", node_span(value), True
                        )
                    continue
                if "%" in text or looks_like_secret(text):
                    continue  # reported as such, not resolved
                yield SettingUse(
                    fn, binding, key, text.strip(), "connection", content_span(value, 0, len(text))
                )
                continue
            if not literal and expressions is not None and lowered not in expressions:
                continue
            refs, _errors = find_setting_refs(value.value)
            for ref in refs:
                yield SettingUse(
                    fn,
                    binding,
                    key,
                    ref.name,
                    "percent",
                    content_span(value, ref.name_start, ref.name_end),
                )
        for (kind, prop_name), default in DEFAULT_CONNECTIONS.items():
            if kind == (binding.type or "").lower() and prop_name not in present:
                yield SettingUse(
                    fn, binding, prop_name, default, "connection", binding.head_span(), True
                )


def literal_or_name(binding: Binding, prop: str, text: str) -> bool:
    """True for a Kafka broker list written as `%Setting%` or as `host:port` literals."""
    if ((binding.type or "").lower(), prop) not in LITERAL_OR_NAME:
        return False
    return "%" in text or bool(_HOST_PORTS.match(text))
