"""Core results to lsprotocol types and back, in the position encoding the client negotiated.

The core speaks code-point offsets; clients speak (line, column) in UTF-16 units by default, or
UTF-8 bytes / UTF-32 code points when negotiated. This module is the only place that converts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from funcls.core.problems import Problem, Severity, Span
from funcls.core.text import LineIndex

if TYPE_CHECKING:
    from funcls.core.features.completion import Proposal

SOURCE = "funcls"

_COMPLETION_KINDS = {
    "property": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.Value,
    "enum": types.CompletionItemKind.EnumMember,
    "snippet": types.CompletionItemKind.Snippet,
    "file": types.CompletionItemKind.File,
    "function": types.CompletionItemKind.Function,
    "variable": types.CompletionItemKind.Variable,
    "keyword": types.CompletionItemKind.Keyword,
    "module": types.CompletionItemKind.Module,
    "class": types.CompletionItemKind.Class,
}


class Positions:
    """Offset ⇄ Position conversion for one text in one encoding."""

    def __init__(self, text: str, encoding: str) -> None:
        self.index = LineIndex(text)
        self.encoding = encoding
        self._positions: dict[int, types.Position] = {}

    def _units(self, segment: str) -> int:
        # surrogatepass: a client may send a lone surrogate (JSON allows "\ud800").
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(segment.encode("utf-8", "surrogatepass"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(segment)
        return len(segment.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> types.Position:
        """The client position of a code-point offset (remembered: completion items share
        their replace range)."""
        found = self._positions.get(offset)
        if found is None:
            line, column = self.index.position(offset)
            start = self.index.line_start(line)
            # an offset between the CR and LF of a line break is not a position: the line's end
            column = min(column, len(self.index.line_text(line)))
            found = types.Position(
                line=line, character=self._units(self.index.text[start : start + column])
            )
            if len(self._positions) < 4096:
                self._positions[offset] = found
        return found

    def range(self, span: Span) -> types.Range:
        """The client range of a span."""
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client position (clamped into the line, as LSP asks)."""
        if position.line >= self.index.line_count:
            return len(self.index.text)
        line_text = self.index.line_text(position.line)
        start = self.index.line_start(position.line)
        if self.encoding == types.PositionEncodingKind.Utf32:
            return start + min(position.character, len(line_text))
        units = 0
        for column, ch in enumerate(line_text):
            if units >= position.character:
                return start + column
            units += self._units(ch)
        return start + len(line_text)


def severity(value: Severity) -> types.DiagnosticSeverity:
    """Core severity to LSP severity (they share numbers)."""
    return types.DiagnosticSeverity(int(value))


def diagnostic(
    problem: Problem, positions: Positions, related_positions: dict[str, Positions], uri_of: object
) -> types.Diagnostic:
    """A Problem as an LSP Diagnostic; related spans in other files use their own positions."""
    related = []
    for item in problem.related:
        other = related_positions.get(item.location.path)
        if other is None:
            continue
        related.append(
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=uri_of(item.location.path),  # type: ignore[operator]
                    range=other.range(item.location.span),
                ),
                message=item.message,
            )
        )
    tags = []
    if problem.unnecessary:
        tags.append(types.DiagnosticTag.Unnecessary)
    if problem.deprecated:
        tags.append(types.DiagnosticTag.Deprecated)
    return types.Diagnostic(
        range=positions.range(problem.span),
        message=problem.message,
        severity=severity(problem.severity),
        code=problem.code,
        source=SOURCE,
        related_information=related or None,
        tags=tags or None,
    )


def completion_item(
    proposal: Proposal, positions: Positions, snippets: bool
) -> types.CompletionItem:
    """A proposal as a CompletionItem with a text edit over its replace span."""
    use_snippet = snippets and proposal.snippet is not None
    new_text = proposal.snippet if use_snippet and proposal.snippet else proposal.insert_text
    documentation = (
        types.MarkupContent(kind=types.MarkupKind.Markdown, value=proposal.documentation)
        if proposal.documentation
        else None
    )
    return types.CompletionItem(
        label=proposal.label,
        kind=_COMPLETION_KINDS.get(proposal.kind, types.CompletionItemKind.Text),
        detail=proposal.detail,
        documentation=documentation,
        sort_text=proposal.sort_text,
        filter_text=proposal.filter_text,
        preselect=proposal.preselect or None,
        insert_text_format=types.InsertTextFormat.Snippet
        if use_snippet
        else types.InsertTextFormat.PlainText,
        text_edit=types.TextEdit(range=positions.range(proposal.replace), new_text=new_text),
    )


def completion_list(
    proposals: list[Proposal], positions: Positions, snippets: bool, shared_range: bool
) -> types.CompletionList:
    """Proposals as a CompletionList. When the client takes item defaults (`shared_range`) and
    every proposal replaces the same span, the range is sent once as `itemDefaults.editRange`
    and each item carries only its `textEditText`: a list of 66 binding types shrinks by a
    third."""
    items = [completion_item(p, positions, snippets) for p in proposals]
    if not (shared_range and items and len({p.replace for p in proposals}) == 1):
        return types.CompletionList(is_incomplete=False, items=items)
    for item in items:
        edit = item.text_edit
        if isinstance(edit, types.TextEdit):
            item.text_edit_text = edit.new_text
            item.text_edit = None
    return types.CompletionList(
        is_incomplete=False,
        items=items,
        item_defaults=types.CompletionItemDefaults(
            edit_range=positions.range(proposals[0].replace)
        ),
    )
