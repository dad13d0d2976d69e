"""A disk cache for the Python code that attrs and cattrs generate while the server starts.

lsprotocol defines about 560 attrs classes, and attrs writes and compiles the methods of each one
at import; cattrs then compiles an (un)structure function for each message type it meets.
Compiling that generated source is about half of the server's start-up time (the upstream
report is microsoft/lsprotocol#441). The source is identical on every run with the same library
versions, so the code objects are kept between runs with `marshal`, the format of
`__pycache__`, in the user's cache directory, keyed on the source text, its file name and the
compiler flags. A changed library produces different source and simply misses the cache.

Only the module-level name `compile` of the generating modules is shadowed; when a library stops
calling `compile` that way the shadow is never used and nothing breaks. Every failure to read or
write the cache falls back to compiling.
"""

from __future__ import annotations
import __future__

import hashlib
import importlib
import importlib.util
import logging
import marshal
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

log = logging.getLogger(__name__)

# The modules whose generated code is cached (each calls the builtin `compile` by that name;
# typing compiles every string annotation lsprotocol resolves into a ForwardRef).
GENERATORS = ("attr._make", "cattrs.gen", "cattrs.gen.typeddicts", "typing")
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
_MAX_ENTRIES = 20_000  # a bound on the file, whatever a long session generates
_FORMAT = 1
_CHURN = 64  # misses under known names tolerated before the file is rewritten

Key = tuple[str, str, int, bytes]


def default_path() -> Path:
    """The cache file: per user, per interpreter build (marshal's format follows it)."""
    base = os.environ.get("FUNCLS_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("FUNCLS_CACHE_DIR"):
        root = root / "funcls"
    magic = importlib.util.MAGIC_NUMBER.hex()
    return root / f"generated-code-{sys.implementation.cache_tag}-{magic}.marshal"


class GeneratedCodeCache:
    """Compiled code objects by (file name, mode, flags, source digest)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        self._entries: dict[Key, CodeType] = {}
        self._used: set[Key] = set()  # this run's working set: what the file keeps
        self._loaded_names: set[str] = set()
        self._renamed = 0  # misses whose generated file name the cache already knew
        self._added = False
        self._lock = threading.Lock()
        self._patched: list[ModuleType] = []

    def load(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        try:
            stored = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            log.info("ignoring an unreadable code cache %s", self.path)
            return
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _FORMAT):
            return
        entries = stored[1]
        if isinstance(entries, dict):
            self._entries = {
                key: code
                for key, code in entries.items()
                if isinstance(key, tuple) and isinstance(code, CodeType)
            }
            self._loaded_names = {key[0] for key in self._entries if key[0].startswith("<")}

    def install(self) -> None:
        """Shadow `compile` in each generating module that can be imported."""
        for name in GENERATORS:
            try:
                module = importlib.import_module(name)
            except Exception:  # a library version without that module
                continue
            module.compile = self.compile  # type: ignore[attr-defined]
            self._patched.append(module)

    def uninstall(self) -> None:
        for module in self._patched:
            module.__dict__.pop("compile", None)
        self._patched.clear()

    def compile(self, source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        """`compile` as the calling module would see it, answered from the cache when it can."""
        if args or kwargs or not isinstance(source, str) or not isinstance(filename, str):
            return compile(source, filename, mode, *args, **kwargs)
        # The builtin inherits the caller's `from __future__` flags; keep exactly those.
        flags = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=20).digest()
        key: Key = (filename, mode, flags, digest)
        code = self._entries.get(key)
        if code is not None:
            self.hits += 1
            self._used.add(key)
            return code
        code = compile(source, filename, mode, flags, True)
        self.misses += 1
        with self._lock:
            if len(self._entries) < _MAX_ENTRIES:
                self._entries[key] = code
                self._used.add(key)
                # A known name with new source is usually a frozen attrs class, whose source
                # embeds the process's string-hash seed and never repeats: a few of those alone
                # are not worth rewriting the file for. A library upgrade changes many.
                if filename not in self._loaded_names:
                    self._added = True
                else:
                    self._renamed += 1
                    self._added = self._added or self._renamed > _CHURN
        return code

    def save(self) -> None:
        """Write the cache if this run compiled anything new (atomically; private to the user).
        Entries of earlier runs are kept, since a run uses only part of them, until they
        outnumber this run's working set: then only that is kept, which drops what older
        library versions generated."""
        with self._lock:
            if not self._added:
                return
            entries = self._entries
            if len(entries) > 2 * len(self._used) + 1000:
                entries = {key: entries[key] for key in self._used}
            payload = (_FORMAT, dict(entries))
            self._added = False
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            data = marshal.dumps(payload)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".code-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError) as exc:
            log.info("the code cache was not written: %s", exc)


_active: GeneratedCodeCache | None = None


def enable(path: Path | None = None) -> GeneratedCodeCache | None:
    """Load the cache and start answering the generators' `compile` calls from it."""
    global _active
    if _active is not None:
        return _active
    if os.environ.get("FUNCLS_NO_CODE_CACHE"):
        return None
    cache = GeneratedCodeCache(path or default_path())
    cache.load()
    cache.install()
    _active = cache
    return cache


def save() -> None:
    """Persist what this run compiled (called once the server is up, and at exit)."""
    if _active is not None:
        _active.save()
