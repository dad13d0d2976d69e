"""What the function.json schema says about binding types, as the semantic checks need it.

The schema's `definitions.<type>` carry `x-trigger`, `x-builtIn`, `x-bundle` ({ids, minMajor}),
`x-legacy`/`x-renamedTo` and `x-aliases`; their properties carry `x-appSetting` ("name" or
"name-or-expression"), `x-bindingExpressions` (`{token}` and `%Setting%`, the extensions'
`[AutoResolve]`), `x-settingExpressions` (`%Setting%` only), `x-renamedTo` with `x-renamedIn` (the
era of a rename) and `x-removedIn`. This module reads them once and
answers by type name, exactly or ignoring case (the host ignores case, the Python worker does not).
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from funcls.core import schemas
from funcls.core.knowledge import bundle_catalog, converters

log = logging.getLogger(__name__)

DEFAULT_BUNDLE_ID = "Microsoft.Azure.Functions.ExtensionBundle"
DEFAULT_BUNDLE_RANGE = "[4.*, 5.0.0)"

# Canonical spellings of the types the extension bundles list (bundle_catalog) whose properties
# funcls does not describe: accepted without property checks. Where each is available comes from
# the bundles' data; a test keeps this list and the data in step.
UNDESCRIBED_BUNDLE_TYPES: tuple[str, ...] = (
    "signalREndpoints",
    "signalRNegotiation",
    "webPubSubRequest",
    "mcpToolProperty",
    "mcpResourceTrigger",
    "mcpPromptTrigger",
    "FabricItem",
    "UdfProperty",
    "UserDataFunctionContext",
    "cosmosDBMongoTrigger",
    "cosmosDBMongo",
    "socketioTrigger",
    "socketioNegotiation",
    "socketio",
    "connectorTrigger",
)


@dataclass(frozen=True)
class Rename:
    """A property renamed between two eras (`x-renamedIn` in the schema).

    `bundle_major` is the first extension-bundle major whose extension reads `new`; None when the
    rename came with runtime 2.x, so every bundle a v4 host accepts reads `new`. What the
    extension does with the name it does not know: `indexing` (a constructor parameter is
    missing, the function is not indexed), `invocation` (the value is never set, every invocation
    fails) or `ignored` (the default applies: `fallback`).
    """

    old: str
    new: str
    before: str
    since: str
    bundle_major: int | None
    when_old_alone: str
    when_new_alone: str
    fallback: str | None


@dataclass(frozen=True)
class BindingType:
    """One binding type as the schema describes it."""

    name: str
    definition: dict[str, Any] = field(repr=False)
    trigger: bool
    builtin: bool
    bundle_ids: tuple[str, ...]
    min_major: int | None
    legacy: str | None
    renamed_to: str | None
    aliases: tuple[str, ...]
    described: bool = True

    @property
    def has_converter(self) -> bool:
        """True when the Python worker has a converter for this exact type string, as the
        installed azure-functions library registers them. The worker looks converters up by
        the exact type string, so a differently cased type loses its converter."""
        return self.name in converters.known_types()

    def properties(self) -> dict[str, dict[str, Any]]:
        """Declared properties (name -> subschema)."""
        props = self.definition.get("properties", {})
        return props if isinstance(props, dict) else {}

    def setting_properties(self) -> dict[str, str]:
        """Properties naming app settings: name -> "name" | "name-or-expression"."""
        return {
            name: str(schema["x-appSetting"])
            for name, schema in self.properties().items()
            if isinstance(schema, dict) and schema.get("x-appSetting")
        }

    def expression_properties(self) -> frozenset[str]:
        """Properties whose `{token}` and `%Setting%` expressions the host resolves."""
        return frozenset(
            name
            for name, schema in self.properties().items()
            if isinstance(schema, dict) and schema.get("x-bindingExpressions")
        )

    def setting_expression_properties(self) -> frozenset[str]:
        """Properties whose `%Setting%` (only, not `{token}`) the extension resolves itself
        (`x-settingExpressions`: `INameResolver.ResolveWholeString` in a trigger's provider)."""
        return frozenset(
            name
            for name, schema in self.properties().items()
            if isinstance(schema, dict) and schema.get("x-settingExpressions")
        )

    def renamed_properties(self) -> dict[str, str]:
        """Old property name (runtime 1.x or an older extension major) -> new name."""
        return {
            name: str(schema["x-renamedTo"])
            for name, schema in self.properties().items()
            if isinstance(schema, dict) and schema.get("x-renamedTo")
        }

    def renames(self) -> list[Rename]:
        """Every renamed property with its era (`x-renamedTo` + `x-renamedIn`)."""
        found: list[Rename] = []
        for name, schema in self.properties().items():
            if not isinstance(schema, dict) or not schema.get("x-renamedTo"):
                continue
            era = schema.get("x-renamedIn")
            era = era if isinstance(era, dict) else {}
            major = era.get("bundleMajor")
            found.append(
                Rename(
                    old=name,
                    new=str(schema["x-renamedTo"]),
                    before=str(era.get("before", "an older version")),
                    since=str(era.get("since", "the current version")),
                    bundle_major=major if isinstance(major, int) else None,
                    when_old_alone=str(era.get("whenOldAlone", "ignored")),
                    when_new_alone=str(era.get("whenNewAlone", "ignored")),
                    fallback=str(era["fallback"]) if era.get("fallback") else None,
                )
            )
        return found


def _provided_by(name: str, definition: dict[str, Any]) -> tuple[tuple[str, ...], int | None]:
    """Bundle ids carrying a type and the first main-bundle major (or the first of any id) that
    does, from the bundles' own extensions.json (bundle_catalog); majors below 2 count as 2, the
    lowest a v4 host starts with. Built-in types need no bundle."""
    if definition.get("x-builtIn"):
        return (), None
    found = bundle_catalog.availability(name)
    if found is None:
        return (), None
    firsts = found.first_major
    main = firsts.get(DEFAULT_BUNDLE_ID)
    first = main if main is not None else min(firsts.values())
    return found.ids, max(first, 2)


@lru_cache(maxsize=1)
def _catalog() -> tuple[dict[str, BindingType], dict[str, BindingType]]:
    exact: dict[str, BindingType] = {}
    folded: dict[str, BindingType] = {}
    try:
        definitions = schemas.binding_definitions()
    except (OSError, ValueError, KeyError):
        log.warning("function.json schema not available; binding types unknown")
        definitions = {}
    for name, definition in definitions.items():
        aliases = definition.get("x-aliases") or []
        ids, min_major = _provided_by(name, definition)
        entry = BindingType(
            name=name,
            definition=definition,
            trigger=bool(definition.get("x-trigger")),
            builtin=bool(definition.get("x-builtIn")),
            bundle_ids=tuple(str(i) for i in ids),
            min_major=min_major if isinstance(min_major, int) else None,
            legacy=definition.get("x-legacy"),
            renamed_to=definition.get("x-renamedTo"),
            aliases=tuple(str(a) for a in aliases),
        )
        exact[name] = entry
        folded.setdefault(name.lower(), entry)
        for alias in entry.aliases:
            exact.setdefault(alias, entry)
    for name in UNDESCRIBED_BUNDLE_TYPES:
        if name.lower() in folded:
            continue
        ids, min_major = _provided_by(name, {})
        entry = BindingType(
            name=name,
            definition={},
            trigger=name.lower().endswith("trigger"),
            builtin=False,
            bundle_ids=ids,
            min_major=min_major,
            legacy=None,
            renamed_to=None,
            aliases=(),
            described=False,
        )
        exact[name] = entry
        folded[name.lower()] = entry
    return exact, folded


def exact(type_name: str) -> BindingType | None:
    """The type spelled exactly so (canonical spelling or an accepted alias)."""
    return _catalog()[0].get(type_name)


def ignoring_case(type_name: str) -> BindingType | None:
    """The type whose name equals `type_name` ignoring case (how the host matches)."""
    return _catalog()[1].get(type_name.lower())


def all_types() -> list[BindingType]:
    """Every known type, canonical spelling, described ones first."""
    unique: dict[str, BindingType] = {}
    for entry in _catalog()[1].values():
        unique.setdefault(entry.name, entry)
    return list(unique.values())


def suggest(type_name: str, limit: int = 3) -> list[str]:
    """Known types close to a misspelt one (compared ignoring case)."""
    names = {t.name.lower(): t.name for t in all_types() if not t.legacy}
    matches = difflib.get_close_matches(type_name.lower(), list(names), n=limit, cutoff=0.75)
    return [names[m] for m in matches]
