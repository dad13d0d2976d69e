"""The file check for the three JSON files: unreadable content, syntax, then the schema."""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core import schemas
from funcls.core.checks.base import CheckContext
from funcls.core.checks.json_checks import schema_problems, syntax_problems, unreadable_problem
from funcls.core.problems import Problem
from funcls.core.sources import SourceFile


def check_json_file(ctx: CheckContext, source: SourceFile) -> Iterable[Problem]:
    """Syntax and schema problems of function.json, host.json or local.settings.json."""
    if source.text is None:
        return [unreadable_problem(source)]
    document = ctx.workspace.json(source.path)
    if document is None:
        return []
    problems = syntax_problems(source.path, document)
    kind = schemas.schema_kind(source.path)
    if kind is not None and ctx.settings.schema_validation:
        problems.extend(schema_problems(kind, source.path, document))
    return problems
