"""The one list of checks and problem codes. A new check family adds its entries here."""

from __future__ import annotations

from funcls.core.checks import json_checks
from funcls.core.checks.base import AppCheck, FileCheck, FunctionCheck
from funcls.core.checks.json_file import check_json_file
from funcls.core.problems import Code

FILE_CHECKS: dict[str, tuple[FileCheck, ...]] = {
    "function.json": (check_json_file,),
    "host.json": (check_json_file,),
    "local.settings.json": (check_json_file,),
    "requirements.txt": (),
    ".funcignore": (),
    "python": (),
}

FUNCTION_CHECKS: tuple[FunctionCheck, ...] = ()

APP_CHECKS: tuple[AppCheck, ...] = ()

ALL_CODES: tuple[Code, ...] = (*json_checks.CODES,)


def code_by_id() -> dict[str, Code]:
    """Every code by its id."""
    return {code.id: code for code in ALL_CODES}
