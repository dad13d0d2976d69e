"""Requests on the event loop read a snapshot: never a rescan in progress, never a later change.

The rescan is held in the middle (inside the workspace's lock) by an event, and JSON completion
and hover are asked meanwhile from another thread, with a deadline that only a deadlock misses.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from funcls.core.engine import Analyzer
from funcls.core.features.service import default_service
from funcls.core.snapshot import Snapshot
from funcls.core.sources import normalize_path
from funcls.core.workspace import Workspace

FEATURES = default_service()
DEADLOCK = 30.0  # seconds: only a request waiting for the rescan gets anywhere near it
SETTINGS = '{\n  "IsEncrypted": false,\n  "Values": {\n    "MyStorage": "UseDevelopmentStorage=true"\n  }\n}\n'
SCRIPT = "import azure.functions as func\n\n\ndef main(msg: func.QueueMessage) -> None:\n    pass\n"


def _function_json(name: str = "msg") -> str:
    binding = {
        "type": "queueTrigger",
        "direction": "in",
        "name": name,
        "queueName": "items",
        "connection": "MyStorage",
    }
    return json.dumps({"scriptFile": "__init__.py", "bindings": [binding]}, indent=2)


def _add_function(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "function.json").write_text(_function_json())
    (folder / "__init__.py").write_text(SCRIPT)
    return folder / "function.json"


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """An app with one queue-triggered function using the setting `MyStorage`."""
    root = tmp_path / "app"
    root.mkdir()
    (root / "host.json").write_text(
        '{"version": "2.0", "extensionBundle": '
        '{"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)"}}'
    )
    (root / "local.settings.json").write_text(SETTINGS)
    _add_function(root, "First")
    return root


def _offset_after(path: Path, needle: str) -> int:
    text = path.read_text()
    return text.index(needle) + len(needle)


@dataclass
class HeldRescan:
    """A rescan of the app running on another thread, held inside the workspace's lock."""

    entered: threading.Event
    release: threading.Event
    thread: threading.Thread


def _hold_rescan(workspace: Workspace, root: Path) -> HeldRescan:
    held = HeldRescan(threading.Event(), threading.Event(), threading.Thread(target=lambda: None))
    build = workspace.function

    def slow_function(folder: str) -> Any:
        held.entered.set()
        assert held.release.wait(DEADLOCK)
        return build(folder)

    workspace.function = slow_function  # type: ignore[method-assign]
    held.thread = threading.Thread(target=workspace.app, args=(str(root),), daemon=True)
    held.thread.start()
    assert held.entered.wait(DEADLOCK)
    return held


def _answer(call: Callable[[], Any]) -> tuple[bool, Any]:
    """`call()` on another thread: (answered before the deadline, its result)."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(call()), daemon=True)
    thread.start()
    thread.join(DEADLOCK)
    return bool(box), box[0] if box else None


def _uses(hover: Any) -> list[str]:
    assert hover is not None
    return [line for line in hover.markdown.splitlines() if line.startswith("- `")]


def test_completion_and_hover_answer_from_the_previous_snapshot_during_a_rescan(
    app: Path,
) -> None:
    workspace = Workspace()
    workspace.app(str(app))  # the analysis has built the model once
    second = _add_function(app, "Second")
    workspace.sources.file_changed(str(second))  # a new function: the next build rescans
    settings = app / "local.settings.json"
    on_key = _offset_after(settings, '"My')
    function_json = app / "First" / "function.json"
    after_brace = _offset_after(function_json, '"bindings": [\n    {')

    held = _hold_rescan(workspace, app)
    try:
        snapshot = Snapshot(workspace)
        answered, hover = _answer(lambda: FEATURES.hover(snapshot, str(settings), on_key))
        assert answered, "the hover waited for the rescan"
        assert _uses(hover) == ["- `First`: binding `msg` (`connection`)"]
        answered, proposals = _answer(
            lambda: FEATURES.complete(Snapshot(workspace), str(function_json), after_brace)
        )
        assert answered, "the completion waited for the rescan"
        labels = {p.label for p in proposals}
        assert labels and not labels & {"type", "direction", "name", "connection"}
        assert not held.release.is_set() and held.thread.is_alive()  # still rescanning

        # The live workspace, as the loop read it before, waits for the rescan's lock.
        live = threading.Event()
        threading.Thread(
            target=lambda: (FEATURES.hover(workspace, str(settings), on_key), live.set()),
            daemon=True,
        ).start()
        assert not live.wait(0.2)
    finally:
        held.release.set()
        held.thread.join(DEADLOCK)
    assert live.wait(DEADLOCK)
    after = FEATURES.hover(Snapshot(workspace), str(settings), on_key)
    assert _uses(after) == [
        "- `First`: binding `msg` (`connection`)",
        "- `Second`: binding `msg` (`connection`)",
    ]


def test_a_snapshot_keeps_what_it_was_given_while_the_analysis_moves_on(app: Path) -> None:
    workspace = Workspace()
    analyzer = Analyzer(workspace)
    path = normalize_path(str(app / "First" / "function.json"))
    workspace.sources.set_open(path, 1, _function_json("msg"))
    analyzer.problems_for_file(path)  # builds and publishes the model
    snapshot = Snapshot(workspace)
    published = snapshot.published_apps
    model = snapshot.app_for(path)
    document = snapshot.json(path)
    assert model is not None and document is not None
    function = model.function_for_path(path)
    assert function is not None
    names = [b.name for b in function.bindings]
    value = document.value()

    workspace.sources.set_open(path, 2, _function_json("renamed"))
    analyzer.problems_for_file(path)  # a later analysis: new parse, new model

    assert snapshot.sources.read(path).version == 1  # type: ignore[union-attr]
    assert snapshot.json(path) is document and document.value() == value
    assert snapshot.app_for(path) is model
    assert snapshot.published_apps is published and published[model.root] is model
    assert model.function_for_path(path) is function
    assert [b.name for b in function.bindings] == names == ["msg"]
    # the later analysis published new objects beside them
    fresh = Snapshot(workspace)
    assert fresh.published_apps is not published
    new_model = fresh.app_for(path)
    assert new_model is not None and new_model is not model
    new_function = new_model.function_for_path(path)
    assert new_function is not None and [b.name for b in new_function.bindings] == ["renamed"]
    assert fresh.json(path) is not document


def test_what_a_snapshot_is_given_cannot_be_changed(app: Path) -> None:
    workspace = Workspace()
    workspace.app(str(app))
    snapshot = Snapshot(workspace)
    with pytest.raises(TypeError):
        snapshot.published_apps[str(app)] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        snapshot.sources.set_open(str(app / "host.json"), 1, "{}")
    path = str(app / "First" / "function.json")
    workspace.sources.set_open(path, 7, "{}")  # the live sources move on
    assert snapshot.sources.read(path).version is None  # type: ignore[union-attr]
    assert not snapshot.sources.is_open(path)


def test_a_snapshot_taken_before_any_build_knows_the_root_only(app: Path) -> None:
    workspace = Workspace()
    snapshot = Snapshot(workspace)
    path = str(app / "First" / "function.json")
    model = snapshot.app_for(path)
    assert model is not None and model.root == normalize_path(str(app))
    assert model.function_list == ()
    assert workspace.published_apps == {}  # nothing was built, here or in the live workspace
    offset = _offset_after(app / "First" / "function.json", '"bindings": [\n    {')
    labels = {p.label for p in FEATURES.complete(snapshot, path, offset)}
    assert labels and not labels & {"type", "direction", "name", "connection"}


def test_a_request_writes_nothing_the_analysis_reads(app: Path) -> None:
    workspace = Workspace()
    analyzer = Analyzer(workspace)
    path = normalize_path(str(app / "First" / "function.json"))
    workspace.sources.set_open(path, 1, _function_json("msg"))
    analyzer.problems_for_file(path)
    parsed = workspace.json(path)
    published = workspace.published_apps
    edited = _function_json("typed")
    workspace.sources.set_open(path, 2, edited)  # a keystroke, not analysed yet
    snapshot = Snapshot(workspace)
    offset = edited.index('"bindings": [\n    {') + len('"bindings": [\n    {')
    assert FEATURES.complete(snapshot, path, offset)
    assert FEATURES.hover(snapshot, path, edited.index('"typed"') + 1) is not None
    own = snapshot.json(path)
    assert own is not None and own.text is edited  # the request parsed the buffer it was given
    assert workspace.published_apps is published  # no model was built for the request
    assert workspace._cache[("json", path)][1] is parsed  # nor its parse shared
    assert workspace.json(path) is not own  # the analysis parses the new text for itself


def test_binding_name_completion_reads_the_function_view_during_a_rescan(app: Path) -> None:
    workspace = Workspace()
    workspace.app(str(app))
    second = _add_function(app, "Second")
    workspace.sources.file_changed(str(second))
    function_json = app / "First" / "function.json"
    on_name = _offset_after(function_json, '"name": "')
    held = _hold_rescan(workspace, app)
    try:
        published = workspace.published_apps
        answered, proposals = _answer(
            lambda: FEATURES.complete(Snapshot(workspace), str(function_json), on_name)
        )
        assert answered, "the completion waited for the rescan"
        assert [p.label for p in proposals] == ["msg"]  # the entry point's parameter
        assert workspace.published_apps is published  # no model was built for the request
    finally:
        held.release.set()
        held.thread.join(DEADLOCK)
