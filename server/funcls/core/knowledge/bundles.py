"""The extension bundle an app declares in host.json, and which binding types it provides.

The host downloads the newest bundle version inside `extensionBundle.version`; a binding type
outside the built-ins (http, timer, warm-up) must come from it (H-23). Which extension versions a
bundle major carries decides, for example, the Cosmos DB property names (H-24).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from funcls.core.app_model import AppModel
from funcls.core.host_config import HostConfig, host_config
from funcls.core.knowledge.binding_types import DEFAULT_BUNDLE_ID, DEFAULT_BUNDLE_RANGE, BindingType
from funcls.core.knowledge.bundle_catalog import host_minimum_versions
from funcls.core.knowledge.extensions_project import ExtensionsProject, extensions_project
from funcls.core.problems import Span
from funcls.core.values.version_range import RangeError, VersionRange, parse_range
from funcls.core.workspace import Workspace

LATEST_BUNDLE_MAJOR = 4
DEFAULT_BUNDLE = {"id": DEFAULT_BUNDLE_ID, "version": DEFAULT_BUNDLE_RANGE}


# An app's bundle range is the same text for each of its functions: parsing it and listing its
# majors again for every function and binding took 2.9 s of 55 (cProfile) in `funcls check` of
# 5,000 functions. Both are pure functions of immutable values; a few distinct ranges at most.
@lru_cache(maxsize=64)
def _parsed_range(text: str) -> VersionRange | RangeError:
    return parse_range(text)


@lru_cache(maxsize=64)
def _range_majors(version_range: VersionRange) -> frozenset[int]:
    return frozenset(version_range.majors())


def below_host_minimum(bundle_id: str | None, version_range: VersionRange | None) -> str | None:
    """The minimum version when no version the range selects reaches the host's minimum for this
    bundle id (the host does not start), else None."""
    if bundle_id is None or version_range is None:
        return None
    # The v4 host refuses to start below it ("Referenced bundle ... does not meet the required
    # minimum version of 2.6.1"): Azure/azure-functions-host
    # src/WebJobs.Script/extensionrequirements.json, checked by
    # ScriptStartupTypeLocator.ValidateBundleRequirements (schemas/extension-bundles.json).
    minimum = host_minimum_versions().get(bundle_id.lower())
    if minimum is None:
        return None
    floor = _parsed_range(minimum)  # a bare version means "this version or later"
    if not isinstance(floor, VersionRange):
        return None
    return None if version_range.intersects(floor) else minimum


@dataclass(frozen=True)
class BundleState:
    """What host.json says about the extension bundle."""

    host: HostConfig
    present: bool
    id: str | None
    range: VersionRange | None
    range_text: str | None
    # Without a bundle: the app's extensions.csproj, whose built extensions the host loads.
    project: ExtensionsProject | None = None

    @property
    def majors(self) -> set[int] | None:
        """Bundle majors the range can select (None when the range is missing or invalid)."""
        return None if self.range is None else set(_range_majors(self.range))

    @property
    def effective_major(self) -> int | None:
        """The major the host would load: the newest existing one inside the range."""
        majors = self.majors
        if not majors:
            return None
        existing = [m for m in majors if 1 <= m <= LATEST_BUNDLE_MAJOR]
        return max(existing) if existing else max(majors)

    @property
    def below_minimum(self) -> str | None:
        """The host's minimum version when the range stays below it (the host does not start)."""
        return below_host_minimum(self.id, self.range)

    @property
    def label(self) -> str:
        """`Microsoft.Azure.Functions.ExtensionBundle [4.*, 5.0.0)` for messages."""
        return f"{self.id or '(no id)'} {self.range_text or '(no version)'}"

    def bundle_span(self) -> Span:
        """Span of the `extensionBundle` key (or the start of host.json)."""
        root = self.host.root
        prop = root.get("extensionBundle") if root is not None else None
        return Span(prop.key.start, prop.key.end) if prop is not None else Span(0, 0)


def bundle_state(workspace: Workspace, app: AppModel) -> BundleState:
    """The bundle declared by the app's host.json."""
    host = host_config(workspace, app)
    bundle = host.bundle
    if bundle is None:
        return BundleState(host, False, None, None, None, extensions_project(workspace, app.root))
    ident = bundle.get_string("id")
    version = bundle.get_string("version")
    parsed = _parsed_range(version) if version is not None else None
    return BundleState(
        host,
        True,
        ident,
        parsed if isinstance(parsed, VersionRange) else None,
        version,
    )


def provides(state: BundleState, binding: BindingType) -> tuple[bool | None, str]:
    """Whether the declared bundle provides a type: True, False (with the reason) or None when
    it cannot be decided (invalid range)."""
    if binding.builtin:
        return True, ""
    if not state.present:
        if state.project is None:
            return False, "host.json declares no extensionBundle"
        # The bundles' lists may name the type or one of its aliases.
        if any(state.project.provides(n) for n in (binding.name, *binding.aliases)):
            return True, ""
        return False, (
            "host.json declares no extensionBundle and no package referenced in "
            "extensions.csproj provides it"
        )
    if not binding.bundle_ids:
        return False, "no extension bundle lists it, so the host loads no extension for it"
    if state.id is not None and state.id.lower() not in {i.lower() for i in binding.bundle_ids}:
        wanted = " or ".join(binding.bundle_ids)
        return False, f"it is only in {wanted}, and host.json uses {state.id}"
    majors = state.majors
    if majors is None:
        return None, ""
    if binding.min_major is not None and all(m < binding.min_major for m in majors):
        return False, (
            f"it needs extension bundle {binding.min_major}.x or later, and host.json's range "
            f"'{state.range_text}' selects {_majors_text(majors)}"
        )
    return True, ""


def _majors_text(majors: set[int]) -> str:
    listed = sorted(majors)
    if not listed:
        return "no version"
    if len(listed) == 1:
        return f"{listed[0]}.x"
    return ", ".join(f"{m}.x" for m in listed)
