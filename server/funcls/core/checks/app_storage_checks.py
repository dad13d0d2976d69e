"""AzureWebJobsStorage, which the app's triggers need as a whole (C-08, L-03).

Core Tools refuses to start locally without it when a trigger other than HTTP, Kafka, RabbitMQ
or the Durable triggers is present; Durable Functions on the default Azure Storage provider need
it too, or the host does not start.
"""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.app_model import Binding, FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import add_setting_fix, related_at
from funcls.core.edits.json_edits import insert_property, replace_node
from funcls.core.host_config import host_config
from funcls.core.jsontree import JsonNode, JsonObject, JsonString
from funcls.core.problems import Code, Fix, Problem, Severity, Span, make_problem
from funcls.core.setting_resolution import SettingsIndex, settings_index

STORAGE_REQUIRED = Code(
    "FUNC516",
    Severity.WARNING,
    "AzureWebJobsStorage is required locally for non-HTTP triggers",
    ("C-08", "L-03"),
)
DURABLE_STORAGE = Code(
    "FUNC518",
    Severity.ERROR,
    "Durable Functions without AzureWebJobsStorage: the host does not start",
    ("C-08", "L-03"),
)

CODES = (STORAGE_REQUIRED, DURABLE_STORAGE)

# Binding types that make the Durable Task extension start its storage provider (lower case).
DURABLE_TYPES = frozenset(
    {
        "orchestrationtrigger",
        "activitytrigger",
        "entitytrigger",
        "durableclient",
        "orchestrationclient",
    }
)

# Core Tools (C-08): triggers that do not need AzureWebJobsStorage locally, lower case.
STORAGE_EXEMPT_TRIGGERS = frozenset(
    {
        "httptrigger",
        "kafkatrigger",
        "rabbitmqtrigger",
        "orchestrationtrigger",
        "activitytrigger",
        "entitytrigger",
    }
)
STORAGE_SETTING = "AzureWebJobsStorage"
LOCAL_STORAGE_VALUE = "UseDevelopmentStorage=true"


def check_app_storage(ctx: CheckContext) -> Iterable[Problem]:
    """C-08: AzureWebJobsStorage, which the app's triggers need as a whole."""
    app = ctx.app
    if app is None:
        return []
    index = settings_index(ctx.workspace, app.root)
    if not index.exists:
        return []
    durable = _durable_storage(ctx, index)
    return durable or _storage_required(ctx, index)


def _storage_triggers(fn: FunctionInfo) -> list[Binding]:
    """The function's triggers that need AzureWebJobsStorage (C-08)."""
    return [
        b
        for b in fn.bindings
        if "trigger" in (b.type or "").lower()
        and (b.type or "").lower() not in STORAGE_EXEMPT_TRIGGERS
    ]


def _get_ci(node: JsonNode | None, key: str) -> JsonNode | None:
    """`node[key]` ignoring the key's case (the host reads host.json case-insensitively)."""
    if not isinstance(node, JsonObject):
        return None
    for prop in node.properties:
        if prop.key.value.lower() == key.lower():
            return prop.value
    return None


def _durable_connection(ctx: CheckContext) -> str | None:
    """The connection the Durable Task extension's default provider (Azure Storage) uses, or None
    when host.json configures another provider (mssql, netherite, azureManaged...)."""
    assert ctx.app is not None
    host = host_config(ctx.workspace, ctx.app)
    provider = _get_ci(_get_ci(_get_ci(host.root, "extensions"), "durableTask"), "storageProvider")
    if provider is None:
        return "Storage"
    if not isinstance(provider, JsonObject):
        return None
    kind = _get_ci(provider, "type")
    if isinstance(kind, JsonString) and kind.value.strip().lower() not in ("", "azurestorage"):
        return None
    for key in ("connectionName", "connectionStringName"):
        name = _get_ci(provider, key)
        if isinstance(name, JsonString) and name.value.strip():
            return name.value.strip()
        if name is not None:
            return None  # not a plain name: not judged here
    return "Storage"


def _durable_storage(ctx: CheckContext, index: SettingsIndex) -> list[Problem]:
    """Durable Functions on the default Azure Storage provider need AzureWebJobsStorage: the
    extension's provider fails when the host starts ("Unable to resolve the Azure Storage
    connection named 'Storage'. Value cannot be null. (Parameter 'provider')"), although Core
    Tools' own pre-check exempts durable triggers (C-08)."""
    app = ctx.app
    assert app is not None
    connection = _durable_connection(ctx)
    if connection is None or connection.lower() not in ("storage", STORAGE_SETTING.lower()):
        return []  # another provider, or another connection (checked as a connection name)
    if index.resolve_connection("Storage").resolved:
        return []
    users = [
        (fn, b)
        for fn in app.functions
        for b in fn.bindings
        if (b.type or "").lower() in DURABLE_TYPES
    ]
    if not users:
        return []
    fn, binding = users[0]
    path = index.local.path
    root = ctx.workspace.json_object(path)
    source = ctx.workspace.read(path)
    if root is None or source is None or source.text is None:
        return []
    values = root.get_value("Values")
    entry = index.local.values.get(STORAGE_SETTING)
    state = "empty" if entry is not None else "not defined"
    others = len({f.name for f, _ in users}) - 1
    more = f" (and {others} more)" if others > 0 else ""
    message = (
        f"AzureWebJobsStorage is {state}, but function '{fn.name}'{more} uses Durable Functions "
        f"('{binding.type}'), whose default storage provider needs it: the host does not start "
        "(\"Unable to resolve the Azure Storage connection named 'Storage'. Value cannot be null. "
        "(Parameter 'provider')\"), although Core Tools' own check lets durable triggers pass. "
        f"Use '{LOCAL_STORAGE_VALUE}' with Azurite, a storage connection string, or configure "
        "another provider in host.json extensions.durableTask.storageProvider."
    )
    related = (related_at(fn.json_path, binding.head_span(), f"{binding.type} of '{fn.name}'"),)
    fixes: list[Fix] = []
    prop = values.get(STORAGE_SETTING) if isinstance(values, JsonObject) else None
    if entry is not None and prop is not None and isinstance(prop.value, JsonString):
        span = entry.key_span
        fixes.append(_use_local_storage(path, prop.value))
    else:
        span = _values_span(root)
        if isinstance(values, JsonObject) and prop is None:
            fixes.extend(_add_local_storage(path, source.text, values))
    return [make_problem(DURABLE_STORAGE, message, path, span, related=related, fixes=tuple(fixes))]


def _storage_required(ctx: CheckContext, index: SettingsIndex) -> list[Problem]:
    app = ctx.app
    assert app is not None
    if index.resolve_connection("Storage").resolved:
        return []  # the usual case, decided without looking at every function
    needing = [(fn, b) for fn in app.functions for b in fn.derived("storage", _storage_triggers)]
    if not needing:
        return []
    fn, trigger = needing[0]
    path = index.local.path
    root = ctx.workspace.json_object(path)
    source = ctx.workspace.read(path)
    if root is None or source is None or source.text is None:
        return []
    values = root.get_value("Values")
    entry = index.local.values.get(STORAGE_SETTING)
    others = len({f.name for f, _ in needing}) - 1
    more = f" (and {others} more)" if others > 0 else ""
    related = (related_at(fn.json_path, trigger.head_span(), f"{trigger.type} of '{fn.name}'"),)
    fixes: list[Fix] = []
    if entry is not None and isinstance(values, JsonObject):
        prop = values.get(STORAGE_SETTING)
        span = entry.key_span
        message = (
            f"AzureWebJobsStorage is empty, but the {trigger.type} of function '{fn.name}'{more} "
            "needs it: Core Tools refuses to start ('Missing value for AzureWebJobsStorage'). "
            f"Use '{LOCAL_STORAGE_VALUE}' with Azurite running, or a storage connection string."
        )
        if prop is not None and isinstance(prop.value, JsonString):
            fixes.append(_use_local_storage(path, prop.value))
    else:
        span = _values_span(root)
        message = (
            f"AzureWebJobsStorage is not defined, but the {trigger.type} of function "
            f"'{fn.name}'{more} needs it: Core Tools refuses to start ('Missing value for "
            f"AzureWebJobsStorage'). Add it: '{LOCAL_STORAGE_VALUE}' with Azurite, a storage "
            "connection string, or 'AzureWebJobsStorage__accountName' for an identity."
        )
        if isinstance(values, JsonObject):
            fixes.extend(_add_local_storage(path, source.text, values))
        else:
            add = add_setting_fix(ctx.workspace, app.root, STORAGE_SETTING, LOCAL_STORAGE_VALUE)
            if add is not None:
                fixes.append(add)
    return [
        make_problem(STORAGE_REQUIRED, message, path, span, related=related, fixes=tuple(fixes))
    ]


def _use_local_storage(path: str, value: JsonString) -> Fix:
    """Replace AzureWebJobsStorage's value with the Azurite connection."""
    return Fix(
        f"Use '{LOCAL_STORAGE_VALUE}' (Azurite)",
        (replace_node(path, value, LOCAL_STORAGE_VALUE),),
        True,
    )


def _add_local_storage(path: str, text: str, values: JsonObject) -> list[Fix]:
    """Add AzureWebJobsStorage with the Azurite connection to `Values` (none when the text
    cannot take the edit)."""
    edit = insert_property(path, text, values, STORAGE_SETTING, LOCAL_STORAGE_VALUE)
    if edit is None:
        return []
    return [Fix(f"Add AzureWebJobsStorage = '{LOCAL_STORAGE_VALUE}' (Azurite)", (edit,), True)]


def _values_span(root: JsonObject) -> Span:
    """The `Values` key of local.settings.json, else the file's opening brace."""
    values_prop = root.get("Values")
    if values_prop is not None:
        return Span(values_prop.key.start, values_prop.key.end)
    return Span(root.start, root.start + 1)
