"""A migration plan as a unified diff, or written to disk."""

from __future__ import annotations

import difflib
import os

from funcls.core.migrate.plan import FileChange


def unified_diff(changes: list[FileChange], root: str, read: dict[str, str] | None = None) -> str:
    """The changes as one unified diff with paths relative to `root` (`read` gives the current
    text of replaced files; by default they are read from disk)."""
    out: list[str] = []
    for change in changes:
        name = os.path.relpath(change.path, root).replace(os.sep, "/")
        before = _current(change.path, read) if change.kind != "create" else ""
        after = change.text if change.kind != "delete" else ""
        old = "/dev/null" if change.kind == "create" else f"a/{name}"
        new = "/dev/null" if change.kind == "delete" else f"b/{name}"
        if change.kind == "create" and not after:
            out.append(f"new empty file {name}\n")
            continue
        lines = difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), old, new
        )
        out.extend(line if line.endswith("\n") else line + "\n" for line in lines)
    return "".join(out)


def _current(path: str, read: dict[str, str] | None) -> str:
    if read is not None and path in read:
        return read[path]
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError:
        return ""


def apply_changes(changes: list[FileChange]) -> list[str]:
    """Write the changes to disk; the paths it could not write, with the reason."""
    failures = []
    for change in changes:
        try:
            if change.kind == "delete":
                os.remove(change.path)
            else:
                os.makedirs(os.path.dirname(change.path), exist_ok=True)
                mode = "x" if change.kind == "create" else "w"
                with open(change.path, mode, encoding="utf-8", newline="\n") as handle:
                    handle.write(change.text)
        except OSError as error:
            failures.append(f"{change.path}: {error.strerror or error}")
    return failures
