"""jedi as the fallback resolver, its failures degrading to fewer results, and the guarantee that
no user code runs during analysis, completion, hover or rename."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from funcls.core.features import navigation
from funcls.core.features.python_features import complete_python, hover_python
from funcls.core.features.service import default_service
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

from .conftest import HTTP_IN, HTTP_RETURN, App

FEATURES = default_service()

Build = Callable[..., App]
QUEUE_IN = {
    "type": "queueTrigger",
    "direction": "in",
    "name": "msg",
    "queueName": "q",
    "connection": "AzureWebJobsStorage",
}


def _reexport_app(make_app: Build, annotation: str) -> App:
    from .conftest import function_json

    return make_app(
        {
            "Fn/function.json": function_json(QUEUE_IN),
            "Fn/__init__.py": "from shared_code.types import Request, Message\n\n\n"
            f"def main(msg: {annotation}):\n    pass\n",
            "shared_code/__init__.py": "",
            "shared_code/types.py": "import azure.functions as func\n"
            "from azure.functions import HttpRequest as Request\n\nMessage = func.QueueMessage\n",
        }
    )


def test_jedi_resolves_names_reexported_by_app_modules(make_app: Build) -> None:
    app = _reexport_app(make_app, "Request")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC217" and "HttpRequest" in problem.message
    app = _reexport_app(make_app, "Message")
    assert app.problems("Fn/__init__.py") == []


def test_jedi_failure_degrades_to_no_annotation_check(
    make_app: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jedi

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise AttributeError("Something went wrong with unpickling")

    monkeypatch.setattr(jedi, "Script", Broken)
    app = _reexport_app(make_app, "Request")
    assert app.problems("Fn/__init__.py") == []  # unknown, never an error or a crash
    assert hover_python(Workspace(), app.path("Fn/__init__.py"), 60, Settings()) is not None


def test_star_import_of_a_user_module_goes_through_jedi(make_app: Build) -> None:
    from .conftest import function_json

    app = make_app(
        {
            "Fn/function.json": function_json(QUEUE_IN),
            "Fn/__init__.py": "from shared_code.types import *\n\n\ndef main(msg: Request):\n"
            "    pass\n",
            "shared_code/__init__.py": "",
            "shared_code/types.py": "from azure.functions import HttpRequest as Request\n",
        }
    )
    assert [p.code for p in app.problems("Fn/__init__.py")] == ["FUNC217"]


def test_extension_sdk_and_user_types_are_not_errors(make_app: Build) -> None:
    from .conftest import function_json

    blob = {
        "type": "blobTrigger",
        "direction": "in",
        "name": "client",
        "path": "c/{name}",
        "connection": "AzureWebJobsStorage",
    }
    app = make_app(
        {
            "Fn/function.json": function_json(blob),
            "Fn/__init__.py": "import azurefunctions.extensions.bindings.blob as blob\n\n\n"
            "def main(client: blob.BlobClient):\n    pass\n",
            "Other/function.json": function_json(QUEUE_IN),
            "Other/__init__.py": "class Mine:\n    pass\n\n\ndef main(msg: Mine):\n    pass\n",
        }
    )
    app.write("requirements.txt", "azure-functions\nazurefunctions-extensions-bindings-blob\n")
    assert [p for p in app.problems("Fn/__init__.py") if p.code != "FUNC307"] == []
    assert app.problems("Other/__init__.py") == []


def test_no_user_code_runs(make_app: Build, tmp_path: Path) -> None:
    from .conftest import function_json

    marker = tmp_path / "ran.txt"
    payload = f"open({str(marker)!r}, 'w').write('ran')\n"
    app = make_app(
        {
            "Fn/function.json": function_json(HTTP_IN, HTTP_RETURN),
            "Fn/__init__.py": payload
            + "from shared_code.evil import Req\nimport shared_code.evil\n\n\n"
            "def main(req: Req) -> str:\n    return 'x'\n",
            "shared_code/__init__.py": payload,
            "shared_code/evil.py": payload
            + "import azure.functions as func\nReq = func.HttpRequest\n",
            "Fn/sitecustomize.py": payload,
        }
    )
    ws = Workspace()
    script = app.path("Fn/__init__.py")
    app.all_problems()
    app.problems("Fn/__init__.py")
    complete_python(ws, script, app.text("Fn/__init__.py").index("req:") + 1, Settings())
    hover_python(ws, script, app.text("Fn/__init__.py").index("req:") + 1, Settings())
    FEATURES.hover(
        ws, app.path("Fn/function.json"), app.text("Fn/function.json").index('"req"') + 1
    )
    navigation.rename(ws, script, app.text("Fn/__init__.py").index("req:") + 1, "request")
    navigation.definition(ws, script, app.text("Fn/__init__.py").index("req:") + 1)
    assert not marker.exists()
