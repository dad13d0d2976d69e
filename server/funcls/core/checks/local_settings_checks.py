"""local.settings.json as Core Tools reads it (validation-rules C-01..C-06, L-01..L-05), and the
Python version `func start` accepts (C-07).

Messages never include a setting's value: the file holds secrets.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from funcls.core.app_model import LOCAL_SETTINGS
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import related_at
from funcls.core.edits.json_edits import (
    change_to,
    insert_first_property,
    insert_property,
    remove_property,
    replace_node,
)
from funcls.core.jsontree import (
    JsonArray,
    JsonBoolean,
    JsonNull,
    JsonObject,
    JsonProperty,
    JsonString,
)
from funcls.core.problems import Code, Fix, Problem, Related, Severity, Span, make_problem
from funcls.core.python.environment import UserInterpreter, user_interpreter
from funcls.core.sources import SourceFile
from funcls.core.spans import content_span, node_span

NO_LOCAL_SETTINGS = Code(
    "FUNC500", Severity.INFORMATION, "No local.settings.json next to host.json", ("C-01",)
)
NO_IS_ENCRYPTED = Code(
    "FUNC501", Severity.WARNING, "'IsEncrypted' missing (read as true)", ("C-03", "L-01")
)
ENCRYPTED_PLAIN = Code(
    "FUNC502", Severity.WARNING, "'IsEncrypted' is true but the values are plain text", ("C-03",)
)
NOT_A_STRING = Code(
    "FUNC503",
    Severity.ERROR,
    "A Values entry is an object or array: Core Tools drops every value",
    ("C-02", "L-02"),
)
OUTSIDE_VALUES = Code(
    "FUNC504", Severity.WARNING, "Setting outside 'Values' (invisible to the runtime)", ("L-01",)
)
NO_WORKER_RUNTIME = Code(
    "FUNC505", Severity.WARNING, "FUNCTIONS_WORKER_RUNTIME missing", ("C-06", "L-03")
)
WRONG_WORKER_RUNTIME = Code(
    "FUNC506", Severity.ERROR, "FUNCTIONS_WORKER_RUNTIME is not 'python'", ("H-05", "L-03")
)
PLACEHOLDER = Code("FUNC507", Severity.WARNING, "Placeholder left as a setting value", ("L-03",))
CONTAINER_NAME = Code(
    "FUNC508", Severity.WARNING, "CONTAINER_NAME is reserved by Core Tools", ("C-05",)
)
SKIPPED_ENTRY = Code(
    "FUNC509", Severity.WARNING, "Entry Core Tools skips (empty key or null value)", ("C-04",)
)
PYTHON_VERSION = Code(
    "FUNC517", Severity.WARNING, "Python version Core Tools does not support", ("C-07",)
)

CODES = (
    NO_LOCAL_SETTINGS,
    NO_IS_ENCRYPTED,
    ENCRYPTED_PLAIN,
    NOT_A_STRING,
    OUTSIDE_VALUES,
    NO_WORKER_RUNTIME,
    WRONG_WORKER_RUNTIME,
    PLACEHOLDER,
    CONTAINER_NAME,
    SKIPPED_ENTRY,
    PYTHON_VERSION,
)

KNOWN_TOP_LEVEL = ("isencrypted", "values", "host", "connectionstrings", "$schema")
WORKER_RUNTIME = "FUNCTIONS_WORKER_RUNTIME"
# The minors current Core Tools accepts (PythonHelpers.IsVersionSupported); follows its releases.
CORE_TOOLS_PYTHON = ((3, 10), (3, 14))
# A placeholder is a name in braces or angle brackets: '{AzureWebJobsStorage}', '<your-key>',
# '${KEY}', or words in braces ('{storage account name}'). JSON ('{"a": 1}') is not one, nor an
# ODBC driver name in braces ('{ODBC Driver 18 for SQL Server}', a real pyodbc setting value).
_NAME_IN_BRACES = re.compile(r"^\{[A-Za-z_][\w.:-]*\}$")
_WORDS_IN_BRACES = re.compile(r"^\{ ?([A-Za-z_][\w.-]*(?: [\w.-]+)+) ?\}$")
_OTHER_PLACEHOLDER = re.compile(r"^(?:<[^<>=;\"]+>|\$\{[^}]+\})$")
# Words that make capitalised words in braces a placeholder; words that make them a driver name.
_PLACEHOLDER_WORDS = frozenset({"your", "my", "placeholder", "name", "key", "here", "example"})
_DRIVER_WORDS = frozenset({"driver", "odbc"})
# `Name=<placeholder>` inside a connection string (`;`-separated `name=value` parts). Braces are
# not looked for there: ODBC connection strings quote real values with them.
_PART_PLACEHOLDER = re.compile(r"(?:^|;)\s*([A-Za-z][\w ]*)=\s*(<[^<>=;\"]+>)\s*(?=;|$)")
_ENCRYPTED = re.compile(r"^[A-Za-z0-9+/]{16,}={0,2}$")


def is_placeholder(value: str) -> bool:
    """Whether a whole setting value is a placeholder left from a template or a document."""
    text = value.strip()
    if _NAME_IN_BRACES.match(text) or _OTHER_PLACEHOLDER.match(text):
        return True
    words = _WORDS_IN_BRACES.match(text)
    if words is None:
        return False
    lowered = {w.lower() for w in words.group(1).split()}
    if lowered & _DRIVER_WORDS or words.group(1).lower() == "sql server":
        return False
    return words.group(1).islower() or bool(lowered & _PLACEHOLDER_WORDS)


def _placeholders(path: str, key: str, value: JsonString) -> list[Problem]:
    """A value that is a placeholder, or a connection string with placeholder parts."""
    if is_placeholder(value.value):
        # The storage client's own error for a non-connection-string (L-03); other settings
        # reach the app as this text.
        effect = (
            "; the storage client rejects it with 'Settings must be of the form \"name=value\"'"
            if key.lower() == "azurewebjobsstorage"
            else ", and the app receives this text as the value"
        )
        return [
            make_problem(
                PLACEHOLDER,
                f"The value of '{key}' looks like a placeholder, not a real value (settings are "
                f"not substituted into each other{effect}). Put the actual value here.",
                path,
                node_span(value),
            )
        ]
    problems: list[Problem] = []
    for match in _PART_PLACEHOLDER.finditer(value.value):
        problems.append(
            make_problem(
                PLACEHOLDER,
                f"'{match.group(1).strip()}' in the value of '{key}' is a placeholder "
                f"('{match.group(2)}'), not a real value: connections with this setting fail. "
                "Put the actual value here.",
                path,
                content_span(value, match.start(2), match.end(2)),
            )
        )
    return problems


def check_local_settings(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Core Tools' view of local.settings.json."""
    if source.text is None:
        return []
    document = ctx.workspace.json(source.path)
    if document is None or not isinstance(document.root, JsonObject):
        return []
    root = document.root
    text = source.text
    path = source.path
    broken = bool(document.errors)
    values_prop = _get_ci(root, "Values")
    values = values_prop.value if values_prop is not None else None
    problems: list[Problem] = []
    problems += _is_encrypted(path, text, root, values, broken)
    problems += _top_level(path, text, root, values)
    if isinstance(values, JsonObject):
        problems += _values(path, values)
        problems += _worker_runtime(ctx, path, text, values, values_prop, broken)
    return problems


def _get_ci(obj: JsonObject, key: str) -> JsonProperty | None:
    """The property named `key` ignoring case (Core Tools' JSON reader ignores case)."""
    found = obj.get(key)
    if found is not None:
        return found
    return next((p for p in obj.properties if p.key.value.lower() == key.lower()), None)


def _is_encrypted(
    path: str, text: str, root: JsonObject, values: object, broken: bool
) -> list[Problem]:
    prop = _get_ci(root, "IsEncrypted")
    if prop is None:
        if broken:
            return []
        edit = insert_first_property(path, text, root, "IsEncrypted", False)
        return [
            make_problem(
                NO_IS_ENCRYPTED,
                "'IsEncrypted' is missing: Core Tools then treats the values as encrypted and "
                "fails with 'Failed to decrypt settings'. Add \"IsEncrypted\": false.",
                path,
                Span(root.start, root.start + 1),
                fixes=(Fix('Add "IsEncrypted": false', (edit,), True),) if edit else (),
            )
        ]
    value = prop.value
    encrypted = (isinstance(value, JsonBoolean) and value.value) or (
        isinstance(value, JsonString) and value.value.strip().lower() == "true"
    )
    if not encrypted or value is None or not isinstance(values, JsonObject):
        return []
    plain = [
        p.key.value
        for p in values.properties
        if isinstance(p.value, JsonString)
        and p.value.value.strip()
        and not _ENCRYPTED.match(p.value.value.strip())
    ]
    if not plain:
        return []
    return [
        make_problem(
            ENCRYPTED_PLAIN,
            f"'IsEncrypted' is true, but {len(plain)} value(s) (such as '{plain[0]}') are plain "
            "text: Core Tools fails with 'Failed to decrypt settings'. Set it to false, or "
            "encrypt with 'func settings encrypt'.",
            path,
            node_span(value),
            fixes=(Fix("Set IsEncrypted to false", (replace_node(path, value, False),), True),),
        )
    ]


def _top_level(path: str, text: str, root: JsonObject, values: object) -> list[Problem]:
    problems: list[Problem] = []
    for prop in root.properties:
        key = prop.key.value
        if key.lower() in KNOWN_TOP_LEVEL:
            continue
        fixes: tuple[Fix, ...] = ()
        is_setting = isinstance(prop.value, JsonString)
        if is_setting and isinstance(values, JsonObject) and values.get(key) is None:
            insert = insert_property(path, text, values, key, None, raw=_raw(text, prop))
            remove = remove_property(path, text, prop)
            if insert is not None and remove is not None and not _overlap(insert.span, remove.span):
                fixes = (Fix(f"Move '{key}' into Values", (insert, remove), True),)
        what = "a setting" if is_setting else "a key"
        problems.append(
            make_problem(
                OUTSIDE_VALUES,
                f"'{key}' is {what} at the top level of local.settings.json, where Core Tools "
                "ignores it: only entries under 'Values' become app settings. Move it into "
                "Values.",
                path,
                Span(prop.key.start, prop.key.end),
                fixes=fixes,
            )
        )
    return problems


def _raw(text: str, prop: JsonProperty) -> str:
    assert prop.value is not None
    return text[prop.value.start : prop.value.end]


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _values(path: str, values: JsonObject) -> list[Problem]:
    problems: list[Problem] = []
    for prop in values.properties:
        key = prop.key.value
        value = prop.value
        key_span = Span(prop.key.start, prop.key.end)
        if not key.strip():
            problems.append(
                make_problem(
                    SKIPPED_ENTRY,
                    "A setting with an empty name: Core Tools skips it ('Skipping local setting "
                    "with empty key').",
                    path,
                    key_span,
                )
            )
        if isinstance(value, (JsonObject, JsonArray)):
            kind = "an object" if isinstance(value, JsonObject) else "an array"
            problems.append(
                make_problem(
                    NOT_A_STRING,
                    f"'{key}' is {kind}: every value in Values must be a string. Core Tools fails "
                    "to read the file ('Failed to read app settings file') and drops ALL values, "
                    "so every setting goes missing. Write it as a string (nested settings use "
                    "'Parent__Child' keys).",
                    path,
                    node_span(value),
                )
            )
        elif isinstance(value, JsonNull):
            problems.append(
                make_problem(
                    SKIPPED_ENTRY,
                    f"'{key}' is null: Core Tools skips it. Write a string value.",
                    path,
                    node_span(value),
                )
            )
        elif isinstance(value, JsonString):
            problems += _placeholders(path, key, value)
        if key.upper() == "CONTAINER_NAME":
            problems.append(
                make_problem(
                    CONTAINER_NAME,
                    "'CONTAINER_NAME' is reserved: Core Tools refuses to start when it is set "
                    "locally. Remove it or rename the setting.",
                    path,
                    key_span,
                )
            )
    return problems


def _worker_runtime(
    ctx: CheckContext,
    path: str,
    text: str,
    values: JsonObject,
    values_prop: JsonProperty | None,
    broken: bool,
) -> list[Problem]:
    prop = next((p for p in values.properties if p.key.value.upper() == WORKER_RUNTIME), None)
    if prop is None:
        if broken or values_prop is None:
            return []
        edit = insert_property(path, text, values, WORKER_RUNTIME, "python")
        return [
            make_problem(
                NO_WORKER_RUNTIME,
                "FUNCTIONS_WORKER_RUNTIME is not set: Core Tools cannot tell which language "
                "worker to start. Set it to 'python'.",
                path,
                Span(values_prop.key.start, values_prop.key.end),
                fixes=(Fix("Add FUNCTIONS_WORKER_RUNTIME = 'python'", (edit,), True),)
                if edit
                else (),
            )
        ]
    value = prop.value
    if not isinstance(value, JsonString) or value.value.strip().lower() == "python":
        return []
    if not value.value.strip():
        return []  # empty: Core Tools asks for it; the schema/empty-value checks cover it
    app = ctx.app
    python = app is not None and any(
        fn.script_path and fn.script_path.lower().endswith(".py") for fn in app.functions
    )
    if app is not None and app.functions and not python:
        return []
    return [
        make_problem(
            WRONG_WORKER_RUNTIME,
            "FUNCTIONS_WORKER_RUNTIME is not 'python', but the functions of this app are "
            "Python: the host finds no functions for its worker ('Did not find functions with "
            "language [python]').",
            path,
            node_span(value),
            fixes=(change_to(path, value, "python"),),
        )
    ]


def check_local_settings_exists(ctx: CheckContext) -> Iterable[Problem]:
    """C-01: no local.settings.json (an app check, reported on host.json)."""
    app = ctx.app
    if app is None or not app.functions:
        return []
    path = os.path.join(app.root, LOCAL_SETTINGS)
    if ctx.workspace.sources.exists(path) or not ctx.workspace.sources.exists(app.host_json):
        return []
    return [
        make_problem(
            NO_LOCAL_SETTINGS,
            "No local.settings.json next to host.json: 'func start' then takes settings only from "
            "the environment (FUNCTIONS_WORKER_RUNTIME, AzureWebJobsStorage, connections). Create "
            "one with 'func init' or by hand, and keep it out of source control.",
            app.host_json,
            Span(0, 0),
        )
    ]


def check_python_version(ctx: CheckContext) -> Iterable[Problem]:
    """C-07: the user's interpreter (configured, or the app's .venv) is not a minor Core Tools
    accepts. An app check, reported once: on the `FUNCTIONS_WORKER_RUNTIME` value when it is
    "python" (the setting that makes Core Tools check the interpreter), else on host.json."""
    app = ctx.app
    if app is None:
        return []
    found = user_interpreter(ctx.settings.python_path, app.root)
    low, high = CORE_TOOLS_PYTHON
    if found is None or low <= found.version <= high:
        return []
    runtime = _python_runtime(ctx, app.local_settings)
    if runtime is not None:
        path, span = app.local_settings, node_span(runtime)
        where = "on FUNCTIONS_WORKER_RUNTIME, the setting that makes Core Tools check Python"
    else:
        host = ctx.workspace.json_object(app.host_json)
        path, span = app.host_json, Span(host.start, host.start + 1) if host else Span(0, 0)
        where = "on host.json: local.settings.json does not set FUNCTIONS_WORKER_RUNTIME to python"
    related: tuple[Related, ...] = ()
    if found.origin == "venv":
        related = (related_at(found.source, Span(0, 0), "the virtual environment's version"),)
    return [
        make_problem(
            PYTHON_VERSION,
            _python_message(found, low, high, where),
            path,
            span,
            related=related,
        )
    ]


def _python_runtime(ctx: CheckContext, path: str) -> JsonString | None:
    """The `FUNCTIONS_WORKER_RUNTIME` value of local.settings.json when it is "python"."""
    root = ctx.workspace.json_object(path)
    values = _get_ci(root, "Values") if root is not None else None
    if values is None or not isinstance(values.value, JsonObject):
        return None
    prop = next((p for p in values.value.properties if p.key.value.upper() == WORKER_RUNTIME), None)
    value = prop.value if prop is not None else None
    if isinstance(value, JsonString) and value.value.strip().lower() == "python":
        return value
    return None


def _python_message(
    found: UserInterpreter, low: tuple[int, int], high: tuple[int, int], where: str
) -> str:
    shown = f"{found.version[0]}.{found.version[1]}"
    if found.origin == "venv":
        subject = f"the app's virtual environment .venv is Python {shown} (from its pyvenv.cfg)"
        remedy = "Recreate .venv with a supported Python"
    else:
        subject = f"the configured interpreter '{found.source}' is Python {shown}"
        remedy = "Configure a supported interpreter (funcls pythonPath, or --python)"
    return (
        f"Core Tools runs Python apps with Python {low[0]}.{low[1]} to {high[0]}.{high[1]}, but "
        f"{subject}: with it active, 'func start' stops ('Python {low[0]}.{low[1]}.x to "
        f"{high[0]}.{high[1]}.x is required for this operation') or takes another supported "
        f"python3.x from PATH, without this environment's packages. {remedy}. (Reported {where}.)"
    )
