"""The tolerant JSON (and JSONC) parser behind `jsontree.parse_json`: one compiled regular
expression tokenises, a recursive descent with explicit recovery points builds the tree, and
nesting deeper than `MAX_DEPTH` is reported and skipped instead of recursing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from funcls.core.json_nodes import (
    JsonArray,
    JsonBoolean,
    JsonDocument,
    JsonInvalid,
    JsonNode,
    JsonNull,
    JsonNumber,
    JsonObject,
    JsonProperty,
    JsonString,
    SyntaxIssue,
)

# Each level costs the parser about five Python frames and the features that walk the tree as many
# again; 64 keeps everything well inside Python's recursion limit (real files nest under 10).
MAX_DEPTH = 64

# One token per match. Order matters: comments before '/', strings before bad characters.
_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n\ufeff]+)
  | (?P<line_comment>//[^\r\n]*)
  | (?P<block_comment>/\*(?:[^*]|\*(?!/))*(?:\*/)?)
  | (?P<string>"(?:[^"\\\r\n]|\\.)*"?)
  | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>[{}\[\]:,])
  | (?P<word>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


@dataclass
class _Token:
    kind: str
    text: str
    start: int
    end: int


class _Parser:
    """Recursive descent over the token list with explicit recovery points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.issues: list[SyntaxIssue] = []
        self.tokens = self._scan(text)
        self.pos = 0

    def _scan(self, text: str) -> list[_Token]:
        tokens: list[_Token] = []
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "other"
            if kind == "ws":
                continue
            start, end = match.span()
            if kind == "block_comment" and not (end - start >= 4 and match.group().endswith("*/")):
                self._error("Unterminated comment.", start, end)
                continue
            if kind in ("line_comment", "block_comment"):
                self.issues.append(
                    SyntaxIssue("comment", "Comments are not standard JSON.", start, end)
                )
                continue
            tokens.append(_Token(kind, match.group(), start, end))
        return tokens

    def _error(self, message: str, start: int, end: int) -> None:
        self.issues.append(SyntaxIssue("error", message, start, max(end, start)))

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _next(self) -> _Token | None:
        token = self._peek()
        if token is not None:
            self.pos += 1
        return token

    def _end_offset(self) -> int:
        return len(self.text)

    def parse(self) -> JsonNode | None:
        if not self.tokens:
            self._error("Expected a JSON object, array or value.", 0, 0)
            return None
        root = self._value(None, 0)
        extra = self._peek()
        if extra is not None:
            self._error("End of file expected.", extra.start, extra.end)
            # Keep parsing trailing values so half-merged documents still report positions.
            while self._peek() is not None:
                before = self.pos
                self._value(None, 0)
                if self.pos == before:
                    self.pos += 1
        return root

    def _value(self, parent: JsonNode | None, depth: int) -> JsonNode | None:
        token = self._peek()
        if token is None:
            return None
        if token.kind == "punct":
            if token.text == "{":
                return self._object(parent, depth)
            if token.text == "[":
                return self._array(parent, depth)
            return None
        self.pos += 1
        if token.kind == "string":
            return self._string(token, parent)
        if token.kind == "number":
            text = token.text
            number: float | int
            try:
                number = int(text) if re.fullmatch(r"-?\d+", text) else float(text)
            except ValueError:  # pragma: no cover - the regex only admits valid numbers
                number = 0
            return JsonNumber(token.start, token.end, parent, value=number)
        if token.kind == "word":
            if token.text in ("true", "false"):
                return JsonBoolean(token.start, token.end, parent, value=token.text == "true")
            if token.text == "null":
                return JsonNull(token.start, token.end, parent)
            self._error(
                f"Invalid value '{token.text}': strings must be in double quotes.",
                token.start,
                token.end,
            )
            return JsonInvalid(token.start, token.end, parent, text=token.text)
        self._error(f"Unexpected character '{token.text}'.", token.start, token.end)
        return JsonInvalid(token.start, token.end, parent, text=token.text)

    def _string(self, token: _Token, parent: JsonNode | None) -> JsonString:
        raw = token.text
        closed = len(raw) >= 2 and raw.endswith('"') and not _ends_in_escape(raw[1:-1])
        body = raw[1:-1] if closed else raw[1:]
        if not closed:
            self._error("Unterminated string: a closing quote is missing.", token.start, token.end)
        value = self._unescape(body, token.start + 1)
        return JsonString(token.start, token.end, parent, value=value, closed=closed)

    def _unescape(self, body: str, offset: int) -> str:
        if "\\" not in body:
            return body
        out: list[str] = []
        i = 0
        while i < len(body):
            ch = body[i]
            if ch != "\\":
                out.append(ch)
                i += 1
                continue
            nxt = body[i + 1] if i + 1 < len(body) else ""
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
            elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
            else:
                self._error("Invalid escape sequence in string.", offset + i, offset + i + 2)
                out.append(nxt)
                i += 2
        return "".join(out)

    def _skip_nested(self, open_token: _Token) -> int:
        """Skip a too-deep container without building nodes; returns its end offset."""
        depth = 0
        end = open_token.end
        while (token := self._next()) is not None:
            end = token.end
            if token.kind != "punct":
                continue
            if token.text in "{[":
                depth += 1
            elif token.text in "}]":
                depth -= 1
                if depth == 0:
                    break
        return end

    def _too_deep(self, parent: JsonNode | None, depth: int) -> JsonNode | None:
        """A node standing for a container nested beyond MAX_DEPTH (skipped, not built)."""
        open_token = self._peek()
        if open_token is None or depth < MAX_DEPTH:
            return None
        self._error(
            f"Nesting deeper than {MAX_DEPTH} levels is not analysed.",
            open_token.start,
            open_token.end,
        )
        end = self._skip_nested(open_token)
        return JsonInvalid(open_token.start, end, parent, text="")

    def _object(self, parent: JsonNode | None, depth: int) -> JsonNode:
        skipped = self._too_deep(parent, depth)
        if skipped is not None:
            return skipped
        open_token = self._next()
        assert open_token is not None
        obj = JsonObject(open_token.start, open_token.end, parent)

        def item(token: _Token) -> JsonNode | None:
            prop = self._property(obj, depth)
            if prop is None:
                # Not a property start: skip the token so parsing always advances.
                self._error("Expected a property name in double quotes.", token.start, token.end)
                self.pos += 1
            return prop

        self._members(obj, obj.properties, "}", "object", "property", "properties", item)
        return obj

    def _property(self, obj: JsonObject, depth: int) -> JsonProperty | None:
        token = self._peek()
        assert token is not None
        if token.kind == "string":
            self.pos += 1
            key = self._string(token, None)
        elif token.kind == "word":
            self.pos += 1
            self._error("Property names must be in double quotes.", token.start, token.end)
            key = JsonString(token.start, token.end, None, value=token.text, closed=False)
        else:
            return None
        prop = JsonProperty(key.start, key.end, obj, key=key)
        key.parent = prop
        colon = self._peek()
        if colon is None or not (colon.kind == "punct" and colon.text == ":"):
            self._error("Expected ':' after the property name.", key.start, key.end)
            # A value on the same spot ("a" "b") is still read, so the tree keeps its shape.
            if (
                colon is not None
                and colon.kind in ("string", "number")
                and not _on_new_line(self.text, key.end, colon.start)
            ):
                prop.value = self._value(prop, depth + 1)
                if prop.value is not None:
                    prop.end = prop.value.end
            return prop
        self.pos += 1
        prop.colon = colon.start
        prop.end = colon.end
        nxt = self._peek()
        if (
            nxt is None
            or (nxt.kind == "punct" and nxt.text in "}],")
            or (nxt.kind == "string" and self._looks_like_next_key())
        ):
            self._error("Expected a value.", colon.start, colon.end)
            return prop
        prop.value = self._value(prop, depth + 1)
        if prop.value is None:
            self._error("Expected a value.", colon.start, colon.end)
        else:
            prop.end = prop.value.end
        return prop

    def _looks_like_next_key(self) -> bool:
        """True when the next tokens are `"string" :` on a later line (a missing value)."""
        if self.pos + 1 >= len(self.tokens):
            return False
        current, after = self.tokens[self.pos], self.tokens[self.pos + 1]
        previous = self.tokens[self.pos - 1]
        return (
            after.kind == "punct"
            and after.text == ":"
            and _on_new_line(self.text, previous.end, current.start)
        )

    def _array(self, parent: JsonNode | None, depth: int) -> JsonNode:
        skipped = self._too_deep(parent, depth)
        if skipped is not None:
            return skipped
        open_token = self._next()
        assert open_token is not None
        arr = JsonArray(open_token.start, open_token.end, parent)

        def item(token: _Token) -> JsonNode | None:
            if token.kind == "punct" and token.text == ":":
                self._error("Unexpected ':' in an array.", token.start, token.end)
                self.pos += 1
                return None
            value = self._value(arr, depth + 1)
            if value is None:  # pragma: no cover - every remaining token kind yields a node
                self.pos += 1
            return value

        self._members(arr, arr.items, "]", "array", "value", "array items", item)
        return arr

    def _members(
        self,
        container: JsonObject | JsonArray,
        members: list[Any],
        closer: str,
        what: str,
        one: str,
        many: str,
        parse_item: Callable[[_Token], JsonNode | None],
    ) -> None:
        """The comma-separated members of an object or array, up to `closer`, recovering from
        missing commas, stray commas and the wrong closing bracket."""
        other_closer = "]" if closer == "}" else "}"
        expect_comma = False
        last_comma: _Token | None = None
        while True:
            token = self._peek()
            if token is None:
                self._error(
                    f"Expected '{closer}' to close the {what}.",
                    container.start,
                    container.start + 1,
                )
                container.closed = False
                container.end = self._end_offset()
                return
            if token.kind == "punct" and token.text == closer:
                self.pos += 1
                if last_comma is not None and not expect_comma and members:
                    self.issues.append(
                        SyntaxIssue(
                            "trailing-comma", "Trailing comma.", last_comma.start, last_comma.end
                        )
                    )
                container.end = token.end
                return
            if token.kind == "punct" and token.text == other_closer:
                # A bracket that belongs to an enclosing container: this one was left open.
                self._error(f"Expected '{closer}' to close the {what}.", token.start, token.end)
                container.closed = False
                container.end = token.start
                return
            if token.kind == "punct" and token.text == ",":
                self.pos += 1
                if not expect_comma:
                    self._error(f"Expected a {one} before ','.", token.start, token.end)
                last_comma = token
                expect_comma = False
                continue
            if expect_comma:
                self._error(f"Expected ',' between {many}.", token.start, token.start)
            member = parse_item(token)
            if member is None:
                expect_comma = False
                continue
            members.append(member)
            container.end = member.end
            expect_comma = True
            last_comma = None


def _ends_in_escape(body: str) -> bool:
    """True when `body` ends with an odd number of backslashes (the closing quote is escaped)."""
    count = len(body) - len(body.rstrip("\\"))
    return count % 2 == 1


def _on_new_line(text: str, start: int, end: int) -> bool:
    return "\n" in text[start:end] or "\r" in text[start:end]


def parse_json(text: str) -> JsonDocument:
    """Parse `text` (without a BOM, or with one: it is skipped) into a tolerant tree."""
    parser = _Parser(text)
    try:
        root = parser.parse()
    except RecursionError:  # MAX_DEPTH keeps this away; a document never fails to parse
        parser.issues.append(
            SyntaxIssue("error", "Nesting too deep to analyse.", 0, min(len(text), 1))
        )
        root = None
    return JsonDocument(text=text, root=root, issues=parser.issues)
