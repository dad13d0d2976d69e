"""A tolerant JSON (and JSONC) parser that keeps offsets, parent links and every error.

Half-typed documents are the normal state in an editor, so the parser never gives up: missing
values, commas, quotes, colons and brackets are reported and skipped, and the tree it builds still
tells completion where the cursor is. Comments and trailing commas are accepted and reported
separately (the Functions host reads its JSON with Json.NET, which accepts both).

The scanner is one compiled regular expression, so large inputs are tokenised at C speed; nesting
deeper than `MAX_DEPTH` is reported and skipped instead of recursing.

The tree (nodes, document, paths) is in `json_nodes`, the parser in `json_parser`; callers import
both from here.
"""

from __future__ import annotations

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
    PathPart,
    SyntaxIssue,
    path_of,
    walk,
)
from funcls.core.json_parser import MAX_DEPTH, parse_json

__all__ = [
    "MAX_DEPTH",
    "JsonArray",
    "JsonBoolean",
    "JsonDocument",
    "JsonInvalid",
    "JsonNode",
    "JsonNull",
    "JsonNumber",
    "JsonObject",
    "JsonProperty",
    "JsonString",
    "PathPart",
    "SyntaxIssue",
    "parse_json",
    "path_of",
    "walk",
]
