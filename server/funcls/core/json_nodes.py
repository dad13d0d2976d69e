"""The tree a tolerant JSON parse builds: nodes with offsets into the text and parent links, the
document with every syntax issue, and paths and walks over the tree. `jsontree` is the public
entry point; `json_parser` builds these nodes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class SyntaxIssue:
    """A problem found while parsing; `kind` is `error`, `comment` or `trailing-comma`."""

    kind: str
    message: str
    start: int
    end: int


@dataclass(eq=False)
class JsonNode:
    """Base of every node: a span of the text and a link to the enclosing node."""

    start: int
    end: int
    parent: JsonNode | None = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        """One of object, array, property, string, number, boolean, null, invalid."""
        raise NotImplementedError

    def to_value(self) -> Any:
        """The Python value of the node, as far as the text defines it."""
        raise NotImplementedError

    def children(self) -> list[JsonNode]:
        """Direct children in text order."""
        return []


@dataclass(eq=False)
class JsonString(JsonNode):
    """A string; `start`/`end` include the quotes. `closed` is False when the quote is missing."""

    value: str = ""
    closed: bool = True

    @property
    def kind(self) -> str:
        return "string"

    @property
    def content_start(self) -> int:
        """Offset of the first character inside the quotes."""
        return self.start + 1

    @property
    def content_end(self) -> int:
        """Offset of the closing quote (or the end of an unterminated string)."""
        return self.end - 1 if self.closed else self.end

    def to_value(self) -> Any:
        return self.value


@dataclass(eq=False)
class JsonNumber(JsonNode):
    """A number."""

    value: float | int = 0

    @property
    def kind(self) -> str:
        return "number"

    def to_value(self) -> Any:
        return self.value


@dataclass(eq=False)
class JsonBoolean(JsonNode):
    """`true` or `false`."""

    value: bool = False

    @property
    def kind(self) -> str:
        return "boolean"

    def to_value(self) -> Any:
        return self.value


@dataclass(eq=False)
class JsonNull(JsonNode):
    """`null`."""

    @property
    def kind(self) -> str:
        return "null"

    def to_value(self) -> Any:
        return None


@dataclass(eq=False)
class JsonInvalid(JsonNode):
    """A value position holding something that is not JSON (a bare word, a stray character)."""

    text: str = ""

    @property
    def kind(self) -> str:
        return "invalid"

    def to_value(self) -> Any:
        return None


@dataclass(eq=False)
class JsonProperty(JsonNode):
    """`"key": value`. `value` is None while the user has not typed it; `colon` is -1 if absent."""

    key: JsonString = field(default_factory=lambda: JsonString(0, 0))
    value: JsonNode | None = None
    colon: int = -1

    @property
    def kind(self) -> str:
        return "property"

    def to_value(self) -> Any:
        return None if self.value is None else self.value.to_value()

    def children(self) -> list[JsonNode]:
        return [self.key] if self.value is None else [self.key, self.value]


@dataclass(eq=False)
class JsonObject(JsonNode):
    """An object; `closed` is False when the closing brace is missing."""

    properties: list[JsonProperty] = field(default_factory=list)
    closed: bool = True

    @property
    def kind(self) -> str:
        return "object"

    def get(self, key: str) -> JsonProperty | None:
        """The last property with exactly this key (JSON readers keep the last duplicate)."""
        found = None
        for prop in self.properties:
            if prop.key.value == key:
                found = prop
        return found

    def get_value(self, key: str) -> JsonNode | None:
        """The value node of `key`, if present and typed."""
        prop = self.get(key)
        return None if prop is None else prop.value

    def get_string(self, key: str) -> str | None:
        """The string value of `key`, or None when absent or not a string."""
        node = self.get_value(key)
        return node.value if isinstance(node, JsonString) else None

    def keys(self) -> list[str]:
        """Keys in text order."""
        return [p.key.value for p in self.properties]

    def to_value(self) -> Any:
        result: dict[str, Any] = {}
        for prop in self.properties:
            if prop.value is not None and not isinstance(prop.value, JsonInvalid):
                result[prop.key.value] = prop.value.to_value()
        return result

    def children(self) -> list[JsonNode]:
        return list(self.properties)


@dataclass(eq=False)
class JsonArray(JsonNode):
    """An array; `closed` is False when the closing bracket is missing."""

    items: list[JsonNode] = field(default_factory=list)
    closed: bool = True

    @property
    def kind(self) -> str:
        return "array"

    def to_value(self) -> Any:
        return [item.to_value() for item in self.items]

    def children(self) -> list[JsonNode]:
        return list(self.items)


PathPart = Union[str, int]  # noqa: UP007 - a runtime alias, used in isinstance-free hints


@dataclass
class JsonDocument:
    """The result of parsing one text: the root value (if any) and every syntax issue."""

    text: str
    root: JsonNode | None
    issues: list[SyntaxIssue]

    @property
    def errors(self) -> list[SyntaxIssue]:
        """Syntax errors proper (not comments or trailing commas)."""
        return [i for i in self.issues if i.kind == "error"]

    def value(self) -> Any:
        """The Python value of the whole document (None when there is no root)."""
        return None if self.root is None else self.root.to_value()

    def node_at(self, offset: int) -> JsonNode | None:
        """The innermost node whose span contains `offset` (an end offset counts as inside)."""
        node = self.root
        if node is None or not (node.start <= offset <= node.end):
            return None
        while True:
            for child in node.children():
                # A cursor on the opening quote or bracket is before the node, not in it; bare
                # scalars (numbers, words) include their first character so typing replaces them.
                opens = isinstance(child, (JsonString, JsonObject, JsonArray, JsonProperty))
                after_start = child.start < offset if opens else child.start <= offset
                if after_start and offset <= child.end and child.end > child.start:
                    # A cursor right after a closed string or container is outside it.
                    closed = getattr(child, "closed", False)
                    if closed and offset == child.end and not isinstance(child, JsonProperty):
                        continue
                    node = child
                    break
            else:
                return node

    def node_at_path(self, path: list[PathPart] | tuple[PathPart, ...]) -> JsonNode | None:
        """The value node at a JSON path (keys and array indexes), or None."""
        node = self.root
        for part in path:
            if isinstance(node, JsonObject) and isinstance(part, str):
                node = node.get_value(part)
            elif isinstance(node, JsonArray) and isinstance(part, int):
                node = node.items[part] if 0 <= part < len(node.items) else None
            else:
                return None
        return node

    def property_at_path(self, path: list[PathPart] | tuple[PathPart, ...]) -> JsonProperty | None:
        """The property node whose value sits at `path` (its last part must be a key)."""
        if not path or not isinstance(path[-1], str):
            return None
        parent = self.node_at_path(path[:-1])
        return parent.get(path[-1]) if isinstance(parent, JsonObject) else None


def path_of(node: JsonNode) -> list[PathPart]:
    """The JSON path from the root to `node` (a property, or its key, counts as its value)."""
    parts: list[PathPart] = []
    current: JsonNode | None = node
    while current is not None:
        parent = current.parent
        if isinstance(current, JsonProperty):
            parts.append(current.key.value)
        elif isinstance(parent, JsonArray):
            parts.append(next(i for i, item in enumerate(parent.items) if item is current))
        elif isinstance(parent, JsonProperty):
            pass  # the property adds the key on the next step
        current = parent
    return list(reversed(parts))


def walk(node: JsonNode | None) -> Iterator[JsonNode]:
    """Every node under `node`, depth first, parents before children."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children()))
