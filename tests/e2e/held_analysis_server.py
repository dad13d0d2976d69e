"""`funcls --stdio` whose analysis thread stops in the middle of building an app model.

For tests only: while the file `<folder>/hold` exists, the first function folder read on the
analysis thread waits (inside the workspace's lock, as a long rescan does) and writes
`<folder>/entered`; removing `hold` lets it go on. Usage: `held_analysis_server.py FOLDER`.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from funcls.cli import main
from funcls.core.app_model import FunctionInfo
from funcls.core.workspace import Workspace

HOLD_LIMIT = 60.0  # seconds: a test that never lets go does not leave a server behind for long


def hold_rescans(folder: Path) -> None:
    """Make `Workspace.function` wait on the analysis thread while `folder/hold` exists."""
    build = Workspace.function

    def function(self: Workspace, path: str) -> FunctionInfo:
        hold = folder / "hold"
        if threading.current_thread().name == "funcls-analysis" and hold.exists():
            (folder / "entered").write_text(path)
            deadline = time.monotonic() + HOLD_LIMIT
            while hold.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return build(self, path)

    Workspace.function = function  # type: ignore[method-assign]


if __name__ == "__main__":
    hold_rescans(Path(sys.argv[1]))
    raise SystemExit(main(["--stdio"]))
