"""extensions.csproj: referenced extensions older than the v4 host's minimum (FUNC410).

Without `extensionBundle` in host.json the host loads every extension the project builds, and the
v4 host refuses to start when one is older than its minimum (Azure/azure-functions-host
src/WebJobs.Script/DependencyInjection/ScriptStartupTypeLocator.cs,
ValidateExtensionRequirements, @89dc438d4765). The project is read by
`knowledge/extensions_project.py`; the minimums are in schemas/extension-bundles.json.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from funcls.core.checks.base import CheckContext
from funcls.core.host_config import host_config
from funcls.core.knowledge.bundle_catalog import host_minimum_package_versions
from funcls.core.knowledge.extensions_project import lowest_version, parse_references
from funcls.core.problems import Code, Problem, Severity, make_problem
from funcls.core.sources import SourceFile

OLD_EXTENSION = Code(
    "FUNC410",
    Severity.ERROR,
    "Extension package in extensions.csproj below the minimum version the v4 host accepts",
    ("H-23",),
)

CODES = (OLD_EXTENSION,)


def check_extensions_project(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Referenced extensions older than the v4 host's minimum, when no bundle replaces them."""
    if source.text is None or ctx.app is None:
        return []
    if os.path.normcase(os.path.dirname(source.path)) != os.path.normcase(ctx.app.root):
        return []  # only the one next to host.json is built into bin/extensions.json
    if host_config(ctx.workspace, ctx.app).bundle is not None:
        return []  # the host loads the bundle's extensions and ignores this project
    minimums = host_minimum_package_versions()
    problems: list[Problem] = []
    for reference in parse_references(source.text):
        minimum = minimums.get(reference.package.lower())
        if minimum is None or reference.version is None or reference.version_span is None:
            continue
        lowest = lowest_version(reference.version)
        floor = lowest_version(minimum)
        if lowest is None or floor is None or lowest >= floor:
            continue
        problems.append(
            make_problem(
                OLD_EXTENSION,
                f"{reference.package} {reference.version} is below {minimum}, the minimum the "
                "Functions v4 host accepts: once the extensions are built, the host refuses to "
                f'start ("... does not meet the required minimum version ... Update your NuGet '
                f'package reference for {reference.package} to {minimum} or later"). Reference '
                f"{minimum} or later, or remove extensions.csproj and use the extension bundle "
                "in host.json.",
                source.path,
                reference.version_span,
            )
        )
    return problems
