"""NuGet version ranges and package ids, as the host reads host.json `extensionBundle` (H-44, H-45).

The host calls NuGet's `VersionRange.TryParse(value, allowFloating: true)`: interval notation
(`[4.0.0, 5.0.0)`, `(,2.0]`, `[1.0]`), a bare version meaning "this version or later", and a
floating lower bound (`4.*`, `[4.*, 5.0.0)`, `*`); the upper bound cannot float. Versions have
one to four numeric parts, an optional `-prerelease` label and `+metadata`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from funcls.core.values.issue import ValueIssue

_INT32_MAX = 2**31 - 1
_LABEL_RE = re.compile(r"[0-9A-Za-z-]+")
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Nd", "Pc"})


@dataclass(frozen=True, kw_only=True)
class RangeError(ValueIssue):
    """A version range NuGet cannot parse."""


@dataclass(frozen=True)
class NuGetVersion:
    """A NuGet version: up to four numbers, release labels and (ignored in ordering) metadata."""

    major: int
    minor: int = 0
    patch: int = 0
    revision: int = 0
    release: tuple[str, ...] = ()
    metadata: str = ""

    def key(self) -> tuple[object, ...]:
        """A sort key in NuGet's version order (prerelease before release; labels compared)."""
        labels: list[tuple[int, int, str]] = []
        for label in self.release:
            if label.isdigit():
                labels.append((0, int(label), ""))
            else:
                labels.append((1, 0, label.lower()))
        return (
            self.major,
            self.minor,
            self.patch,
            self.revision,
            0 if self.release else 1,
            tuple(labels),
        )

    def __str__(self) -> str:
        """Normalised text: `4.0.0`, `1.2.3.4`, `1.0.0-beta.1`."""
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.revision:
            text += f".{self.revision}"
        if self.release:
            text += "-" + ".".join(self.release)
        return text

    def stable(self) -> NuGetVersion:
        """The same numbers without labels or metadata."""
        return NuGetVersion(self.major, self.minor, self.patch, self.revision)


def _valid_part(part: str, allow_leading_zeros: bool) -> bool:
    if not part or not _LABEL_RE.fullmatch(part):
        return False
    if not allow_leading_zeros and len(part) > 1 and part[0] == "0" and part.isdigit():
        return False
    return True


def parse_version(text: str) -> NuGetVersion | None:
    """Parse a NuGet version (`4`, `4.0`, `4.0.0`, `1.2.3.4`, `1.0.0-beta+sha`), or None."""
    value = text.strip()
    if not value:
        return None
    core, plus, metadata = value.partition("+")
    numbers, dash, release_text = core.partition("-")
    if plus and not metadata:
        return None
    if dash and not release_text:
        return None
    pieces = numbers.split(".")
    if not 1 <= len(pieces) <= 4:
        return None
    parts: list[int] = []
    for piece in pieces:
        stripped = piece.strip()
        if not re.fullmatch(r"\+?[0-9]+", stripped):
            return None
        number = int(stripped)
        if number > _INT32_MAX:
            return None
        parts.append(number)
    release: tuple[str, ...] = ()
    if release_text:
        release = tuple(release_text.split("."))
        if not all(_valid_part(label, False) for label in release):
            return None
    if metadata and not all(_valid_part(p, True) for p in metadata.split(".")):
        return None
    while len(parts) < 4:
        parts.append(0)
    return NuGetVersion(parts[0], parts[1], parts[2], parts[3], release, metadata)


def _float_min(text: str) -> tuple[NuGetVersion, str] | None:
    """NuGet's FloatRange.TryParse: the lower bound of a floating version and its behaviour."""
    if not text.strip():
        return None
    first, last = text.find("*"), text.rfind("*")
    if len(text) == 1 and first == 0:
        return NuGetVersion(0), "major"
    if text == "*-*":
        return NuGetVersion(0, release=("0",)), "absolute-latest"
    if first != last and last != -1 and "+" not in text:
        dash = text.find("-")
        if dash != -1 and last == len(text) - 1 and first == dash - 1:
            stable = text[: dash - 1] + "0"
            prefix = text[dash + 1 : -1]
            release = prefix + "0" if (not prefix or prefix.endswith(".")) else prefix
            version = parse_version(stable + "-" + release)
            return (version, "prerelease-float") if version else None
        return None
    if last == len(text) - 1 and "+" not in text:
        actual = text[:-1]
        if "-" not in text:
            actual += "0"
            dots = actual.count(".") + 1
            behaviour = {2: "minor", 3: "patch", 4: "revision"}.get(dots, "none")
        else:
            behaviour = "prerelease"
            if text.find("-") == text.rfind("-"):
                prefix = actual[text.rfind("-") + 1 :]
                if not prefix or actual.endswith("."):
                    actual += "0"
                elif actual.endswith("-"):
                    actual += "-"
        version = parse_version(actual)
        return (version, behaviour) if version else None
    version = parse_version(text)
    return (version, "none") if version else None


def _compare(a: NuGetVersion, b: NuGetVersion) -> int:
    ka, kb = a.key(), b.key()
    return (ka > kb) - (ka < kb)


@dataclass(frozen=True)
class VersionRange:
    """A parsed NuGet version range (either bound may be open: None)."""

    text: str
    min_version: NuGetVersion | None
    include_min: bool
    max_version: NuGetVersion | None
    include_max: bool
    floating: str | None = None
    warnings: tuple[ValueIssue, ...] = field(default=())

    def contains(self, version: tuple[int, ...] | NuGetVersion | str) -> bool:
        """True when the version satisfies the range (`(4, 2, 0)`, `"4.2.0"` or a NuGetVersion)."""
        if isinstance(version, str):
            parsed = parse_version(version)
            if parsed is None:
                return False
            version = parsed
        elif isinstance(version, tuple):
            numbers = list(version[:4]) + [0] * (4 - min(len(version), 4))
            version = NuGetVersion(numbers[0], numbers[1], numbers[2], numbers[3])
        if self.min_version is not None:
            order = _compare(version, self.min_version)
            if order < 0 or (order == 0 and not self.include_min):
                return False
        if self.max_version is not None:
            order = _compare(version, self.max_version)
            if order > 0 or (order == 0 and not self.include_max):
                return False
        return True

    def majors(self, limit: int = 20) -> set[int]:
        """Major versions 0..`limit` that have at least one stable version inside the range.

        Used to decide which bundle majors (and so which binding types) the range can select:
        `[4.*, 5.0.0)` gives {4}; an open range such as `[4.0.0, )` gives {4, 5, ..., limit}.
        """
        found: set[int] = set()
        low = self.min_version
        for major in range(0, limit + 1):
            if low is None or low.major < major:
                candidate = NuGetVersion(major)
            elif low.major > major:
                continue
            else:
                candidate = low.stable()
                if _compare(candidate, low) == 0 and not self.include_min:
                    candidate = NuGetVersion(low.major, low.minor, low.patch, low.revision + 1)
            if self.contains(candidate):
                found.add(major)
        return found

    def intersects(self, other: VersionRange) -> bool:
        """True when some version satisfies both ranges."""
        low, low_inc = self.min_version, self.include_min
        if other.min_version is not None:
            if low is None:
                low, low_inc = other.min_version, other.include_min
            else:
                order = _compare(other.min_version, low)
                if order > 0:
                    low, low_inc = other.min_version, other.include_min
                elif order == 0:
                    low_inc = low_inc and other.include_min
        high, high_inc = self.max_version, self.include_max
        if other.max_version is not None:
            if high is None:
                high, high_inc = other.max_version, other.include_max
            else:
                order = _compare(other.max_version, high)
                if order < 0:
                    high, high_inc = other.max_version, other.include_max
                elif order == 0:
                    high_inc = high_inc and other.include_max
        if low is None or high is None:
            return True
        order = _compare(low, high)
        return order < 0 or (order == 0 and low_inc and high_inc)

    def normalized(self) -> str:
        """Interval notation: `[4.0.0, 5.0.0)`, `[4.0.0, )`, `[1.0.0]`."""
        if (
            self.min_version is not None
            and self.max_version is not None
            and self.include_min
            and self.include_max
            and _compare(self.min_version, self.max_version) == 0
        ):
            return f"[{self.min_version}]"
        low = str(self.min_version) if self.min_version is not None else ""
        high = str(self.max_version) if self.max_version is not None else ""
        return (
            ("[" if self.include_min else "(")
            + low
            + ", "
            + high
            + ("]" if self.include_max else ")")
        )


def _error(start: int, end: int, message: str, suggestion: str | None = None) -> RangeError:
    return RangeError(
        start=start,
        end=end,
        code="version-range.invalid",
        message=message,
        suggestion=suggestion,
    )


def _part_span(part_start: int, part: str) -> tuple[int, int]:
    lead = len(part) - len(part.lstrip())
    stripped = part.strip()
    return part_start + lead, part_start + lead + max(len(stripped), 0)


def _version_problem(part: str) -> str:
    stripped = part.strip()
    if re.fullmatch(r"\d+(\.\d+)*\.[xX](\.[xX])*", stripped):
        return f"'{stripped}' is not a NuGet version; float with '*', as in {stripped[:-1]}*."
    if stripped[:1] in ("v", "V") and parse_version(stripped[1:]):
        return f"'{stripped}' is not a NuGet version; drop the 'v'."
    return f"'{stripped}' is not a valid version (expected numbers such as 4.0.0)."


def parse_range(text: str) -> VersionRange | RangeError:
    """Parse a NuGet version range the way the host does for `extensionBundle.version`.

    Over 80 lines on purpose: it follows NuGet's `VersionRange.TryParse` in order (brackets,
    bounds, floating versions), each step with its own error span and fix.

    Errors carry a span and a message; open-ended ranges come back with a warning, because a
    future major bundle with breaking changes would be picked up automatically.
    """
    value = text.strip()
    lead = len(text) - len(text.lstrip())
    end = lead + len(value)
    if not value:
        return _error(
            0,
            len(text),
            "The version range is empty; use [4.*, 5.0.0) for the current bundle.",
            "[4.*, 5.0.0)",
        )
    if value[0] in "<>=~^":
        bare = value.lstrip("<>=~^ ")
        fix = f"[{bare}, )" if parse_version(bare) else None
        return _error(
            lead,
            end,
            "NuGet ranges use interval notation, not operators: "
            + (f"write {fix} for '{value}'." if fix else "for example [4.*, 5.0.0)."),
            fix,
        )
    if value == "*":
        return VersionRange(
            text, NuGetVersion(0), True, None, False, "major", _open_warning(lead, end)
        )
    if value[0] in "[(":
        include_min = value[0] == "["
        if value[-1] not in "])":
            return _error(
                end - 1,
                end,
                "The range is missing its closing ']' or ')'.",
                text[:end] + ")" + text[end:] if "," in value else None,
            )
        include_max = value[-1] == "]"
        inner = value[1:-1]
        inner_start = lead + 1
        pieces = inner.split(",")
        if len(pieces) > 2:
            return _error(lead, end, "A range has at most two bounds separated by one comma.")
        if all(not p for p in pieces):
            return _error(lead, end, "The range has no bounds; write at least one version.")
        if len(pieces) == 1 and not (include_min and include_max):
            return _error(
                lead,
                end,
                f"A single version inside brackets must use [ ]: [{inner.strip()}] means exactly "
                f"that version; [{inner.strip()}, ) means that version or later.",
            )
        min_text = pieces[0]
        max_text = pieces[1] if len(pieces) == 2 else pieces[0]
        min_start = inner_start
        max_start = inner_start + len(pieces[0]) + 1 if len(pieces) == 2 else inner_start
    else:
        include_min, include_max = True, False
        min_text, max_text = value, None
        min_start, max_start = lead, lead
        if "," in value:
            return _error(
                lead,
                end,
                f"A range with two bounds needs brackets, for example [{value}).",
                f"[{value})" if all(parse_version(p) for p in value.split(",")) else None,
            )
    min_version: NuGetVersion | None = None
    max_version: NuGetVersion | None = None
    floating: str | None = None
    if min_text.strip():
        if "*" in min_text:
            parsed = _float_min(min_text)
            if parsed is None:
                s, e = _part_span(min_start, min_text)
                return _error(
                    s,
                    e,
                    f"'{min_text.strip()}' is not a valid floating version; a '*' may only end "
                    "the version, as in 4.* or 4.0.*.",
                )
            min_version, floating = parsed
        else:
            min_version = parse_version(min_text)
            if min_version is None:
                s, e = _part_span(min_start, min_text)
                return _error(s, e, _version_problem(min_text))
    if max_text is not None and max_text.strip():
        if "*" in max_text:
            s, e = _part_span(max_start, max_text)
            return _error(
                s,
                e,
                f"The upper bound '{max_text.strip()}' cannot float; write an exact version, as "
                "in [4.*, 5.0.0).",
            )
        max_version = parse_version(max_text)
        if max_version is None:
            s, e = _part_span(max_start, max_text)
            return _error(s, e, _version_problem(max_text))
    if min_version is not None and max_version is not None:
        order = _compare(min_version, max_version)
        if order > 0:
            return _error(lead, end, "The lower bound is higher than the upper bound.")
        if order == 0 and include_min != include_max:
            return _error(
                lead, end, "The two bounds are the same version, so no version fits this range."
            )
    warnings: tuple[ValueIssue, ...] = ()
    if max_version is None:
        warnings = _open_warning(lead, end)
    return VersionRange(
        text, min_version, include_min, max_version, include_max, floating, warnings
    )


def _open_warning(start: int, end: int) -> tuple[ValueIssue, ...]:
    return (
        ValueIssue(
            start=start,
            end=end,
            warning=True,
            code="version-range.open",
            message="This range has no upper bound, so a future major bundle version (with "
            "breaking changes) would be used automatically; bound it, as in [4.*, 5.0.0).",
        ),
    )


def is_valid_package_id(text: str) -> bool:
    """NuGet's package id rule: word characters in runs separated by single '.' or '-'.

    Mirrors `^\\w+([.-]\\w+)*$` with .NET's `\\w` (letters, marks, digits, connector punctuation
    such as '_'); the id length is not checked here, as the host does not check it.
    """
    if not text.strip():
        return False
    if text.endswith("\n"):
        text = text[:-1]  # .NET '$' also matches before a final newline
    if not text:
        return False
    previous_separator = True
    for ch in text:
        if ch in ".-":
            if previous_separator:
                return False
            previous_separator = True
        elif unicodedata.category(ch) in _WORD_CATEGORIES:
            previous_separator = False
        else:
            return False
    return not previous_separator
