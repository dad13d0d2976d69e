"""Text with line starts: code-point offsets to and from (line, column) positions.

Lines end at LF, CRLF or a lone CR, as LSP defines them. Columns here are code points; the LSP edge
converts them to the client's encoding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line-start offsets of one text, for fast offset/position conversion."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    @property
    def line_count(self) -> int:
        """Number of lines (a text ending in a line break has an empty last line)."""
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of `line` (clamped into the text)."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        return self._starts[line]

    def line_end(self, line: int) -> int:
        """Offset just before the line break that ends `line`."""
        if line + 1 >= len(self._starts):
            return len(self.text)
        end = self._starts[line + 1]
        while end > self._starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        """The text of `line` without its line break."""
        return self.text[self.line_start(line) : self.line_end(line)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, code-point column) of `offset`, clamped into the text."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    def offset(self, line: int, column: int) -> int:
        """Offset of (line, code-point column); out-of-range values are clamped, as LSP asks."""
        if line >= len(self._starts):
            return len(self.text)
        start = self.line_start(line)
        return min(start + max(column, 0), self.line_end(line))


def line_start(text: str, offset: int) -> int:
    """The offset where the line holding `offset` starts (after LF, CR or CRLF)."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def line_indent_at(text: str, offset: int) -> str:
    """Leading white space of the line holding `offset`."""
    start = line_start(text, offset)
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def code_characters(text: str, start: int, end: int) -> Iterator[tuple[int, str, int]]:
    """(offset, character, bracket depth) for each character of text[start:end] outside quoted
    strings, for scanning half-typed calls. The depth counts the brackets opened since `start`
    and still open: an opening bracket comes with the depth outside it, a closing one with the
    depth it closes (0 when it closes a bracket opened before `start`)."""
    depth = 0
    quote = ""
    index = start
    while index < end:
        ch = text[index]
        if quote:
            if ch == "\\":
                index += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        else:
            yield index, ch, depth
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
        index += 1
