"""`@app.retry` (FUNC711, FUNC706/707 for its arguments): the policy the worker and the host
accept, as the worker's loader reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from unit.semantics.helpers import apply_fix, only
from unit.v2model.helpers import HEAD, under, v2_app, v2_problems

TIMER = "@app.timer_trigger(schedule='0 */5 * * * *', arg_name='t')\n"
DEF = "def f(t: func.TimerRequest) -> None: ...\n"


def _app(root: Path, retry: str) -> None:
    v2_app(root, HEAD + TIMER + f"@app.retry({retry})\n" + DEF)


@pytest.mark.parametrize(
    "retry",
    [
        "strategy='fixed_delay', max_retry_count='3', delay_interval='00:00:10'",
        "strategy='exponential_backoff', max_retry_count='3', minimum_interval='00:00:01', "
        "maximum_interval='00:15:00'",
        "strategy='fixed_delay', max_retry_count=-1, delay_interval='0:0:5'",
        "'fixed_delay', '2', '00:01:00'",
        "strategy=STRATEGY, max_retry_count='3', delay_interval='00:00:10'",
    ],
)
def test_policies_the_worker_accepts(tmp_path: Path, retry: str) -> None:
    _app(tmp_path, retry)
    assert v2_problems(tmp_path) == []


@pytest.mark.parametrize(
    ("retry", "culprit", "says"),
    [
        (
            "strategy='fixedDelay', max_retry_count='3', delay_interval='00:00:10'",
            "'fixedDelay'",
            "neither 'fixed_delay'",
        ),
        (
            "strategy='fixed_delay', max_retry_count='three', delay_interval='00:00:10'",
            "'three'",
            "no whole number",
        ),
        ("strategy='fixed_delay', max_retry_count='3', delay_interval='10'", "'10'", "HH:MM:SS"),
        (
            "strategy='fixed_delay', max_retry_count='3', delay_interval='1.00:00:00'",
            "'1.00:00:00'",
            "HH:MM:SS",
        ),
        ("strategy='fixed_delay', max_retry_count='3'", "retry", "needs delay_interval"),
        (
            "strategy='exponential_backoff', max_retry_count='3', minimum_interval='00:10:00', "
            "maximum_interval='00:01:00'",
            "'00:10:00'",
            "longer than maximum_interval",
        ),
    ],
)
def test_policies_refused(tmp_path: Path, retry: str, culprit: str, says: str) -> None:
    _app(tmp_path, retry)
    found = v2_problems(tmp_path, "FUNC711")
    assert found, v2_problems(tmp_path)
    problem = found[0]
    assert problem.severity.name == "ERROR"
    assert under(problem) == culprit
    assert says in problem.message


@pytest.mark.parametrize(
    "retry",
    [
        "strategy='exponential_backoff', max_retry_count='3', delay_interval='00:00:10'",
        "strategy='exponential_backoff', max_retry_count='3', minimum_interval='00:00:01'",
        "strategy='exponential_backoff', max_retry_count='3', minimum_interval='', "
        "maximum_interval=None",
    ],
)
def test_a_missing_backoff_interval_is_a_warning(tmp_path: Path, retry: str) -> None:
    """azure-functions-runtime 1.3.0 (Python 3.13+) gives a missing interval a default; only the
    older worker fails: no Error."""
    _app(tmp_path, retry)
    found = v2_problems(tmp_path, "FUNC711")
    assert found and all(p.severity.name == "WARNING" for p in found), found
    assert "Python 3.12 and older" in found[0].message
    assert under(found[0]) == "retry"


@pytest.mark.parametrize("registration", ["", "app.register_functions(bp)\n\n\n"])
def test_the_policy_of_a_function_the_app_never_indexes(tmp_path: Path, registration: str) -> None:
    """A blueprint registered never or before the def: the worker never reads the policy."""
    retry = "strategy='fixed_delay', max_retry_count='three', delay_interval='00:00:10'"
    v2_app(
        tmp_path,
        HEAD
        + "bp = func.Blueprint()\n"
        + registration
        + TIMER.replace("@app", "@bp")
        + f"@bp.retry({retry})\n"
        + DEF,
    )
    found = v2_problems(tmp_path, "FUNC711")
    assert found and all(p.severity.name == "WARNING" for p in found), found
    assert "never indexes it" in found[0].message


def test_the_policy_of_a_registered_blueprint(tmp_path: Path) -> None:
    retry = "strategy='fixed_delay', max_retry_count='three', delay_interval='00:00:10'"
    v2_app(
        tmp_path,
        HEAD
        + "bp = func.Blueprint()\n\n\n"
        + TIMER.replace("@app", "@bp")
        + f"@bp.retry({retry})\n"
        + DEF
        + "\n\napp.register_functions(bp)\n",
    )
    assert only(v2_problems(tmp_path, "FUNC711")).severity.name == "ERROR"


def test_the_strategy_fix(tmp_path: Path) -> None:
    _app(tmp_path, "strategy='fixedDelay', max_retry_count='3', delay_interval='00:00:10'")
    apply_fix(only(v2_problems(tmp_path, "FUNC711")).fixes[0])
    assert "strategy='fixed_delay'" in (tmp_path / "function_app.py").read_text()
    assert v2_problems(tmp_path) == []


def test_a_missing_required_retry_argument(tmp_path: Path) -> None:
    _app(tmp_path, "strategy='fixed_delay', delay_interval='00:00:10'")
    problem = only(v2_problems(tmp_path, "FUNC707"))
    assert "'max_retry_count'" in problem.message
    assert v2_problems(tmp_path, "FUNC711") == []


def test_a_misspelt_retry_argument(tmp_path: Path) -> None:
    _app(tmp_path, "strategy='fixed_delay', max_retry_count='3', delay_intervall='00:00:10'")
    problem = only(v2_problems(tmp_path, "FUNC706"))
    assert under(problem) == "delay_intervall"
    apply_fix(problem.fixes[0])
    assert v2_problems(tmp_path) == []
