"""Problem codes of the imports family: FUNC3xx for imports and app settings read from the
environment."""

from __future__ import annotations

from funcls.core.problems import Code, Severity

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT

APP_PREFIX = Code("FUNC301", W, "Deprecated `__app__` import", ("I-03",))
BEYOND_TOP = Code("FUNC302", W, "Relative import beyond the function's package", ("I-04",))
SIBLING_IMPORT = Code("FUNC303", E, "Implicit sibling import fails in the worker", ("I-05",))
NO_INIT = Code("FUNC304", W, "App package imported without __init__.py", ("I-01",))
SHADOWS_STDLIB = Code("FUNC305", W, "App folder shadows a standard module", ("I-07",))
MODULE_NOT_FOUND = Code("FUNC306", E, "Module the worker cannot import", ("W-03", "R-03"))
NOT_INSTALLED = Code(
    "FUNC307", H, "Listed in requirements.txt but not installed locally", ("R-03",)
)
APP_MODULE_MISSING = Code("FUNC308", E, "Module of the app does not exist", ("W-03", "I-02"))
SETTING_UNDEFINED = Code("FUNC310", W, "App setting read in Python is defined nowhere", ("C-04",))

IMPORT_CODES = (
    APP_PREFIX,
    BEYOND_TOP,
    SIBLING_IMPORT,
    NO_INIT,
    SHADOWS_STDLIB,
    MODULE_NOT_FOUND,
    NOT_INSTALLED,
    APP_MODULE_MISSING,
    SETTING_UNDEFINED,
)
