"""The migration's replaced files reach the editor as the smallest edit."""

from __future__ import annotations

from funcls.core.problems import Span
from funcls.lsp.migration import _changed_part


def test_only_the_inserted_text_travels() -> None:
    before = '{"Values": {"Key": "s3cret"}}'
    after = '{"Values": {"New": "true", "Key": "s3cret"}}'
    span, text = _changed_part(before, after)
    assert before[: span.start] + text + before[span.end :] == after
    assert "s3cret" not in text and span.start == span.end  # a pure insertion


def test_appended_text_and_identical_texts() -> None:
    assert _changed_part("a\n", "a\nb\n") == (Span(2, 2), "b\n")
    assert _changed_part("same", "same") == (Span(4, 4), "")
