"""Position conversion in every negotiated encoding, after emoji, CJK and CRLF."""

from __future__ import annotations

import pytest
from lsprotocol import types

from funcls.core.problems import Span
from funcls.lsp.convert import Positions

TEXT = '{\r\n  "a": "🙂漢",\r\n  "b": 1\r\n}'
B = TEXT.index('"b"')


@pytest.mark.parametrize(
    ("encoding", "after_emoji_column"),
    [
        (types.PositionEncodingKind.Utf16, 11),  # 🙂 is two UTF-16 units
        (types.PositionEncodingKind.Utf8, 15),  # 🙂 is four bytes, 漢 three
        (types.PositionEncodingKind.Utf32, 10),
    ],
)
def test_columns_after_non_ascii(encoding: str, after_emoji_column: int) -> None:
    positions = Positions(TEXT, encoding)
    offset = TEXT.index("漢") + 1  # just after 漢
    position = positions.position(offset)
    assert position.line == 1
    expected = {
        types.PositionEncodingKind.Utf16: 11,
        types.PositionEncodingKind.Utf8: 15,
        types.PositionEncodingKind.Utf32: 10,
    }[encoding]
    assert position.character == expected == after_emoji_column
    assert positions.offset(position) == offset


def test_crlf_lines_and_round_trip() -> None:
    positions = Positions(TEXT, types.PositionEncodingKind.Utf16)
    position = positions.position(B)
    assert (position.line, position.character) == (2, 2)
    for offset in range(len(TEXT) + 1):
        if TEXT[offset - 1 : offset] == "\r" or (
            0 < offset < len(TEXT) and 0xD800 <= ord(TEXT[offset]) <= 0xDFFF
        ):
            continue
        assert positions.offset(positions.position(offset)) == offset


def test_out_of_range_positions_are_clamped() -> None:
    positions = Positions(TEXT, types.PositionEncodingKind.Utf16)
    assert positions.offset(types.Position(line=99, character=0)) == len(TEXT)
    assert positions.offset(types.Position(line=2, character=999)) == TEXT.index("1") + 1
    assert positions.range(Span(0, 1)).start == types.Position(line=0, character=0)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_an_offset_inside_a_crlf_pair_is_the_end_of_its_line(encoding: str) -> None:
    """A span may end after the CR of a CRLF (an unterminated string token does): LSP has no
    position there, so it is the end of the line (found by the LSP fuzz test)."""
    positions = Positions('  "abc\r\n\x85e"', encoding)
    assert positions.position(7) == types.Position(line=0, character=6)
    assert positions.position(8) == types.Position(line=1, character=0)
