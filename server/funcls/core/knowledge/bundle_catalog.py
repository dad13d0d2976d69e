"""Which binding types each extension bundle carries, per bundle id and major.

The facts come from `schemas/extension-bundles.json`, derived from the bundles' own
`extensions.json` (Azure/azure-functions-extension-bundles, one branch per major and for the
Preview and Experimental bundles; the file cites branch and commit). The host loads an extension
only when one of its listed binding types is used, so a type missing from every list of a bundle is
not registered with it.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from funcls.core import schemas

log = logging.getLogger(__name__)

DATA_FILE = "extension-bundles.json"


@dataclass(frozen=True)
class Availability:
    """Where a binding type is provided: the bundle ids and the first major of each."""

    first_major: dict[str, int]

    @property
    def ids(self) -> tuple[str, ...]:
        """Bundle ids carrying the type, the main bundle first."""
        return tuple(sorted(self.first_major, key=lambda i: (len(i), i)))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    path = os.path.join(schemas.schema_dir(), DATA_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            data: dict[str, Any] = json.load(handle)
    except (OSError, ValueError):
        log.warning("%s not available; bundle contents unknown", DATA_FILE)
        return {}
    return data


@lru_cache(maxsize=1)
def _catalog() -> dict[str, Availability]:
    found: dict[str, dict[str, int]] = {}
    for bundle in _data().get("bundles", []):
        ident = str(bundle.get("id", ""))
        major = bundle.get("major")
        if not ident or not isinstance(major, int):
            continue
        for extension in bundle.get("extensions", []):
            for name in extension.get("bindings", []):
                firsts = found.setdefault(str(name).lower(), {})
                firsts[ident] = min(firsts.get(ident, major), major)
    return {name: Availability(firsts) for name, firsts in found.items()}


def availability(type_name: str) -> Availability | None:
    """Where the bundles carry a binding type (matched ignoring case, as the host does), or None
    when no bundle lists it."""
    return _catalog().get(type_name.lower())


def listed_types() -> frozenset[str]:
    """Every binding type some bundle lists, lower case."""
    return frozenset(_catalog())


def host_minimum_versions() -> dict[str, str]:
    """Bundle id (lower case) -> the lowest version the v4 host starts with."""
    minimums = _data().get("hostMinimumVersion", {})
    return (
        {str(k).lower(): str(v) for k, v in minimums.items()} if isinstance(minimums, dict) else {}
    )


def host_minimum_package_versions() -> dict[str, str]:
    """Extension package id (lower case) -> the lowest version the v4 host starts with when the
    app builds its extensions itself (extensions.csproj, no bundle)."""
    minimums = _data().get("hostMinimumPackageVersion", {})
    return (
        {str(k).lower(): str(v) for k, v in minimums.items()} if isinstance(minimums, dict) else {}
    )


@lru_cache(maxsize=1)
def _package_bindings() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for bundle in _data().get("bundles", []):
        for extension in bundle.get("extensions", []):
            ident = str(extension.get("id", "")).lower()
            if ident:
                names = found.setdefault(ident, set())
                names.update(str(n).lower() for n in extension.get("bindings", []))
    return {ident: frozenset(names) for ident, names in found.items()}


def package_bindings(package_id: str) -> frozenset[str]:
    """Binding types (lower case) an extension package registers, as some bundle lists them for
    that package (any version: what one version of the package is known to provide)."""
    return _package_bindings().get(package_id.lower(), frozenset())
