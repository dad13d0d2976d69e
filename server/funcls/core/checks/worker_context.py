"""What every worker-rule family receives: one function's view (`function_view.FunctionView`),
the workspace and settings, and where its problems go. The helpers here are shared by the
families: record a problem (once in each file for a mismatch seen from both sides), point at the
other file, spell annotations as the script does, and what the analysed environment is."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from funcls.core.app_model import Binding
from funcls.core.edits import script_edits
from funcls.core.function_view import FunctionView
from funcls.core.problems import Code, Fix, Location, Problem, Related, Span, make_problem
from funcls.core.python.annotations import AnnotationResolver
from funcls.core.python.environment import environment
from funcls.core.settings import Settings
from funcls.core.workspace import Workspace

# azure-functions-runtime 1.3.0: the HTTP streaming extension's package.
HTTP_V2_EXTENSIONS = "azurefunctions.extensions.http"


class WorkerContext:
    """One function's view under the worker's rules, with the problems found so far."""

    def __init__(self, workspace: Workspace, view: FunctionView, settings: Settings) -> None:
        """Start with no problems; `resolver` is set once the script is known to load."""
        self.workspace = workspace
        self.view = view
        self.app = view.app
        self.fn = view.fn
        self.settings = settings
        self.problems: list[Problem] = []
        self.script = view.fn.script_path
        self.script_view = view.script
        self.json_doc = view.fn.document
        self.resolver: AnnotationResolver | None = None
        self._target: tuple[int, int] | None = None

    def add(
        self,
        code: Code,
        message: str,
        path: str,
        span: Span,
        related: tuple[Related, ...] = (),
        fixes: tuple[Fix, ...] = (),
        severity: Any = None,
    ) -> None:
        """Record a problem (with another severity than the code's when given)."""
        problem = make_problem(code, message, path, span, related=related, fixes=fixes)
        if severity is not None:
            problem = replace(problem, severity=severity)
        self.problems.append(problem)

    def add_both(
        self,
        code: Code,
        message: str,
        *,
        script: tuple[Span, str],
        json: tuple[Span, str],
        fixes: tuple[Fix, ...] = (),
    ) -> None:
        """Record a mismatch between the two files once in each: on the script's span and on
        function.json's, each pointing at the other with the other side's label."""
        assert self.script is not None
        (script_span, script_label), (json_span, json_label) = script, json
        to_json = Related(Location(self.fn.json_path, json_span), json_label)
        to_script = Related(Location(self.script, script_span), script_label)
        self.add(code, message, self.script, script_span, related=(to_json,), fixes=fixes)
        self.add(code, message, self.fn.json_path, json_span, related=(to_script,), fixes=fixes)

    def json_related(self, binding: Binding, key: str, message: str) -> Related:
        """Related information pointing at `key` of a binding in function.json."""
        return Related(Location(self.fn.json_path, binding.anchor(key)), message)

    def script_related(self, span: Span, message: str) -> Related:
        """Related information pointing at a span of the entry script."""
        assert self.script is not None
        return Related(Location(self.script, span), message)

    def json_anchor_for_script(self) -> Span:
        """Where function.json talks about the script: scriptFile, entryPoint or bindings."""
        for key in ("scriptFile", "entryPoint"):
            prop = self.fn.top_level(key)
            if prop is not None and prop.value is not None:
                return Span(prop.value.start, prop.value.end)
        prop = self.fn.top_level("bindings")
        if prop is not None:
            return Span(prop.key.start, prop.key.end)
        return Span(0, 0)

    def target_version(self) -> tuple[int, int]:
        """The Python version of the analysed environment."""
        if self._target is None:
            try:
                self._target = environment(self.settings.python_path, self.app.root).version
            except Exception:
                self._target = (3, 11)
        return self._target

    def new_speller(self) -> script_edits.Speller:
        """A speller for annotations and imports of the entry script."""
        assert self.script_view is not None and self.script is not None
        return script_edits.Speller(self.script_view, self.script)

    def in_fn(self) -> str:
        """How messages name the function."""
        return f"function '{self.fn.name}'"

    def declared_in(self) -> str:
        """Where fix titles say the bindings are written."""
        return "the decorators" if self.fn.is_v2 else "function.json"

    def http_v2(self) -> bool:
        """True for a v2 app that imports an HTTP streaming extension: the v2 worker then judges
        HTTP annotations with the extension's own types (azure-functions-runtime 1.3.0,
        bindings/meta.py `_check_http_input_type_annotation`; http_v2.py `HttpV2Registry`)."""
        return self.imports_extension(HTTP_V2_EXTENSIONS)

    def imports_extension(self, package: str) -> bool:
        """True for a v2 function whose app imports a module of the extension `package`."""
        v2 = self.app.v2
        if not self.fn.is_v2 or v2 is None:
            return False
        return any(
            imported.module.startswith(package)
            for reading in v2.readings.values()
            for imported in reading.imports.values()
        )
