"""Property: after any sequence of edits (open buffers changed, opened and closed; files written,
deleted and created on disk), the diagnostics a client holds for the whole workspace equal a
fresh analysis of the same state. Push clients hold what was published; pull clients what their
`workspace/diagnostic` reports (sent with the previous result ids) left them."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from funcls.core.engine import Analyzer
from funcls.core.sources import Sources
from funcls.core.workspace import Workspace
from funcls.lsp.convert import Positions
from fuzz.lsp_session import FuzzSession, start_session, stop_session

EXAMPLES = int(os.environ.get("FUNCLS_FUZZ_EXAMPLES", "6"))
TIMEOUT = 20.0

HELLO_SCRIPT = (
    "import azure.functions as func\n\n\n"
    "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
    "    return func.HttpResponse('hi')\n"
)
# The texts each file may take (the first is the example app's own, read at start).
VARIANTS: dict[str, list[str | None]] = {
    "HttpHello/function.json": [
        None,
        '{"bindings": [{"type": "httpTrigger", "direction": "in", "name": "req",'
        ' "authLevel": "function"}, {"type": "http", "direction": "out", "name": "$return"}]}',
        '{"bindings": [',
    ],
    "HttpHello/__init__.py": [None, HELLO_SCRIPT.replace("req", "request"), "def main(:\n"],
    "NightlyCleanup/function.json": [
        None,
        '{"bindings": [{"name": "mytimer", "type": "timerTrigger", "direction": "in",'
        ' "schedule": "0 0 2 * * *"}]}',
    ],
    "QueueWorker/__init__.py": [None, HELLO_SCRIPT],
    "local.settings.json": [
        None,
        '{"IsEncrypted": false, "Values": {"FUNCTIONS_WORKER_RUNTIME": "python",'
        ' "AzureWebJobsStorage": "UseDevelopmentStorage=true", "OrdersQueue": "x"}}',
    ],
    "host.json": [None, '{"version": "2.0"}'],
}
FOLDERS = ("NightlyCleanup", "QueueWorker")

STEP = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(sorted(VARIANTS)), st.integers(0, 2)),
    st.tuples(st.just("open"), st.sampled_from(sorted(VARIANTS)), st.just(0)),
    st.tuples(st.just("change"), st.sampled_from(sorted(VARIANTS)), st.integers(0, 2)),
    st.tuples(st.just("close"), st.sampled_from(sorted(VARIANTS)), st.just(0)),
    st.tuples(st.just("delete"), st.sampled_from(FOLDERS), st.just(0)),
    st.tuples(st.just("restore"), st.sampled_from(FOLDERS), st.just(0)),
    # wait until the client holds a fresh analysis before going on
    st.tuples(st.just("settle"), st.just(""), st.just(0)),
)


class Editor:
    """The client side: what is open with which text, and the files on disk."""

    def __init__(self, session: FuzzSession, originals: dict[str, dict[str, str]]) -> None:
        self.session = session
        self.originals = originals  # folder -> {file name: text}
        self.open: dict[str, tuple[int, str]] = {}  # path -> (version, text)

    def text(self, name: str, variant: int) -> str:
        options = VARIANTS[name]
        chosen = options[variant % len(options)]
        if chosen is None:
            folder, _, file = name.rpartition("/")
            return self.originals[folder or "."][file]
        return chosen

    def _watched(self, *events: tuple[Path, types.FileChangeType]) -> None:
        self.session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=p.as_uri(), type=t) for p, t in events]
            )
        )

    def apply(self, action: str, name: str, variant: int) -> None:
        client = self.session.client
        app = self.session.app
        path = app / name
        key = str(path)
        if action == "write":
            if not path.parent.is_dir():
                return
            existed = path.exists()
            path.write_text(self.text(name, variant), encoding="utf-8")
            kind = types.FileChangeType.Changed if existed else types.FileChangeType.Created
            self._watched((path, kind))
        elif action == "open" and key not in self.open and path.is_file():
            text = path.read_text(encoding="utf-8")
            self.open[key] = (1, text)
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=path.as_uri(),
                        language_id="python" if name.endswith(".py") else "json",
                        version=1,
                        text=text,
                    )
                )
            )
        elif action == "change" and key in self.open:
            version = self.open[key][0] + 1
            text = self.text(name, variant)
            self.open[key] = (version, text)
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(
                        uri=path.as_uri(), version=version
                    ),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        elif action == "close" and key in self.open:
            del self.open[key]
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=path.as_uri())
                )
            )
        elif action == "delete" and path.is_dir():
            files = [p for p in path.iterdir() if p.is_file()]
            shutil.rmtree(path)
            self._watched(*((p, types.FileChangeType.Deleted) for p in files))
        elif action == "restore" and not path.exists():
            path.mkdir()
            created = []
            for file, text in self.originals[name].items():
                (path / file).write_text(text, encoding="utf-8")
                created.append((path / file, types.FileChangeType.Created))
            self._watched(*created)

    def expected(self) -> dict[str, list[tuple[object, ...]]]:
        """A fresh analysis of the app as the editor has it: problems of every file, by URI."""
        sources = Sources()
        for path, (version, text) in self.open.items():
            sources.set_open(path, version, text)
        analyzer = Analyzer(Workspace(sources))
        found = analyzer.check_paths([str(self.session.app)])
        for path in self.open:  # an open document has its diagnostics, in the app or not
            found[path] = analyzer.problems_for_file(path)
        result = {}
        for path, problems in found.items():
            if not problems:
                continue
            source = sources.read(path)
            positions = Positions(source.text or "" if source else "", self.session.encoding)
            result[Path(path).as_uri()] = sorted(
                (p.code, p.message, _range(positions.range(p.span))) for p in problems
            )
        return result


def _range(value: types.Range) -> tuple[int, int, int, int]:
    return (value.start.line, value.start.character, value.end.line, value.end.character)


def _held(diagnostics: dict[str, list[types.Diagnostic]]) -> dict[str, list[tuple[object, ...]]]:
    return {
        uri: sorted((d.code, d.message, _range(d.range)) for d in found)
        for uri, found in diagnostics.items()
        if found
    }


class PullView:
    """What a client that pulls workspace diagnostics holds: the workspace reports, overridden
    for open documents by their own pulls (as VS Code merges them)."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.workspace: dict[str, list[types.Diagnostic]] = {}
        self.documents: dict[str, list[types.Diagnostic]] = {}

    @property
    def diagnostics(self) -> dict[str, list[types.Diagnostic]]:
        """What the client shows."""
        return {**self.workspace, **self.documents}

    async def pull(self, session: FuzzSession, open_paths: list[str]) -> None:
        """Pull the open documents, then the workspace."""
        self.documents = {}
        for path in open_paths:
            uri = Path(path).as_uri()
            report = await session.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            self.documents[uri] = list(getattr(report, "items", []))
        report = await session.client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(
                previous_result_ids=[
                    types.PreviousResultId(uri=u, value=v) for u, v in self.ids.items()
                ]
            )
        )
        for item in report.items:
            if item.kind == "full":
                self.workspace[item.uri] = list(item.items)
            if item.result_id:
                self.ids[item.uri] = item.result_id
            else:
                self.ids.pop(item.uri, None)


def _originals(app: Path) -> dict[str, dict[str, str]]:
    originals: dict[str, dict[str, str]] = {".": {}}
    for name in VARIANTS:
        folder, _, file = name.rpartition("/")
        originals.setdefault(folder or ".", {})[file] = (app / name).read_text(encoding="utf-8")
    for folder in FOLDERS:
        originals[folder] = {
            p.name: p.read_text(encoding="utf-8") for p in (app / folder).iterdir() if p.is_file()
        }
    return originals


@pytest.mark.parametrize("client_name", ["visual-studio-code", "workspace-pull"])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.generate]
    + ([Phase.shrink] if os.environ.get("FUNCLS_FUZZ_SHRINK") else []),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=12))
async def test_the_published_set_equals_a_fresh_analysis(
    client_name: str, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str, int]]
) -> None:
    work = tmp_path_factory.mktemp("published")
    pull = client_name == "workspace-pull"
    session = await start_session("pull" if pull else client_name, work)
    try:
        editor = Editor(session, _originals(session.app))
        view = PullView()
        done: list[tuple[str, str, int]] = []

        async def settle() -> None:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + TIMEOUT
            while True:
                await asyncio.sleep(0.05)
                if pull:
                    await view.pull(session, list(editor.open))
                held = _held(view.diagnostics if pull else session.client.diagnostics)
                expected = editor.expected()
                if held == expected:
                    return
                assert loop.time() < deadline, (
                    f"after {done}: the client holds\n{held}\n"
                    f"but a fresh analysis finds\n{expected}"
                )

        await settle()  # the initial scan's results
        for action, name, variant in steps:
            done.append((action, name, variant))
            if action == "settle":
                await settle()
            else:
                editor.apply(action, name, variant)
        await settle()
        if pull:
            assert session.client.diagnostics == {} or not any(
                session.client.diagnostics.values()
            ), "a client that pulls the workspace was also pushed diagnostics"
        errors = session.new_log_errors()
        assert not errors, "the server logged errors:\n" + "\n".join(errors[:20])
    finally:
        await stop_session(session)
