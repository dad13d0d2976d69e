"""requirements.txt read the way pip reads it: the one parser of that file.

Comments, `\\` continuations and `--hash` options are dropped; each remaining logical line is an
option (`-r other.txt`, `--index-url ...`, `-e <location>`), a location (a URL, an archive or a
local path, which pip installs without a name) or a requirement, parsed with `packaging` as pip
parses it. The requirements checks read the requirements and their errors; the import checks read
which distributions the file installs, following `-r` includes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    parse_sdist_filename,
    parse_wheel_filename,
)

_OPTION = re.compile(r"^-{1,2}[A-Za-z]")
_HASH = re.compile(r"\s--hash[=\s]")
_INCLUDE = re.compile(r"^(?:-r|--requirement)(?:\s+|=)(\S.*)$")
_EGG = re.compile(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class RequirementLine:
    """One logical line: its content, where it is, what kind it is and what it installs."""

    text: str  # without its comment and hashes
    start: int
    end: int  # end of the line's content (before the newline)
    line_end: int  # after the newline
    number: int  # 0-based, of the physical line it starts on
    kind: str  # requirement, option or location
    requirement: Requirement | None  # a requirement line that packaging parses
    error: str | None  # why packaging refuses a requirement line

    @property
    def distribution(self) -> str | None:
        """The distribution the line installs: the requirement's name, or for a location (or
        an editable) the `#egg=` name, the name of a direct reference (`name @ url`) or the
        archive's file name pip reads it from."""
        if self.kind == "requirement":
            return self.requirement.name if self.requirement is not None else None
        egg = _EGG.search(self.text)
        if egg:
            return egg.group(1)
        if self.kind != "location":
            return None
        try:  # a direct reference, `name @ https://...`
            return Requirement(self.text).name
        except InvalidRequirement:
            return _archive_distribution(self.text)

    @property
    def include(self) -> str | None:
        """The file a `-r` / `--requirement` line includes (relative to this file's folder)."""
        if self.kind != "option":
            return None
        match = _INCLUDE.match(self.text)
        return match.group(1).strip() if match else None


def parse(text: str) -> list[RequirementLine]:
    """Every logical line of a requirements file that is not empty or only a comment."""
    result: list[RequirementLine] = []
    offset = 0
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        start, number = offset, index
        raw = lines[index]
        logical = raw.rstrip("\r\n")
        while logical.endswith("\\") and index + 1 < len(lines):
            index += 1
            nxt = lines[index]
            raw += nxt
            logical = logical[:-1] + nxt.rstrip("\r\n")
        index += 1
        offset += len(raw)
        body = re.split(r"(^|\s)#", logical, maxsplit=1)[0].strip()
        body = _HASH.split(" " + body, maxsplit=1)[0].strip()
        if not body:
            continue
        lead = len(logical) - len(logical.lstrip())
        content_end = start + len(raw.rstrip("\r\n"))
        if "\n" not in raw.rstrip("\r\n") and "\r" not in raw.rstrip("\r\n"):
            content_end = start + lead + len(body)  # one physical line: the requirement only
        kind = "option" if _OPTION.match(body) else "location" if _is_location(body) else None
        requirement, error = None, None
        if kind is None:
            kind = "requirement"
            try:
                requirement = Requirement(body)
            except InvalidRequirement as exc:
                error = str(exc)
        result.append(
            RequirementLine(
                body, start + lead, content_end, offset, number, kind, requirement, error
            )
        )
    return result


def requirement_lines(text: str) -> list[RequirementLine]:
    """The requirement lines of a requirements file (options and locations left out)."""
    return [line for line in parse(text) if line.kind == "requirement"]


def _is_location(body: str) -> bool:
    """URLs, archives and local paths, which pip accepts without a name."""
    return (
        "://" in body
        or body.startswith((".", "/", "~"))
        or bool(re.match(r"^[A-Za-z]:[\\/]", body))
        or body.endswith((".whl", ".tar.gz", ".zip"))
    )


def _archive_distribution(line: str) -> str | None:
    """The distribution a wheel or sdist named by path or URL installs (pip reads it from the
    file name: PEP 427 for wheels, `name-version.tar.gz` for sdists), None for anything else."""
    location = line.split()[0].split("#", 1)[0].split("?", 1)[0]
    filename = location.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        if filename.endswith(".whl"):
            return str(parse_wheel_filename(filename)[0])
        if filename.endswith((".tar.gz", ".zip")):
            return str(parse_sdist_filename(filename)[0])
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None
    return None
