"""Command line: `funcls [--stdio]` runs the language server; `funcls check PATH...` runs the same
analysis over whole apps for CI and prints text, JSON or SARIF 2.1.0."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from funcls import __version__
from funcls.core.problems import Problem, Severity
from funcls.core.text import LineIndex

_LEVELS = ("debug", "info", "warning", "error")


def _server_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="funcls",
        description="Language server for Azure Functions Python apps. "
        "Run `funcls check PATH` to check apps from the command line, "
        "`funcls rules` to list the problem codes, "
        "`funcls migrate APP` to convert a classic app to the v2 decorator model "
        "(`funcls migrate --help`).",
    )
    parser.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (default)")
    parser.add_argument("--version", action="version", version=f"funcls {__version__}")
    parser.add_argument("--log-file", help="write the server log to this file (default: stderr)")
    parser.add_argument("--log-level", choices=_LEVELS, default="warning")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="funcls check",
        description="Check Azure Functions apps (folders holding host.json) and print problems. "
        "Exit status: 0 no problem at or above --severity, 1 problems (or, with --diff, files "
        "that would change), 2 usage error or nothing to check.",
    )
    parser.add_argument("paths", nargs="*", default=["."], help="apps or folders holding apps")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument("--python", help="interpreter whose packages the analysis sees")
    parser.add_argument(
        "--severity",
        choices=("error", "warning", "information", "hint"),
        default="warning",
        help="lowest severity to print and to fail on (default: warning)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes (the ones an editor offers as preferred and that need no "
        "choice), then report what remains",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of writing them",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply the other preferred fixes (review the result)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="check large apps in up to N processes, at most one per core (default: one per core; "
        "1: a single process)",
    )
    parser.add_argument("--log-level", choices=_LEVELS, default="warning")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `funcls` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["check"]:
        code = run_check(_check_parser().parse_args(args[1:]))
        if argv is None:
            _exit_now(code)
        return code
    if args[:1] == ["migrate"]:
        from funcls.migrate_cli import main as migrate

        return migrate(args[1:])
    if args[:1] == ["rules"]:
        print(rules_table())
        return 0
    options = _server_parser().parse_args(args)
    _configure_logging(options.log_level, options.log_file)
    _dump_stacks_on_signal()
    from funcls.lsp.setup import create_server

    server = create_server()
    server.start_io()
    return 0


def _dump_stacks_on_signal() -> None:
    """`kill -USR1 <pid>` prints every thread's stack to stderr: how a hang is diagnosed."""
    import faulthandler
    import signal

    if hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)


def _configure_logging(level: str, log_file: str | None) -> None:
    handler: logging.Handler
    handler = (
        logging.FileHandler(log_file, encoding="utf-8")
        if log_file
        else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # pygls logs every message body at INFO; keep that for --log-level debug only.
    if level != "debug":
        logging.getLogger("pygls").setLevel(logging.WARNING)


def run_check(options: argparse.Namespace) -> int:
    """Analyse (and with --fix, fix) the given paths and print the problems.

    0: no problem at or above --severity; 1: problems, or with --diff, files that would change;
    2: usage error or nothing to check (the reason goes to stderr).
    """
    _configure_logging(options.log_level, None)
    from funcls.core.engine import Analyzer
    from funcls.core.settings import parse_settings
    from funcls.core.workspace import Workspace

    if options.unsafe_fixes and not (options.fix or options.diff):
        print("funcls: --unsafe-fixes needs --fix or --diff", file=sys.stderr)
        return 2
    missing = [p for p in options.paths if not os.path.exists(p)]
    for path in missing:
        print(f"funcls: {path}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    settings = parse_settings({"pythonPath": options.python} if options.python else None)
    _young_collections_only()
    analyzer = Analyzer(Workspace(), settings)
    paths = list(options.paths)
    outcome = None
    if options.fix or options.diff:
        from funcls.core.fixing import fix_paths

        outcome = fix_paths(analyzer, paths, unsafe=options.unsafe_fixes)
    from funcls.core.parallel import default_processes

    results = analyzer.check_paths(
        paths,
        _progress_bar() if sys.stderr.isatty() else None,
        options.jobs if options.jobs > 0 else default_processes(),
    )
    if not results:
        print(
            "funcls: nothing to check: no Functions app (folder with host.json, or function "
            "folders) found",
            file=sys.stderr,
        )
        return 2
    threshold = Severity[options.severity.upper()]
    shown = {
        path: [p for p in problems if p.severity <= threshold] for path, problems in results.items()
    }
    if outcome is not None:
        from funcls import fix_output

        if options.diff:
            # Bytes, so the files' own line endings reach the output untranslated.
            sys.stdout.flush()
            sys.stdout.buffer.write(fix_output.unified_diff(outcome, _display).encode("utf-8"))
            sys.stdout.buffer.flush()
            fix_output.summary(outcome, shown, options.unsafe_fixes, written=False)
            return 1 if outcome.changed() or any(shown.values()) else 0
        if not fix_output.write(outcome):
            return 2
        fix_output.summary(outcome, shown, options.unsafe_fixes, written=True)
    texts = {path: (analyzer.workspace.read(path) or None) for path in shown}
    indexes = {
        path: LineIndex(source.text)
        if source is not None and source.text is not None
        else LineIndex("")
        for path, source in texts.items()
    }
    if options.format == "json":
        print(json.dumps(_as_json(shown, indexes), indent=2))
    elif options.format == "sarif":
        print(json.dumps(_as_sarif(shown, indexes), indent=2))
    else:
        _print_text(shown, indexes)
    return 1 if any(shown.values()) else 0


def _exit_now(code: int) -> None:
    """End the `funcls check` process without tearing its heap down object by object.

    Freeing every model and result at interpreter exit took 1.0 s of a 5,000-function check
    (0.3 s at 1,000) and serves nothing: the output is written and flushed first."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def _young_collections_only() -> None:
    """Stop the garbage collector's automatic full collections for this process.

    `funcls check` keeps every file's model and results until it prints them, so each full
    collection walks an ever larger heap and finds next to nothing: at 5,000 functions, nine of
    them took 3.0 s (a quarter of the run's CPU time) and freed 36 objects. The young
    generations still collect the few cycles the checks leave (about 1,600 objects there).
    """
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000_000)


def rules_table() -> str:
    """Every problem code as a markdown table (the README's rule list is this output)."""
    from funcls.core.checks.registry import ALL_CODES, model_of

    lines = [
        "| code | default severity | model | what it reports | runtime rules |",
        "|---|---|---|---|---|",
    ]
    for code in sorted(ALL_CODES, key=lambda c: c.id):
        rules = ", ".join(code.rules)
        severity = code.severity.name.lower()
        lines.append(f"| {code.id} | {severity} | {model_of(code.id)} | {code.summary} | {rules} |")
    return "\n".join(lines)


def _progress_bar() -> Callable[[int, int], None]:
    """A one-line progress bar on the terminal, erased when the check is done."""

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
        sys.stderr.flush()

    return show


def _display(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def _print_text(results: dict[str, list[Problem]], indexes: dict[str, LineIndex]) -> None:
    counts = {s: 0 for s in Severity}
    for path, problems in sorted(results.items()):
        for problem in problems:
            line, column = indexes[path].position(problem.span.start)
            counts[problem.severity] += 1
            severity = problem.severity.name.lower()
            print(
                f"{_display(path)}:{line + 1}:{column + 1}: {severity} {problem.code} "
                f"{problem.message}"
            )
    summary = ", ".join(
        f"{n} {s.name.lower()}{'s' if n != 1 else ''}" for s, n in counts.items() if n
    )
    files = len(results)
    print(
        f"funcls: {summary or 'no problems'} in {files} file{'s' if files != 1 else ''}",
        file=sys.stderr,
    )


def _region(problem: Problem, index: LineIndex) -> dict[str, int]:
    line, column = index.position(problem.span.start)
    end_line, end_column = index.position(problem.span.end)
    return {
        "startLine": line + 1,
        "startColumn": column + 1,
        "endLine": end_line + 1,
        "endColumn": end_column + 1,
    }


def _as_json(
    results: dict[str, list[Problem]], indexes: dict[str, LineIndex]
) -> list[dict[str, Any]]:
    items = []
    for path, problems in sorted(results.items()):
        for problem in problems:
            items.append(
                {
                    "path": path,
                    "code": problem.code,
                    "severity": problem.severity.name.lower(),
                    "message": problem.message,
                    **_region(problem, indexes[path]),
                }
            )
    return items


_SARIF_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "note",
    Severity.HINT: "note",
}


def _as_sarif(results: dict[str, list[Problem]], indexes: dict[str, LineIndex]) -> dict[str, Any]:
    from funcls.core.checks.registry import ALL_CODES

    rules = [
        {
            "id": code.id,
            "shortDescription": {"text": code.summary},
            "defaultConfiguration": {"level": _SARIF_LEVEL[code.severity]},
            **({"properties": {"tags": list(code.rules)}} if code.rules else {}),
        }
        for code in ALL_CODES
    ]
    sarif_results = []
    for path, problems in sorted(results.items()):
        uri = _sarif_uri(path)
        for problem in problems:
            sarif_results.append(
                {
                    "ruleId": problem.code,
                    "level": _SARIF_LEVEL[problem.severity],
                    "message": {"text": problem.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri},
                                "region": _region(problem, indexes[path]),
                            }
                        }
                    ],
                }
            )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "funcls", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def _sarif_uri(path: str) -> str:
    display = _display(path)
    if os.path.isabs(display):
        from pathlib import Path

        return Path(display).as_uri()
    return display.replace(os.sep, "/")
