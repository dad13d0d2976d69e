"""The start-up code cache: a second run compiles nothing, the classes it builds behave exactly as
freshly compiled ones, and a damaged or unwritable cache only costs the compile it would save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from funcls.generated_code_cache import GeneratedCodeCache

# Imports lsprotocol under the cache and reports what the generated code does.
PROBE = """
import json, sys
from pathlib import Path
from funcls import generated_code_cache
cache = generated_code_cache.enable(Path(sys.argv[1]))
from lsprotocol import types
from pygls.protocol import default_converter
converter = default_converter()
position = types.Position(line=1, character=2)
params = converter.structure(
    {"textDocument": {"uri": "file:///a"}, "position": {"line": 3, "character": 4}},
    types.HoverParams,
)
generated_code_cache.save()
print(json.dumps({
    "hits": cache.hits if cache else None,
    "misses": cache.misses if cache else None,
    "repr": repr(position),
    "equal": position == types.Position(line=1, character=2),
    "hashable": isinstance(hash(types.Position), int),
    "annotations": {k: str(v) for k, v in types.Position.__init__.__annotations__.items()},
    "structured": repr(params),
    "unstructured": converter.unstructure(params),
}))
"""


def _probe(cache_file: Path, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(cache_file)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
        check=True,
    )
    return json.loads(done.stdout)


def test_a_second_run_compiles_nothing_and_behaves_the_same(tmp_path: Path) -> None:
    cache_file = tmp_path / "cache" / "code.marshal"
    first = _probe(cache_file)
    assert first["misses"] and first["misses"] > 500  # lsprotocol's classes, at least
    assert cache_file.is_file()
    second = _probe(cache_file)
    # A frozen attrs class embeds the process's string-hash seed in its source: never a hit.
    assert second["misses"] <= 3
    assert second["hits"] >= first["hits"] + first["misses"] - 3
    uncached = _probe(tmp_path / "unused", FUNCLS_NO_CODE_CACHE="1")
    assert uncached["hits"] is None
    for key in ("repr", "equal", "hashable", "annotations", "structured", "unstructured"):
        assert first[key] == second[key] == uncached[key], key


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    cache_file = tmp_path / "code.marshal"
    cache_file.write_bytes(b"\x00garbage" * 100)
    result = _probe(cache_file)
    fresh = _probe(tmp_path / "fresh.marshal")
    assert result["hits"] == fresh["hits"]  # repeats within the run only
    assert result["misses"] == fresh["misses"]
    assert result["equal"] is True


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = GeneratedCodeCache(blocker / "sub" / "code.marshal")
    code = cache.compile("x = 1", "<generated>", "exec")
    namespace: dict[str, object] = {}
    exec(code, namespace)
    assert namespace["x"] == 1
    cache.save()  # logs and carries on
    assert not (blocker / "sub").exists()


def test_the_callers_future_flags_are_kept() -> None:
    """This module has `from __future__ import annotations`: code it compiles keeps annotations
    as strings, code compiled with no such flag evaluates them."""
    cache = GeneratedCodeCache(Path("/nonexistent/code.marshal"))
    source = "def f(x: int) -> None: pass"
    namespace: dict[str, object] = {}
    exec(cache.compile(source, "<generated>", "exec"), namespace)
    assert namespace["f"].__annotations__ == {"x": "int", "return": "None"}  # type: ignore[attr-defined]
    plain: dict[str, object] = {}
    exec(cache.compile(source, "<generated>", "exec", 0, True), plain)
    assert plain["f"].__annotations__ == {"x": int, "return": None}  # type: ignore[attr-defined]


def test_a_warm_cache_is_not_rewritten(tmp_path: Path) -> None:
    """Sources that differ on every run (a frozen attrs class embeds the string-hash seed) do
    not make each start rewrite the file."""
    cache_file = tmp_path / "code.marshal"
    _probe(cache_file)
    _probe(cache_file)
    before = cache_file.stat()
    _probe(cache_file)
    after = cache_file.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
