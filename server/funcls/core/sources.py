"""Reading files as the analysis sees them: open editor buffers win over disk.

Disk files are decoded as UTF-8 (a BOM is dropped, as editors drop it); binary files, invalid UTF-8
and files over the size limit are not analysed and say why; so are open buffers over the limit.
Reads are cached by (mtime, size). Open buffers are stored in a dict that is replaced on every
change, so a reader on another thread always sees one consistent state.

Every change bumps `generation` and is logged, so caches can ask what changed since the
generation they were built at (`changes_since`) and redo only that.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from dataclasses import dataclass
from stat import S_ISREG

# Files above this size are reported and not analysed (a real function.json is a few KB).
MAX_JSON_BYTES = 512 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024
_CHANGE_LOG = 4096
_READ_ONLY = "a snapshot of the sources is read-only"


def normalize_path(path: str) -> str:
    """The one spelling of a path used as a key everywhere (absolute, normalised)."""
    # `abspath` of an absolute path is its `normpath`: normalising it once more, as
    # `normpath(abspath(path))` does, was half the cost of 150,000 calls at 5,000 functions
    if os.path.isabs(path):
        return os.path.normcase(os.path.normpath(path))
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


@dataclass(frozen=True)
class SourceFile:
    """One file's text, or the reason it has none.

    `version` is the editor's version for open buffers and None for disk reads.
    """

    path: str
    text: str | None
    version: int | None = None
    unreadable: str | None = None

    @property
    def is_open(self) -> bool:
        """True when the text comes from an editor buffer."""
        return self.version is not None


def size_limit(path: str) -> int:
    """The largest file analysed for this path."""
    return MAX_JSON_BYTES if path.endswith(".json") else MAX_TEXT_BYTES


def _too_large(path: str, size: int) -> str:
    return (
        f"file is {size / 1024 / 1024:.1f} MB; files over {size_limit(path) // 1024} KB "
        "are not analysed"
    )


def buffer_too_large(path: str, text: str) -> str | None:
    """Why an editor buffer is not analysed (its UTF-8 size is over the limit), or None."""
    limit = size_limit(path)
    if len(text) * 4 <= limit:
        return None
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    return _too_large(path, size) if size > limit else None


def decode(path: str, data: bytes) -> SourceFile:
    """Decode file bytes into a SourceFile, explaining binary or badly encoded content."""
    limit = size_limit(path)
    if len(data) > limit:
        return SourceFile(path, None, unreadable=_too_large(path, len(data)))
    if b"\x00" in data:
        return SourceFile(path, None, unreadable="file holds binary data (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SourceFile(
            path, None, unreadable=f"file is not valid UTF-8 (byte {exc.start} cannot be decoded)"
        )
    return SourceFile(path, text)


class Sources:
    """Open buffers over the file system, shared by the LSP layer and the analysis."""

    def __init__(self) -> None:
        self._open: dict[str, tuple[int, str, str | None]] = {}
        self._open_names: dict[str, frozenset[str]] = {}  # folder -> names of its open buffers
        self._disk: dict[str, tuple[tuple[int, int], SourceFile]] = {}
        self._lock = threading.Lock()
        self.generation = 0  # bumped on every change; caches of derived facts key on it
        # (generation, path, structural): structural changes may add or remove files (a buffer
        # not on disk opened or closed, files created or deleted); the others only change a
        # file's text (edits, opening or closing a file that exists, a file rewritten on disk).
        self._log: deque[tuple[int, str, bool]] = deque(maxlen=_CHANGE_LOG)

    # -- editor buffers (called on the server's loop) --------------------------------------
    def set_open(self, path: str, version: int, text: str) -> None:
        """Record an open buffer's full text."""
        path = normalize_path(path)
        too_large = buffer_too_large(path, text)
        with self._lock:
            opened = path not in self._open
            self._open = {**self._open, path: (version, text, too_large)}
            if opened:
                self._index_name(path, add=True)
            # Opening a file that exists on disk changes its text, not the set of files.
            self._bump(path, opened and not os.path.isfile(path))

    def close(self, path: str) -> None:
        """Forget an open buffer: the disk content counts again."""
        path = normalize_path(path)
        with self._lock:
            if path in self._open:
                self._open = {k: v for k, v in self._open.items() if k != path}
                self._index_name(path, add=False)
            self._disk.pop(path, None)
            # The disk text counts again; only a buffer never saved takes a file away.
            self._bump(path, not os.path.isfile(path))

    def file_changed(self, path: str) -> None:
        """A watched file changed on disk: drop what is cached about it. When it was read
        before and still exists, only its text changed (not structural: caches redo what read
        it, not everything)."""
        path = normalize_path(path)
        with self._lock:
            known = self._disk.pop(path, None)
            text_only = known is not None and path not in self._open and os.path.isfile(path)
            self._bump(path, not text_only)

    def disk_changed(self, path: str) -> bool:
        """For clients that do not report file changes: True, with the change recorded as
        `file_changed` does, when a file read from disk (not open) changed since."""
        path = normalize_path(path)
        cached = self._disk.get(path)
        if cached is None or path in self._open:
            return False
        try:
            stat = os.stat(path)
            key: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except (OSError, ValueError):
            key = None
        if key == cached[0]:
            return False
        self.file_changed(path)
        return True

    def refresh_disk(self) -> int:
        """`disk_changed` for every file read from disk; returns how many changed."""
        return sum(self.disk_changed(path) for path in list(self._disk))

    def _index_name(self, path: str, add: bool) -> None:
        folder, name = os.path.split(path)
        names = self._open_names.get(folder, frozenset())
        names = names | {name} if add else names - {name}
        # replaced, never mutated: readers on other threads see one state or the other
        self._open_names = (
            {**self._open_names, folder: names}
            if names
            else {k: v for k, v in self._open_names.items() if k != folder}
        )

    def _bump(self, path: str, structural: bool) -> None:
        self.generation += 1
        self._log.append((self.generation, path, structural))

    def changes_since(self, generation: int) -> list[tuple[str, bool]] | None:
        """(path, structural) of every change after `generation`, oldest first; None when the
        log no longer reaches back that far."""
        with self._lock:
            if generation >= self.generation:
                return []
            if generation < 0 or not self._log or self._log[0][0] > generation + 1:
                return None
            found = []
            for gen, path, structural in reversed(self._log):
                if gen <= generation:
                    break
                found.append((path, structural))
            found.reverse()
            return found

    def snapshot(self) -> SourcesSnapshot:
        """The open buffers as they are now (their versions and texts), over the same disk."""
        return SourcesSnapshot(self)

    def open_paths(self) -> list[str]:
        """Paths of every open buffer."""
        return list(self._open)

    def is_open(self, path: str, normalized: bool = False) -> bool:
        """True when `path` (already normalised if `normalized`) has an editor buffer."""
        return (path if normalized else normalize_path(path)) in self._open

    # -- reading (any thread) ----------------------------------------------------------------
    def read(self, path: str) -> SourceFile | None:
        """The file's text (open buffer first), a SourceFile saying why it has none, or None
        when the file does not exist."""
        return self.read_normalized(normalize_path(path))

    def read_normalized(self, path: str) -> SourceFile | None:
        """`read` of a path already spelled as `normalize_path` spells it."""
        opened = self._open.get(path)
        if opened is not None:
            if opened[2] is not None:
                return SourceFile(path, None, version=opened[0], unreadable=opened[2])
            return SourceFile(path, opened[1], version=opened[0])
        return self.read_disk(path)

    def read_disk(self, path: str) -> SourceFile | None:
        """`read` of a normalised path that has no open buffer: the file on disk."""
        try:
            stat = os.stat(path)
        except (OSError, ValueError):
            return None
        # the stat just taken answers `os.path.isfile` (a second stat per read: 100,000 of them in
        # `funcls check` of 5,000 functions)
        if not S_ISREG(stat.st_mode):
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._disk.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        if cached is not None:
            # Changed on disk and nobody said so (a client that watches no files): recorded as
            # a change, or results computed from the previous text would never be dropped (the
            # next reader would refresh this cache silently).
            with self._lock:
                self._bump(path, False)
        if stat.st_size > size_limit(path):
            result = SourceFile(path, None, unreadable=_too_large(path, stat.st_size))
        else:
            try:
                with open(path, "rb") as handle:
                    data = handle.read(size_limit(path) + 1)
            except OSError as exc:
                return SourceFile(path, None, unreadable=f"file cannot be read ({exc.strerror})")
            result = decode(path, data)
        self._disk[path] = (key, result)
        return result

    def exists(self, path: str) -> bool:
        """True for an open buffer or an existing regular file."""
        path = normalize_path(path)
        return path in self._open or os.path.isfile(path)

    def list_dir(self, folder: str) -> list[str]:
        """Entry names of a folder (plus open buffers created there but not yet saved)."""
        folder = normalize_path(folder)
        try:
            names = set(os.listdir(folder))
        except OSError:
            names = set()
        names.update(self._open_names.get(folder, ()))
        return sorted(names)


class SourcesSnapshot(Sources):
    """The open buffers of a `Sources` at one moment, read-only: what one request reads.

    It takes the references of the buffer mappings once; `Sources` replaces those mappings on
    every change and never mutates them, so nothing here changes afterwards. Files without a
    buffer are read from disk through the live `Sources` (which records a change seen there)."""

    def __init__(self, live: Sources) -> None:
        # Not `Sources.__init__`: a snapshot owns no disk cache, change log or lock.
        self._live = live
        self._open = live._open
        self._open_names = live._open_names
        self.generation = live.generation

    def read_disk(self, path: str) -> SourceFile | None:
        """The file on disk, read through the live sources."""
        return self._live.read_disk(path)

    # A request changes nothing: the changes go to the live sources, on the loop.
    def set_open(self, path: str, version: int, text: str) -> None:
        """Refused: a snapshot is read-only."""
        raise TypeError(_READ_ONLY)

    def close(self, path: str) -> None:
        """Refused: a snapshot is read-only."""
        raise TypeError(_READ_ONLY)

    def file_changed(self, path: str) -> None:
        """Refused: a snapshot is read-only."""
        raise TypeError(_READ_ONLY)

    def disk_changed(self, path: str) -> bool:
        """Refused: a snapshot is read-only."""
        raise TypeError(_READ_ONLY)

    def refresh_disk(self) -> int:
        """Refused: a snapshot is read-only."""
        raise TypeError(_READ_ONLY)

    def changes_since(self, generation: int) -> list[tuple[str, bool]] | None:
        """Refused: a snapshot has no change log."""
        raise TypeError(_READ_ONLY)
