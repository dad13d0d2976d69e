"""Compare JSON parsers on what completion needs: the structure of every truncated prefix.

For each prefix of each function.json in the test corpus, the reference answer is the JSON path of
the innermost object or array holding the cursor in the complete document. A parser scores when,
given only the prefix, it finds the same path. Prints accuracy and parse time per parser.

Usage: python bench/parser_recovery.py [FOLDER]   (needs `pip install tree-sitter tree-sitter-json`)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from funcls.core.jsontree import JsonArray, JsonNode, JsonObject, JsonProperty, parse_json, path_of


def funcls_container_path(text: str, offset: int) -> list[str | int] | None:
    """Path of the innermost object/array at `offset` according to funcls's tree."""
    document = parse_json(text)
    node: JsonNode | None = document.node_at(offset)
    while node is not None and not isinstance(node, (JsonObject, JsonArray)):
        node = node.parent
    return None if node is None else path_of(node)


def tree_sitter_container_path(parser: object, text: str, offset: int) -> list[str | int] | None:
    """The same question asked of tree-sitter-json's tree."""
    data = text.encode("utf-8")
    tree = parser.parse(data)  # type: ignore[attr-defined]
    byte_offset = len(text[:offset].encode("utf-8"))
    node = tree.root_node.descendant_for_byte_range(
        max(byte_offset - 1, 0), max(byte_offset - 1, 0)
    )
    while node is not None and node.type not in ("object", "array"):
        node = node.parent
    if node is None:
        return None
    parts: list[str | int] = []
    current = node
    while current.parent is not None:
        parent = current.parent
        if parent.type == "pair":
            key = parent.child_by_field_name("key")
            parts.append(key.text.decode("utf-8").strip('"') if key is not None else "?")
            current = parent.parent
            continue
        if parent.type == "array":
            named = [c for c in parent.named_children if c.type != "comment"]
            parts.append(next(i for i, c in enumerate(named) if c.id == current.id))
        elif parent.type not in ("document",):
            return None  # an ERROR node: the structure is lost
        current = parent
    return list(reversed(parts))


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "tests"
    files = sorted(folder.rglob("function.json"))
    parsers: dict[str, object] = {"funcls": None}
    try:
        import tree_sitter
        import tree_sitter_json

        parsers["tree-sitter-json"] = tree_sitter.Parser(
            tree_sitter.Language(tree_sitter_json.language())
        )
    except ImportError:
        print("tree-sitter-json not installed: only funcls is measured")
    scores = {name: 0 for name in parsers}
    seconds = {name: 0.0 for name in parsers}
    total = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        full = parse_json(text)
        for end in range(1, len(text) + 1):
            node: JsonNode | None = full.node_at(end)
            while node is not None and not isinstance(node, (JsonObject, JsonArray)):
                node = node.parent
            if node is None or isinstance(node, JsonProperty):
                continue
            expected = path_of(node)
            prefix = text[:end]
            total += 1
            for name, parser in parsers.items():
                started = time.perf_counter()
                if parser is None:
                    got = funcls_container_path(prefix, end)
                else:
                    got = tree_sitter_container_path(parser, prefix, end)
                seconds[name] += time.perf_counter() - started
                scores[name] += got == expected
    print(f"{len(files)} files, {total} truncated prefixes")
    print(f"{'parser':<18} {'structure kept':>15} {'mean parse+query':>18}")
    for name in parsers:
        share = 100 * scores[name] / total if total else 0
        mean = 1e6 * seconds[name] / total if total else 0
        print(f"{name:<18} {share:>14.1f}% {mean:>15.1f} us")


if __name__ == "__main__":
    main()
