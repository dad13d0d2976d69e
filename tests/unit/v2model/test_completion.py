"""Completion inside v2 decorator calls, in the `|` style: the cursor is where `|` stands, the
proposal is applied and the text compared. Half-typed calls (which do not parse) are the norm."""

from __future__ import annotations

from pathlib import Path

from funcls.core.features.completion import Proposal
from funcls.core.features.service import default_service
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace
from unit.v2model.helpers import HEAD, v2_app


def _complete(tmp_path: Path, source: str) -> tuple[str, list[Proposal]]:
    offset = source.index("|")
    text = source.replace("|", "", 1)
    v2_app(tmp_path, text)
    path = str(tmp_path / "function_app.py")
    return text, default_service().complete_python(Workspace(), path, offset, Settings())


def _apply(text: str, proposal: Proposal) -> str:
    return text[: proposal.replace.start] + proposal.insert_text + text[proposal.replace.end :]


def _by_label(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.label: p for p in proposals}


def test_arg_name_offers_the_unbound_parameters(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.route(route='r')\n"
        "@app.queue_output(arg_name='out', queue_name='q', connection='Conn')\n"
        "@app.blob_input(arg_name='|', path='c/x', connection='Conn')\n"
        "def f(req: func.HttpRequest, out: func.Out[str], doc: bytes, extra: str) -> str:\n"
        "    return ''\n"
    )
    text, proposals = _complete(tmp_path, source)
    # req is the route's default trigger name, out is bound above
    assert [p.label for p in proposals] == ["doc", "extra"]
    assert "@app.blob_input(arg_name='doc', path" in _apply(text, proposals[0])


def test_arg_name_in_a_half_typed_call(tmp_path: Path) -> None:
    source = HEAD + (
        '@app.queue_trigger(arg_name="m|\ndef handler(msg: func.QueueMessage) -> None:\n    pass\n'
    )
    text, proposals = _complete(tmp_path, source)
    (proposal,) = proposals
    assert '@app.queue_trigger(arg_name="msg\n' in _apply(text, proposal)


def test_arg_name_without_quotes_inserts_a_string(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.queue_trigger(queue_name='q', connection='Conn', arg_name=|)\n"
        "def handler(msg: func.QueueMessage) -> None:\n"
        "    pass\n"
    )
    text, proposals = _complete(tmp_path, source)
    assert 'arg_name="msg")' in _apply(text, _by_label(proposals)["msg"])


def test_connection_offers_the_settings_of_local_settings(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.queue_trigger(arg_name='msg', queue_name='q',\n"
        "                   connection='Co|')\n"
        "def handler(msg: func.QueueMessage) -> None:\n"
        "    pass\n"
    )
    text, proposals = _complete(tmp_path, source)
    assert set(_by_label(proposals)) == {
        "FUNCTIONS_WORKER_RUNTIME",
        "AzureWebJobsStorage",
        "Conn",
        "AzureWebJobsFeatureFlags",
    }
    assert "connection='Conn')" in _apply(text, _by_label(proposals)["Conn"])


def test_a_property_that_names_no_setting_offers_nothing_from_settings(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.queue_trigger(arg_name='msg', queue_name='|', connection='Conn')\n"
        "def handler(msg: func.QueueMessage) -> None:\n"
        "    pass\n"
    )
    _text, proposals = _complete(tmp_path, source)
    assert "Conn" not in _by_label(proposals)


def test_enum_members_after_the_enum_name(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.route(route='r', auth_level=func.AuthLevel.AN|)\n"
        "def f(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('')\n"
    )
    text, proposals = _complete(tmp_path, source)
    labels = _by_label(proposals)
    assert set(labels) == {
        "func.AuthLevel.FUNCTION",
        "func.AuthLevel.ANONYMOUS",
        "func.AuthLevel.ADMIN",
    }
    assert "auth_level=func.AuthLevel.ANONYMOUS)" in _apply(
        text, labels["func.AuthLevel.ANONYMOUS"]
    )


def test_enum_strings_the_library_accepts(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.route(route='r', auth_level='|')\n"
        "def f(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('')\n"
    )
    text, proposals = _complete(tmp_path, source)
    labels = _by_label(proposals)
    assert set(labels) == {"function", "anonymous", "admin"}
    assert "auth_level='anonymous')" in _apply(text, labels["anonymous"])


def test_enum_list_items(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.route(route='r', methods=['GET', '|'])\n"
        "def f(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('')\n"
    )
    text, proposals = _complete(tmp_path, source)
    labels = _by_label(proposals)
    assert {"GET", "POST", "DELETE"} <= set(labels)
    assert "methods=['GET', 'POST'])" in _apply(text, labels["POST"])


def test_outside_a_decorator_call_the_other_completions_apply(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.queue_trigger(arg_name='msg', queue_name='q', connection='Conn')\n"
        "def handler(msg: func.QueueMessage) -> None:\n"
        "    print(os.environ['Co|'])\n"
    )
    _text, proposals = _complete(tmp_path, source)
    assert "Conn" in _by_label(proposals)


def test_enum_members_keep_the_way_the_enum_is_reached(tmp_path: Path) -> None:
    source = HEAD.replace(
        "import azure.functions as func\n",
        "import azure.functions as func\nfrom azure.functions import AuthLevel\n",
    ) + (
        "@app.route(route='r', auth_level=AuthLevel.|)\n"
        "def f(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('')\n"
    )
    text, proposals = _complete(tmp_path, source)
    labels = _by_label(proposals)
    assert set(labels) == {"AuthLevel.FUNCTION", "AuthLevel.ANONYMOUS", "AuthLevel.ADMIN"}
    assert "auth_level=AuthLevel.ADMIN)" in _apply(text, labels["AuthLevel.ADMIN"])


def test_enum_members_right_after_the_equals_sign(tmp_path: Path) -> None:
    source = HEAD.replace("as func", "as af").replace("func.FunctionApp", "af.FunctionApp") + (
        "@app.route(route='r', auth_level=|)\n"
        "def f(req: af.HttpRequest) -> af.HttpResponse:\n"
        "    return af.HttpResponse('')\n"
    )
    text, proposals = _complete(tmp_path, source)
    labels = _by_label(proposals)
    assert "af.AuthLevel.ANONYMOUS" in labels
    assert "auth_level=af.AuthLevel.ANONYMOUS)" in _apply(text, labels["af.AuthLevel.ANONYMOUS"])


def test_another_librarys_decorator_is_left_alone(tmp_path: Path) -> None:
    source = HEAD + (
        "import flask\n\nweb = flask.Flask(__name__)\n\n"
        "@web.route('/', methods=['|'])\n"
        "def index() -> str:\n"
        "    return ''\n"
    )
    _text, proposals = _complete(tmp_path, source)
    assert "POST" not in _by_label(proposals)


def test_connection_without_quotes_inserts_a_string(tmp_path: Path) -> None:
    source = HEAD + (
        "@app.queue_trigger(arg_name='msg', queue_name='q', connection=|)\n"
        "def handler(msg: func.QueueMessage) -> None:\n"
        "    pass\n"
    )
    text, proposals = _complete(tmp_path, source)
    assert 'connection="Conn")' in _apply(text, _by_label(proposals)["Conn"])
