"""`@app.retry(...)` on a v2 function: the retry policy the worker and the host accept.

The decorator's arguments are the library's (`FunctionApp.retry`: strategy, max_retry_count,
delay_interval, minimum_interval, maximum_interval, setting_extra_fields; unknown and missing
arguments are FUNC706/FUNC707). What the worker does with them when it indexes the app
(azure-functions-runtime 1.3.0 on PyPI, `loader.py` `build_retry_protos`; the same code in
Azure/azure-functions-python-worker @7e6acf3, `azure_functions_worker/loader.py`):
- `int(max_retry_count)`;
- `strategy == "fixed_delay"` reads `delay_interval`, any other strategy `minimum_interval` and
  `maximum_interval`, each through `time.strptime(value, "%H:%M:%S")` (`convert_to_seconds`);
  azure-functions-runtime 1.3.0 (the worker of Python 3.13 and later) gives a missing or empty
  interval of the exponential backoff a default instead (0 s and 2147483647 s,
  `build_variable_interval_retry`), so only the older worker fails there: a Warning;
- the strategy string becomes the `RpcRetryOptions.retry_strategy` enum, whose only labels are
  `exponential_backoff` and `fixed_delay` (FunctionRpc.proto).
An exception there fails the worker's indexing: no function of the app loads. The host then
builds the retry attribute (Azure/azure-functions-host @89dc438, `Utility.ValidateRetryOptions`),
which refuses a minimum interval longer than the maximum (as FUNC125 says of function.json).
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from funcls.core.checks.base import CheckContext
from funcls.core.edits.decorator_edits import python_literal
from funcls.core.problems import Code, Fix, Problem, Severity, TextEdit, make_problem
from funcls.core.v2 import library as v2_library
from funcls.core.v2.model import V2App, arguments_of
from funcls.core.v2.reader import Argument, DecoratorCall, ModuleReading

BAD_RETRY = Code("FUNC711", Severity.ERROR, "@retry policy the worker or the host refuses")
CODES = (BAD_RETRY,)

STRATEGIES = ("fixed_delay", "exponential_backoff")
INTERVALS = {
    "fixed_delay": ("delay_interval",),
    "exponential_backoff": ("minimum_interval", "maximum_interval"),
}


def check_v2_retry(ctx: CheckContext) -> Iterable[Problem]:
    """FUNC711 on every `retry` decorator of the app's v2 modules."""
    app = ctx.app
    v2: V2App | None = app.v2 if app is not None else None
    lib = v2_library.load()
    if v2 is None or lib is None or "retry" not in lib.signatures:
        return []
    parameters = lib.signatures["retry"][0]
    problems: list[Problem] = []
    for reading, fn, owner in v2.declared:
        if reading.dynamic:
            continue
        indexed = v2.is_indexed(reading, fn, owner)
        for call in fn.decorators:
            if call.method != "retry" or not call.called or call.dynamic:
                continue
            arguments = arguments_of(call, parameters)
            if arguments is None:
                continue
            found = _policy(lib, reading, call, {a.name: a for a in arguments})
            problems += found if indexed else [_not_indexed(p) for p in found]
    return problems


def _not_indexed(problem: Problem) -> Problem:
    """A Warning: the worker reads the policy of the functions it indexes only (a blueprint
    registered before the def or never), so today the app loads."""
    if problem.severity is not Severity.ERROR:
        return problem
    message = problem.message + " (Once the function is indexed: today the app never indexes it.)"
    return replace(problem, severity=Severity.WARNING, message=message)


def _policy(
    lib: v2_library.Library,
    reading: ModuleReading,
    call: DecoratorCall,
    given: dict[str, Argument],
) -> list[Problem]:
    """The problems of one @retry call whose arguments are `given` (by name)."""
    strategy = given.get("strategy")
    count = given.get("max_retry_count")
    if strategy is None or count is None:
        return []  # a missing argument: FUNC707
    name = os.path.basename(reading.path)
    fails = f"the worker's indexing of {name} fails and no function of the app loads."
    problems: list[Problem] = []
    if count.known and not _is_int(count.value):
        problems.append(
            make_problem(
                BAD_RETRY,
                f"max_retry_count {count.value!r} is no whole number: the worker reads it with "
                f"int() and {fails}",
                reading.path,
                count.value_span,
            )
        )
    if not strategy.known:
        return problems
    if strategy.value not in STRATEGIES:
        return problems + [_unknown_strategy(reading, strategy, fails)]
    return problems + _intervals(reading.path, call, str(strategy.value), given, name, fails)


def _unknown_strategy(reading: ModuleReading, strategy: Argument, fails: str) -> Problem:
    """A strategy the worker does not know, with the closest one as its fix."""
    path = reading.path
    written = reading.view.text[strategy.value_span.start : strategy.value_span.end]
    close = difflib.get_close_matches(
        str(strategy.value).lower().replace("delay", "_delay").replace("__", "_"),
        STRATEGIES,
        n=1,
        cutoff=0.6,
    )
    return make_problem(
        BAD_RETRY,
        f"strategy {strategy.value!r} is neither 'fixed_delay' nor "
        f"'exponential_backoff' (written exactly so): {fails}",
        path,
        strategy.value_span,
        fixes=tuple(
            Fix(
                f"Change to '{c}'",
                (TextEdit(path, strategy.value_span, python_literal(c, written)),),
                True,
            )
            for c in close
        ),
    )


def _intervals(
    path: str,
    call: DecoratorCall,
    strategy: str,
    given: dict[str, Argument],
    name: str,
    fails: str,
) -> list[Problem]:
    """The intervals a known strategy needs: present, HH:MM:SS, minimum below maximum."""
    problems: list[Problem] = []
    parsed: dict[str, float] = {}
    backoff = strategy == "exponential_backoff"
    for key in INTERVALS[strategy]:
        argument = given.get(key)
        if backoff and argument is not None and argument.known and not argument.value:
            argument = None  # None or '': the newer worker's default, as when it is missing
        if argument is None and backoff:
            problems.append(_default_interval(path, call, key, name))
            continue
        if argument is None:
            problems.append(
                make_problem(
                    BAD_RETRY,
                    f"The {strategy} strategy needs {key}: without it {fails}",
                    path,
                    call.name_span,
                )
            )
            continue
        if not argument.known:
            continue
        seconds = _seconds(argument.value)
        if seconds is None:
            problems.append(
                make_problem(
                    BAD_RETRY,
                    f"{key} {argument.value!r} is not written HH:MM:SS (the worker parses it with "
                    f"time.strptime(value, '%H:%M:%S')): {fails}",
                    path,
                    argument.value_span,
                )
            )
            continue
        parsed[key] = seconds
    low, high = parsed.get("minimum_interval"), parsed.get("maximum_interval")
    if low is not None and high is not None and low > high:
        problems.append(
            make_problem(
                BAD_RETRY,
                "minimum_interval is longer than maximum_interval: the host rejects the "
                "exponential backoff policy and the function does not load.",
                path,
                given["minimum_interval"].value_span,
            )
        )
    return problems


def _default_interval(path: str, call: DecoratorCall, key: str, name: str) -> Problem:
    """A Warning: the exponential backoff without `key`, which only the older worker refuses."""
    default = "0 seconds" if key == "minimum_interval" else "2147483647 seconds"
    problem = make_problem(
        BAD_RETRY,
        f"The exponential_backoff strategy without {key}: the worker of Python 3.12 and older "
        f"fails the indexing of {name} and no function of the app loads (the worker of Python "
        f"3.13 and later uses {default}).",
        path,
        call.name_span,
    )
    return replace(problem, severity=Severity.WARNING)


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return True  # int(True) works
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


def _seconds(value: Any) -> float | None:
    """The seconds `time.strptime(value, "%H:%M:%S")` gives, or None when it raises."""
    if not isinstance(value, str):
        return None
    try:
        parsed = time.strptime(value, "%H:%M:%S")
    except ValueError:
        return None
    return parsed.tm_hour * 3600 + parsed.tm_min * 60 + parsed.tm_sec
