"""Hover, completion and definition at every position of a v2 sample, whole and cut short (a
half-typed file is the normal state in an editor), never raise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from funcls.core.features import navigation
from funcls.core.features.service import default_service
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

SAMPLES = Path(__file__).resolve().parents[2] / "apps" / "v2"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_every_position_of_whole_and_truncated_files(tmp_path: Path, sample: str) -> None:
    target = tmp_path / "app"
    shutil.copytree(SAMPLES / sample, target)
    script = target / "function_app.py"
    full = script.read_text(encoding="utf-8")
    path = str(script)
    answered = 0
    for cut in [len(full), *range(len(full) - 1, 200, -97)]:
        script.write_text(full[:cut], encoding="utf-8")
        workspace = Workspace()
        text = full[:cut]
        stride = 3 if cut == len(full) else 41
        for offset in range(0, len(text) + 1, stride):
            if default_service().hover_python(workspace, path, offset, Settings()) is not None:
                answered += 1
            default_service().complete_python(workspace, path, offset, Settings())
            navigation.definition(workspace, path, offset)
    assert answered > 0 or "@app." not in full  # the ASGI sample declares no function itself
