"""`funcls migrate APP [--diff | --write] [--blueprints]`: a classic app to the v2 model."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

DESCRIPTION = (
    "Convert a classic Functions app (one folder with a function.json per function) to the v2 "
    "programming model: function_app.py declares every function with the decorators of the "
    "installed azure-functions library, applied to the existing entry points, which are "
    "imported from their modules (helper modules, relative imports, scriptFile and entryPoint "
    "keep working). Each decorator call is checked on the library to declare exactly the "
    "bindings of the function.json it replaces; bindings no specific decorator covers use "
    "generic_trigger, generic_input_binding or generic_output_binding. What cannot be "
    "converted is listed on stderr and as comments in function_app.py. Without --write, "
    "nothing is written: the changes are printed as a unified diff. Exit status: 0 everything "
    "converted, 1 something was not converted (or could not be written), 2 usage error or "
    "nothing to convert."
)


def parser() -> argparse.ArgumentParser:
    """The argument parser of `funcls migrate`."""
    result = argparse.ArgumentParser(prog="funcls migrate", description=DESCRIPTION)
    result.add_argument("app", help="the app folder (holding host.json) or a path inside it")
    mode = result.add_mutually_exclusive_group()
    mode.add_argument(
        "--diff", action="store_true", help="print the changes as a unified diff (default)"
    )
    mode.add_argument(
        "--write",
        action="store_true",
        help="write the files, and remove the function.json of every converted function",
    )
    result.add_argument(
        "--blueprints",
        action="store_true",
        help="one blueprint module per function folder (<folder>/blueprint.py), registered in "
        "function_app.py with app.register_functions",
    )
    return result


def main(argv: Sequence[str]) -> int:
    """Run `funcls migrate` with the arguments after `migrate`."""
    options = parser().parse_args(list(argv))
    from funcls.core.migrate import apply_changes, plan_migration, unified_diff
    from funcls.core.workspace import Workspace

    if not os.path.exists(options.app):
        print(f"funcls: {options.app}: no such file or folder", file=sys.stderr)
        return 2
    workspace = Workspace()
    root = workspace.app_root_for(os.path.abspath(options.app))
    if root is None:
        print(f"funcls: {options.app}: no host.json here or above: not a Functions app",
              file=sys.stderr)  # fmt: skip
        return 2
    plan = plan_migration(workspace, root, blueprints=options.blueprints)
    for note in plan.notes:
        print(f"funcls migrate: not converted: {note}", file=sys.stderr)
    for advice in plan.advice:
        print(f"funcls migrate: note: {advice}", file=sys.stderr)
    if not plan.converted:
        return 2
    if options.write:
        failures = apply_changes(plan.changes)
        for failure in failures:
            print(f"funcls migrate: cannot write {failure}", file=sys.stderr)
        written = len(plan.changes) - len(failures)
        print(
            f"funcls migrate: {len(plan.converted)} function(s) converted, "
            f"{written} file change(s) written",
            file=sys.stderr,
        )
        return 1 if failures or plan.notes else 0
    sys.stdout.flush()
    sys.stdout.buffer.write(unified_diff(plan.changes, root).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 1 if plan.notes else 0
