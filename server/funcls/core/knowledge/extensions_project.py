"""extensions.csproj: the extensions an app installs itself instead of using an extension bundle.

Without `extensionBundle` in host.json, the host loads the extensions listed in bin/extensions.json,
which building extensions.csproj (`func extensions install`, `dotnet build`) produces; every one of
them is loaded, used or not, and the v4 host refuses to start when one is older than its minimum
(Azure/azure-functions-host src/WebJobs.Script/DependencyInjection/ScriptStartupTypeLocator.cs,
ValidateExtensionRequirements, @89dc438d4765; the minimums are in schemas/extension-bundles.json).
With a bundle the host ignores extensions.csproj.

The file is read as text, never with an XML parser: only `<PackageReference Include=".."
Version=".." />` (or a `<Version>` child) matter, and reading them with a pattern keeps exact
offsets and cannot be made to expand entities.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from funcls.core.knowledge.bundle_catalog import package_bindings
from funcls.core.problems import Span
from funcls.core.workspace import Workspace

EXTENSIONS_PROJECT = "extensions.csproj"

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_REFERENCE = re.compile(r"<PackageReference\b([^<>]*?)(/?)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_VERSION_CHILD = re.compile(r"<Version>\s*([^<]*?)\s*</Version>", re.IGNORECASE)
_END = re.compile(r"</PackageReference\s*>", re.IGNORECASE)
# A NuGet version or a range's inclusive lower bound: what restore picks (the lowest match).
# Floating versions ('2.*') and exclusive bounds are not decided here.
_LOWEST = re.compile(r"^\s*\[?\s*(\d+(?:\.\d+){0,3})(?:-[0-9A-Za-z.-]+)?\s*(?:,[^*]*)?\]?\s*$")


@dataclass(frozen=True)
class PackageReference:
    """One `<PackageReference>`: the package id, its version text and where they are."""

    package: str
    version: str | None
    include_span: Span
    version_span: Span | None


@dataclass(frozen=True)
class ExtensionsProject:
    """The package references of an app's extensions.csproj."""

    path: str
    references: tuple[PackageReference, ...]

    def provides(self, type_name: str) -> bool:
        """Whether a referenced package registers the binding type (matched ignoring case)."""
        wanted = type_name.lower()
        return any(wanted in package_bindings(r.package) for r in self.references)


def parse_references(text: str) -> tuple[PackageReference, ...]:
    """Every `<PackageReference Include=..>` outside comments, with exact offsets."""
    # Comments are blanked out, keeping every offset of the rest.
    text = _COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    found: list[PackageReference] = []
    for match in _REFERENCE.finditer(text):
        attributes = {
            a.group(1).lower(): (
                a.group(2) if a.group(2) is not None else a.group(3),
                match.start(1) + a.start(2 if a.group(2) is not None else 3),
            )
            for a in _ATTRIBUTE.finditer(match.group(1))
        }
        include = attributes.get("include")
        if include is None or not include[0].strip():
            continue
        package, start = include
        version = attributes.get("version")
        version_text: str | None = None
        version_span: Span | None = None
        if version is not None:
            version_text, at = version
            version_span = Span(at, at + len(version_text))
        elif not match.group(2):  # <PackageReference ...> ... <Version>x</Version> ... </...>
            end = _END.search(text, match.end())
            child = _VERSION_CHILD.search(text, match.end(), end.start() if end else len(text))
            if child is not None:
                version_text = child.group(1)
                version_span = Span(child.start(1), child.end(1))
        found.append(
            PackageReference(
                package.strip(), version_text, Span(start, start + len(package)), version_span
            )
        )
    return tuple(found)


def extensions_project(workspace: Workspace, app_root: str) -> ExtensionsProject | None:
    """The app's extensions.csproj (next to host.json), or None when there is none."""
    path = os.path.join(app_root, EXTENSIONS_PROJECT)
    source = workspace.read(path)
    if source is None or source.text is None:
        return None
    return ExtensionsProject(source.path, parse_references(source.text))


def lowest_version(text: str) -> tuple[int, ...] | None:
    """The version NuGet restores for a plain version or a range with an inclusive lower bound;
    None when that is not decided by the text alone."""
    match = _LOWEST.match(text)
    if match is None or "(" in text:
        return None
    return _version_tuple(match.group(1))


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (4 - len(parts)))
