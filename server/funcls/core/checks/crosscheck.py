"""Bindings in function.json against the entry point's signature, as the Python worker checks
them at load time (validation-rules W-01 to W-04, W-10 to W-22, W-30 to W-37, I-06).

Problems land in both files: a parameter without a binding on the parameter, a binding without a
parameter on its `name`, an annotation the converter rejects on the annotation and on the
binding's `type`, each with related information pointing at the other file.
"""

from __future__ import annotations

from collections.abc import Iterable

from funcls.core.app_model import FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.problems import Problem
from funcls.core.python.codes import CROSSCHECK_CODES
from funcls.core.python.worker_rules import worker_problems

CODES = CROSSCHECK_CODES


def check_function(ctx: CheckContext, fn: FunctionInfo) -> Iterable[Problem]:
    """Every worker load rule for one function, reported in both files."""
    if ctx.app is None:
        return []
    return worker_problems(ctx.workspace, ctx.app, fn, ctx.settings)
