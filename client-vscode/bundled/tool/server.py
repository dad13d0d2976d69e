"""Start the funcls server that the VS Code extension carries.

The extension runs `python -I <extension>/bundled/tool/server.py --stdio` with the interpreter the
Python extension selects or a python3 from PATH. The libraries sit next to this folder, as
`scripts/bundle.mjs` installed them: `libs/common` holds the pure-Python distributions that are the
same for every supported Python, `libs/cpXY` what differs per version (compiled extension modules,
packages pinned differently per version). `-I` keeps the user's PYTHONPATH, user site-packages and
the current folder out of sys.path, so nothing from the workspace shadows the bundled packages.
"""

from __future__ import annotations

import os
import sys
import sysconfig

LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")

# Exit status when this interpreter cannot run the bundled libraries (the extension then says why).
UNSUPPORTED = 3


def supported_versions() -> list[str]:
    """The Python versions this bundle has libraries for, as `3.10`, `3.11`..."""
    try:
        names = os.listdir(LIBS)
    except OSError:
        return []
    versions = [(int(n[3:]), n) for n in names if n.startswith("cp3") and n[3:].isdigit()]
    return [f"3.{minor}" for minor, _ in sorted(versions)]


def library_paths() -> list[str] | str:
    """The folders to put first on sys.path, or why this interpreter cannot use the bundle."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    # Compiled modules are built for CPython with the GIL; other builds cannot load them.
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    if sys.implementation.name != "cpython" or free_threaded:
        return f"the bundled funcls needs CPython (with the GIL); this is {sys.version}"
    versioned = os.path.join(LIBS, tag)
    if not os.path.isdir(versioned):
        carried = ", ".join(supported_versions()) or "none"
        return f"the bundled funcls has no libraries for Python {version} (it carries {carried})"
    return [versioned, os.path.join(LIBS, "common")]


def main() -> int:
    """Put the bundled libraries first on sys.path and run the funcls command line."""
    paths = library_paths()
    if isinstance(paths, str):
        print(f"funcls: {paths}", file=sys.stderr)
        return UNSUPPORTED
    sys.path[0:0] = paths
    from funcls.cli import main as funcls_main

    return funcls_main()


if __name__ == "__main__":
    raise SystemExit(main())
