"""Rules of the decorator (v2) model that have no function.json counterpart.

What the worker and the azure-functions library refuse when they import `function_app.py` and
index its app. Sources: the azure-functions library (Azure/azure-functions-python-library,
release 1.26.0 on PyPI: `azure/functions/decorators/function_app.py`, `FunctionBuilder.
_validate_function`, `add_trigger`, `FunctionRegister.validate_function_names`,
`decorators/utils.py` `parse_singular_param_to_enum`) and the v2 worker library
(azure-functions-runtime 1.3.0 on PyPI: `azure_functions_runtime/loader.py`
`index_function_app`):
- no FunctionRegister at module level ("Could not find top level function app instances"), or
  more than one ("More than one FunctionApp or other top level function app instances");
- a decorator the app class does not have (AttributeError), a keyword its signature lacks or a
  required argument missing (TypeError), a literal value the decorator cannot parse (KeyError,
  asked of the library with the literal arguments): the import fails and no function loads;
- a function with no trigger, or with two (`_validate_function`, `add_trigger`);
- two functions with one name (`validate_function_names`).
A blueprint whose functions are never registered loads, without those functions (a Warning).

Everything dynamic (star imports, `**options`, app objects made elsewhere, decorators of other
libraries such as Durable Functions) is left alone: no guess is reported.
"""

from __future__ import annotations

import ast
import difflib
import os
import sys
from collections.abc import Iterable
from typing import Any

from funcls.core.app_model import FunctionInfo
from funcls.core.checks.base import CheckContext
from funcls.core.checks.common import related_at
from funcls.core.edits.decorator_edits import python_literal
from funcls.core.problems import Code, Fix, Problem, Severity, Span, TextEdit, make_problem
from funcls.core.v2 import library as v2_library
from funcls.core.v2.model import SETTING_DECORATORS, HttpAppFunction, V2App, arguments_of
from funcls.core.v2.reader import (
    AZURE_FUNCTIONS,
    UNKNOWN,
    Argument,
    DecoratedFunction,
    DecoratorCall,
    EnumRef,
    ModuleReading,
)

NO_APP = Code("FUNC700", Severity.ERROR, "No FunctionApp at module level of the v2 entry file")
MANY_APPS = Code("FUNC701", Severity.ERROR, "More than one FunctionApp at module level")
NO_TRIGGER = Code("FUNC702", Severity.ERROR, "v2 function without a trigger decorator")
MANY_TRIGGERS = Code("FUNC703", Severity.ERROR, "v2 function with more than one trigger decorator")
DUPLICATE_FUNCTION = Code("FUNC704", Severity.ERROR, "Two v2 functions with the same name")
UNKNOWN_DECORATOR = Code("FUNC705", Severity.ERROR, "Decorator the app object does not have")
UNKNOWN_ARGUMENT = Code("FUNC706", Severity.ERROR, "Keyword argument the decorator does not take")
MISSING_ARGUMENT = Code("FUNC707", Severity.ERROR, "Required decorator argument missing")
MISSPELT_ARGUMENT = Code(
    "FUNC708",
    Severity.WARNING,
    "Misspelt decorator argument: passed through as a property the binding ignores",
)
UNREGISTERED = Code("FUNC709", Severity.WARNING, "Blueprint never registered on the app")
REFUSED_VALUE = Code(
    "FUNC710", Severity.ERROR, "Decorator argument value the library refuses (enum, list)"
)

CODES = (
    NO_APP,
    MANY_APPS,
    NO_TRIGGER,
    MANY_TRIGGERS,
    DUPLICATE_FUNCTION,
    UNKNOWN_DECORATOR,
    UNKNOWN_ARGUMENT,
    MISSING_ARGUMENT,
    MISSPELT_ARGUMENT,
    UNREGISTERED,
    REFUSED_VALUE,
)


def check_v2_app(ctx: CheckContext) -> Iterable[Problem]:
    """The app-level and decorator rules of the app's v2 modules."""
    app = ctx.app
    v2: V2App | None = app.v2 if app is not None else None
    lib = v2_library.load()
    if v2 is None or lib is None:
        return []
    entry = v2.readings.get(v2.entry_file)
    if entry is None or entry.view.tree is None:
        return []  # a syntax error: the Python checks report it
    problems: list[Problem] = []
    problems += _apps(entry)
    for reading, fn, owner in v2.declared:
        if reading.dynamic:
            continue
        known_class = owner.module == AZURE_FUNCTIONS
        for call in fn.decorators:
            problems += _call(lib, reading, owner.cls, call, known_class)
        if fn.wrapped or fn.mixed:
            continue  # another decorator on the def may declare bindings through the app itself
        if known_class or all(_known_decorator(lib, c) for c in fn.decorators):
            # a second trigger raises as the decorators run (`add_trigger`), indexed or not;
            # the library validates the rest when the app indexes the function
            problems += _triggers(lib, reading, fn, v2.is_indexed(reading, fn, owner))
    problems += _duplicates(v2)
    problems += _redefined(v2)
    problems += _unregistered(v2)
    return problems


# -- app objects -----------------------------------------------------------------------------------
def _apps(entry: ModuleReading) -> list[Problem]:
    if entry.dynamic:
        return []
    apps = [a for a in entry.apps.values() if a.kind == "app"]
    if len(apps) > 1:
        first = min(apps, key=lambda a: a.span.start)
        return [
            make_problem(
                MANY_APPS,
                f"'{extra.name}' is a second {extra.cls} at module level of "
                f"{os.path.basename(entry.path)}: the worker indexes only one and fails with "
                f'"More than one {first.cls} or other top level function app instances are '
                'defined". Register the other functions on one app (or use Blueprints).',
                entry.path,
                extra.span,
                related=(related_at(entry.path, first.span, f"the first app, '{first.name}'"),),
            )
            for extra in sorted(apps, key=lambda a: a.span.start)[1:]
        ]
    if apps or not _static_names(entry):
        return []
    name = os.path.basename(entry.path)
    return [
        make_problem(
            NO_APP,
            f'{name} defines no FunctionApp at module level: the worker fails with "Could not '
            f'find top level function app instances in {name}" and the app has no functions. '
            "Add `app = func.FunctionApp()`.",
            entry.path,
            _first_line(entry),
        )
    ]


def _static_names(entry: ModuleReading) -> bool:
    """True when no module-level name can hold an app made elsewhere: every name imported comes
    from azure.functions or the standard library, and no name is bound to another call."""
    if entry.opaque_names:
        return False
    tree = entry.view.tree
    simple = (
        ast.Import,
        ast.ImportFrom,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Expr,
        ast.Pass,
    )
    for stmt in tree.body if tree is not None else []:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if all(isinstance(t, ast.Name) for t in targets):
                continue
        if not isinstance(stmt, simple):
            return False  # `try:`/`if:` blocks, unpacking: an app may be bound there
    for imported in entry.imports.values():
        if imported.name is None:
            continue  # `import x as y`: a module, no app object
        top = imported.module.split(".")[0]
        if imported.module.startswith("."):
            return False
        if imported.module != AZURE_FUNCTIONS and top not in sys.stdlib_module_names:
            return False
    return True


def _first_line(reading: ModuleReading) -> Span:
    index = reading.view.index
    return Span(0, index.line_end(0))


# -- decorator calls -------------------------------------------------------------------------------
def _known_decorator(lib: v2_library.Library, call: DecoratorCall) -> bool:
    return call.method in SETTING_DECORATORS or lib.decorator(call.method) is not None


def _call(
    lib: v2_library.Library, reading: ModuleReading, cls: str, call: DecoratorCall, known: bool
) -> list[Problem]:
    """Unknown decorators, unknown, misspelt and missing arguments of one call. Over 80 lines
    on purpose: one pass over the call in the order a reader meets its problems (the
    decorator's name, each argument, then the required ones missing), each with its fix."""
    path = reading.path
    attributes = lib.class_attributes.get(cls)
    if known and attributes is not None and call.method not in attributes:
        close = difflib.get_close_matches(call.method, sorted(attributes), n=1, cutoff=0.7)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return [
            make_problem(
                UNKNOWN_DECORATOR,
                f"{cls} (azure-functions {lib.version}) has no decorator '{call.method}': "
                f"importing {os.path.basename(path)} "
                f"fails with AttributeError and no function of the app loads.{hint}",
                path,
                call.name_span,
                fixes=tuple(_change_to(path, call.name_span, c) for c in close),
            )
        ]
    signature = lib.signatures.get(lib.aliases.get(call.method, call.method))
    if signature is None or not call.called or call.dynamic:
        return []
    parameters, takes_kwargs = signature
    spec = lib.decorator(call.method)
    arguments = arguments_of(call, parameters)
    if arguments is None:
        return []
    problems: list[Problem] = []
    given = {a.name for a in arguments}
    for argument in arguments:
        if argument.positional or argument.name in parameters:
            continue
        close = difflib.get_close_matches(argument.name, parameters, n=1, cutoff=0.75)
        renames = tuple(_change_to(path, argument.key_span, c) for c in close if c not in given)
        if not takes_kwargs:
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(
                make_problem(
                    UNKNOWN_ARGUMENT,
                    f"{call.method}() (azure-functions {lib.version}) takes no argument "
                    f"'{argument.name}': importing "
                    f"{os.path.basename(path)} fails with TypeError and no function of the "
                    f"app loads.{hint}",
                    path,
                    argument.key_span,
                    fixes=renames,
                )
            )
        elif close and close[0] not in given:
            prop = lib.to_camel_case(argument.name)
            problems.append(
                make_problem(
                    MISSPELT_ARGUMENT,
                    f"{call.method}() has no argument '{argument.name}': it is passed through "
                    f"as the property '{prop}', which the binding ignores. Did you mean "
                    f"'{close[0]}'?",
                    path,
                    argument.key_span,
                    fixes=renames,
                )
            )
    required = spec.required if spec is not None else lib.required.get(call.method, frozenset())
    missing = sorted(required - given, key=lambda p: parameters.index(p))
    if not missing and not problems and spec is not None:
        problems += _refused(lib, spec, reading, call, arguments)
    if missing:
        listed = ", ".join(f"'{m}'" for m in missing)
        plural = "s" if len(missing) > 1 else ""
        problems.append(
            make_problem(
                MISSING_ARGUMENT,
                f"{call.method}() (azure-functions {lib.version}) is missing the required "
                f"argument{plural} {listed}: importing "
                f"{os.path.basename(path)} fails with TypeError and no function of the app "
                "loads.",
                path,
                call.name_span,
            )
        )
    return problems


def _refused(
    lib: v2_library.Library,
    spec: v2_library.DecoratorSpec,
    reading: ModuleReading,
    call: DecoratorCall,
    arguments: tuple[Argument, ...],
) -> list[Problem]:
    """FUNC710: literal values the decorator itself refuses when the module is imported (an
    enum string it cannot parse, `methods="GET"` instead of a list), asked of the library with
    the literal arguments; the argument at fault is the one whose addition makes it refuse."""
    values: dict[str, Any] = {}
    for argument in arguments:
        value = _library_value(spec, argument)
        if value is UNKNOWN:
            return []
        if isinstance(value, _Missing):
            fixes = _enum_fixes(spec, reading, argument)
            return [
                _refusal(lib, reading.path, call, argument.value_span, value.message, fixes=fixes)
            ]
        values[argument.name] = value
    if v2_library.refusal(call.method, values) is None:
        return []
    # Blame one argument, and only when the required ones alone are accepted: a refusal the
    # probe's own shape could cause is no verdict on the user's code.
    base = {k: v for k, v in values.items() if k in spec.required}
    if v2_library.refusal(call.method, base) is not None:
        message = v2_library.refusal(call.method, values)
        if spec.completions and message is not None:
            # the constructor wants optional arguments together (EventGridOutput: `connection`
            # or both topic settings): the combination is at fault, not one argument
            return [_refusal(lib, reading.path, call, call.name_span, message, what="arguments")]
        return []
    for argument in arguments:
        if argument.name in base:
            continue
        added = {**base, argument.name: values[argument.name]}
        message = v2_library.refusal(call.method, added)
        if message is not None:
            fixes = _enum_fixes(spec, reading, argument)
            return [_refusal(lib, reading.path, call, argument.value_span, message, fixes=fixes)]
    return []


def _enum_fixes(
    spec: v2_library.DecoratorSpec, reading: ModuleReading, argument: Argument
) -> tuple[Fix, ...]:
    """ "Change to '...'" for an enum argument written as a string or a member that the enum
    does not have, with the members closest to it (a scalar argument only)."""
    enum = spec.enums.get(argument.name)
    value = argument.value
    path = reading.path
    span = argument.value_span
    if enum is None or argument.name in spec.enum_lists:
        return ()
    if isinstance(value, EnumRef) and value.owner == enum.__name__:
        names = list(enum.__members__)
        close = difflib.get_close_matches(value.member, names, n=2, cutoff=0.6)
        prefix = value.dotted.rsplit(".", 1)[0]
        return tuple(_change_to(path, argument.value_span, f"{prefix}.{c}") for c in close)
    if not isinstance(value, str):
        return ()
    written = {str(m.value).lower(): str(m.value) for m in enum}
    written.update({m.name.lower(): m.name for m in enum if m.name.lower() not in written})
    close = difflib.get_close_matches(value.lower(), list(written), n=2, cutoff=0.6)
    return tuple(
        Fix(
            f"Change to '{written[c]}'",
            (
                TextEdit(
                    path, span, python_literal(written[c], reading.view.text[span.start : span.end])
                ),
            ),
            i == 0,
        )
        for i, c in enumerate(close)
    )


def _change_to(path: str, span: Span, new: str) -> Fix:
    """The identifier at `span` (a decorator or keyword name) replaced by `new`."""
    return Fix(f"Change to '{new}'", (TextEdit(path, span, new),), True)


class _Missing:
    """An enum member that does not exist (`func.AuthLevel.ANONYMUS`)."""

    def __init__(self, message: str) -> None:
        self.message = message


def _library_value(spec: v2_library.DecoratorSpec, argument: Argument) -> Any:
    """The argument's value as the library receives it, enum references resolved against the
    enum the argument parses (UNKNOWN when it cannot be known)."""
    value = argument.value
    enum = spec.enums.get(argument.name)

    def resolve(item: Any) -> Any:
        if not isinstance(item, EnumRef):
            return item
        if enum is None or item.owner != enum.__name__:
            return UNKNOWN
        if item.member not in enum.__members__:
            return _Missing(f"{enum.__name__} has no member '{item.member}' (AttributeError).")
        return enum.__members__[item.member]

    if isinstance(value, list):
        items = [resolve(i) for i in value]
        for item in items:
            if item is UNKNOWN or isinstance(item, _Missing):
                return item
        return items
    return resolve(value)


def _refusal(
    lib: v2_library.Library,
    path: str,
    call: DecoratorCall,
    span: Span,
    message: str,
    what: str = "value",
    fixes: tuple[Fix, ...] = (),
) -> Problem:
    refused = "these arguments" if what == "arguments" else "this value"
    return make_problem(
        REFUSED_VALUE,
        f"{call.method}() (azure-functions {lib.version}) refuses {refused}: {message} "
        f"Importing {os.path.basename(path)} "
        "fails and no function of the app loads.",
        path,
        span,
        fixes=fixes,
    )


# -- triggers --------------------------------------------------------------------------------------
def _triggers(
    lib: v2_library.Library, reading: ModuleReading, fn: DecoratedFunction, indexed: bool
) -> list[Problem]:
    if any(c.dynamic or not c.called for c in fn.decorators):
        return []
    triggers: list[DecoratorCall] = []
    for call in fn.decorators:
        spec = lib.decorator(call.method)
        if spec is not None and any(b.is_trigger for b in spec.bindings):
            triggers.append(call)
    label = _name_of(fn)
    if not triggers and not indexed:
        return []
    if not triggers:
        return [
            make_problem(
                NO_TRIGGER,
                f'Function {label} has no trigger decorator: the library fails with "Function '
                f"{label} does not have a trigger. A valid function must have one and only one "
                'trigger registered" and the app does not load.',
                reading.path,
                fn.name_span,
            )
        ]
    first = triggers[0]
    return [
        make_problem(
            MANY_TRIGGERS,
            f"Function {label} has a second trigger, @{extra.receiver}.{extra.method} (the first "
            f'is @{first.receiver}.{first.method}): the library fails with "A trigger was '
            'already registered to this function" and the app does not load.',
            reading.path,
            extra.name_span,
            related=(related_at(reading.path, first.name_span, "the first trigger"),),
        )
        for extra in triggers[1:]
    ]


def _name_of(fn: DecoratedFunction) -> str:
    for call in fn.decorators:
        if call.method == "function_name" and call.called:
            args = call.argument("name") or (call.positional[0] if call.positional else None)
            if args is not None and isinstance(args.value, str):
                return args.value
    return fn.def_name


# -- names and registrations -----------------------------------------------------------------------
def _duplicates(v2: V2App) -> list[Problem]:
    """Two indexed functions with one name: `validate_function_names` compares exactly."""
    seen: dict[str, FunctionInfo] = {}
    problems: list[Problem] = []
    added = {f.name: f for f in v2.http_app_functions}
    for fn in sorted(v2.functions, key=_position):
        web = added.get(fn.name)
        if web is not None:
            problems.append(_taken_by_web_app(fn, web, v2.entry_file))
            continue
        first = seen.get(fn.name)
        if first is None:
            seen[fn.name] = fn
            continue
        declaration = fn.declaration
        span = (
            declaration.name_argument.value_span
            if declaration.name_argument is not None
            else declaration.function.name_span
        )
        first_span = (
            first.declaration.name_argument.value_span
            if first.declaration.name_argument is not None
            else first.declaration.function.name_span
        )
        problems.append(
            make_problem(
                DUPLICATE_FUNCTION,
                f"Another function is already named '{fn.name}': the library fails with "
                f'"Function {fn.name} does not have a unique function name" and the app does '
                "not load. Change @function_name() or the def's name.",
                fn.json_path,
                span,
                related=(related_at(first.json_path, first_span, "the first function"),),
            )
        )
    return problems


def _taken_by_web_app(fn: FunctionInfo, web: HttpAppFunction, entry_file: str) -> Problem:
    """A decorated function named like the function the web-app class adds."""
    declaration = fn.declaration
    span = (
        declaration.name_argument.value_span
        if declaration.name_argument is not None
        else declaration.function.name_span
    )
    return make_problem(
        DUPLICATE_FUNCTION,
        f"{web.owner.cls} '{web.owner.name}' already adds a function named '{fn.name}' for its "
        f'web app: the library fails with "Function {fn.name} does not have a unique function '
        "name\" and the app does not load. Change @function_name() or the def's name (or the "
        f"{web.owner.cls}'s function_name).",
        fn.json_path,
        span,
        related=(related_at(entry_file, web.span, f"the function {web.owner.cls} adds"),),
    )


def _redefined(v2: V2App) -> list[Problem]:
    """Two decorated defs of one name in one module: the model keeps the last one, but the
    library registered both, and `validate_function_names` refuses the app when the shadowed
    def's name (its literal @function_name, or the def's) is another function's too. Pairs of
    functions both in the model are `_duplicates`'s."""
    in_model = {id(f.declaration.function) for f in v2.functions}
    first_at: dict[str, tuple[ModuleReading, DecoratedFunction]] = {}
    problems: list[Problem] = []
    for reading, fn, owner in v2.declared:
        if reading.dynamic or fn.wrapped or fn.mixed or not v2.is_indexed(reading, fn, owner):
            continue
        name = _literal_name(fn)
        if name is None:
            continue  # a name only known at import
        first = first_at.get(name)
        if first is None:
            first_at[name] = (reading, fn)
            continue
        if id(fn) in in_model and id(first[1]) in in_model:
            continue
        problems.append(
            make_problem(
                DUPLICATE_FUNCTION,
                f"Another decorated def is already named '{name}': both are registered, "
                f'and the library fails with "Function {name} does not have a unique '
                'function name"; the app does not load. Rename one of the defs or give it '
                "another @function_name().",
                reading.path,
                fn.name_span,
                related=(related_at(first[0].path, first[1].name_span, "the first def"),),
            )
        )
    return problems


def _literal_name(fn: DecoratedFunction) -> str | None:
    """The name the library registers the def under: its literal @function_name, or the def's
    name; None when @function_name's argument is not a literal string."""
    for call in fn.decorators:
        if call.method == "function_name":
            args = call.argument("name") or (call.positional[0] if call.positional else None)
            if not call.called or args is None or not isinstance(args.value, str):
                return None
            return args.value
    return fn.def_name


def _position(fn: FunctionInfo) -> tuple[int, str, int]:
    declaration = fn.declaration
    is_entry = 0 if declaration.path == declaration.entry_file else 1
    return (is_entry, declaration.path, declaration.function.name_span.start)


def _unregistered(v2: V2App) -> list[Problem]:
    """Blueprints of the entry file with functions that no registration names."""
    if not v2.registrations_known:
        return []
    entry = v2.readings[v2.entry_file]
    if entry.dynamic or entry.app_handed_out:
        return []
    problems: list[Problem] = []
    candidates = [(owner.name, entry, owner, owner.span) for owner in entry.apps.values()]
    candidates += [(i.local, r, owner, i.span) for i, r, owner in v2.imported_blueprints]
    for local, reading, owner, span in candidates:
        if owner.kind != "blueprint" or v2.is_registered(reading, owner) or reading.dynamic:
            continue
        count = sum(1 for fn in reading.functions if fn.receiver == owner.name)
        if not count:
            continue
        problems.append(
            make_problem(
                UNREGISTERED,
                f"Blueprint '{local}' is never registered on the app: its {count} "
                f"function{'s are' if count > 1 else ' is'} not indexed. Call "
                f"app.register_functions({local}).",
                entry.path,
                span,
            )
        )
    return problems
