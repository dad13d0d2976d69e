"""Problem codes of the Python side: FUNC2xx for the worker's load rules, FUNC3xx for imports and
app settings read from the environment."""

from __future__ import annotations

from funcls.core.problems import Code, Severity

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT

SCRIPT_OUTSIDE_APP = Code("FUNC201", E, "Entry script outside the app root", ("W-01",))
PY_SYNTAX = Code("FUNC204", E, "Python syntax error (the module cannot be imported)", ("W-03",))
ENTRY_MISSING = Code("FUNC205", E, "Entry point missing or not callable", ("W-04",))
PARAM_UNBOUND = Code("FUNC210", E, "Parameter without a binding", ("W-13",))
BINDING_UNBOUND = Code("FUNC211", E, "Binding without a parameter", ("W-14", "W-36"))
CONTEXT_ANNOTATION = Code("FUNC212", E, "'context' parameter not annotated Context", ("W-12",))
OUT_ARGS = Code("FUNC213", E, "Out[...] needs exactly one type argument", ("W-15",))
NON_TYPE = Code("FUNC214", E, "Annotation is not a type", ("W-16",))
OUT_MISSING = Code("FUNC215", E, "Output binding not annotated Out[...]", ("W-17",))
OUT_ON_INPUT = Code("FUNC216", E, "Input binding annotated Out[...]", ("W-18",))
TYPE_MISMATCH = Code(
    "FUNC217", E, "Annotation rejected by the binding's converter", ("W-19", "W-30", "W-31", "W-33")
)
RETURN_MISMATCH = Code(
    "FUNC218", E, "Return annotation does not fit the $return binding", ("W-20", "W-21", "W-22")
)
DURABLE_CONTEXT = Code(
    "FUNC219", E, "Durable wrapper needs its trigger binding named 'context'", ("W-32",)
)
CLIENT_UNANNOTATED = Code(
    "FUNC220", W, "durableClient parameter without a str annotation", ("W-33",)
)
CARDINALITY = Code("FUNC221", W, "Cardinality and List[...] annotation disagree", ("W-34",))
HTTP_AS_STR = Code("FUNC222", W, "HTTP trigger parameter annotated str/bytes", ("W-35",))
RETURN_DROPPED = Code("FUNC223", W, "Returned value has no $return binding", ("W-36",))
ANNOTATION_ERROR = Code("FUNC224", E, "Annotation cannot be evaluated", ("W-37",))
FOLDER_NOT_IMPORTABLE = Code(
    "FUNC225", H, "Function folder name cannot be imported by tests", ("I-06",)
)

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

CROSSCHECK_CODES = (
    SCRIPT_OUTSIDE_APP,
    PY_SYNTAX,
    ENTRY_MISSING,
    PARAM_UNBOUND,
    BINDING_UNBOUND,
    CONTEXT_ANNOTATION,
    OUT_ARGS,
    NON_TYPE,
    OUT_MISSING,
    OUT_ON_INPUT,
    TYPE_MISMATCH,
    RETURN_MISMATCH,
    DURABLE_CONTEXT,
    CLIENT_UNANNOTATED,
    CARDINALITY,
    HTTP_AS_STR,
    RETURN_DROPPED,
    ANNOTATION_ERROR,
    FOLDER_NOT_IMPORTABLE,
)

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
