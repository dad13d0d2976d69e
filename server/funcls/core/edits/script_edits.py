"""Text edits for the quick fixes in the entry script: parameters, annotations and imports. Each
builder returns plain `TextEdit`s on the current text; the edits of function.json are in
`funcls.core.edits.json_edits` (`string_content`, a binding value's span, stays here)."""

from __future__ import annotations

import ast

from funcls.core.app_model import Binding
from funcls.core.knowledge.converters import Suggestion
from funcls.core.problems import Span, TextEdit
from funcls.core.pyentry import Callable_, Parameter, ScriptView, node_span
from funcls.core.text import line_indent_at

AZURE_FUNCTIONS = "azure.functions"


# -- names the script already imports ------------------------------------------------------------
def functions_alias(view: ScriptView) -> str | None:
    """How the script names the `azure.functions` module at the top level, if it does."""
    if view.tree is None:
        return None
    for stmt in view.tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == AZURE_FUNCTIONS:
                    return alias.asname or AZURE_FUNCTIONS
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "azure" and not stmt.level:
            for alias in stmt.names:
                if alias.name == "functions":
                    return alias.asname or "functions"
    return None


def imported_name(view: ScriptView, module: str, name: str) -> str | None:
    """The local name of `from module import name [as x]` at the top level, if present."""
    if view.tree is None:
        return None
    for stmt in view.tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == module and not stmt.level:
            for alias in stmt.names:
                if alias.name == name:
                    return alias.asname or name
    return None


def module_alias(view: ScriptView, module: str) -> str | None:
    """The local name of `import module [as x]` at the top level, if present."""
    if view.tree is None:
        return None
    for stmt in view.tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == module:
                    return alias.asname or module
    return None


def _bound_names(view: ScriptView) -> set[str]:
    return set(view.callables)


class Speller:
    """Writes annotations with the names a script already imports, adding imports once."""

    def __init__(self, view: ScriptView, path: str) -> None:
        self.view = view
        self.path = path
        self._imports: list[str] = []

    def functions(self) -> str:
        """The prefix for azure.functions classes (`func`), importing the module if needed."""
        alias = functions_alias(self.view)
        if alias:
            return alias
        name = "func" if "func" not in _bound_names(self.view) else "azf"
        line = f"import azure.functions as {name}"
        if line not in self._imports:
            self._imports.append(line)
        return name

    def library_class(self, name: str) -> str:
        """An azure.functions class as the script can name it."""
        direct = imported_name(self.view, AZURE_FUNCTIONS, name)
        if direct:
            return direct
        return f"{self.functions()}.{name}"

    def typing_list(self) -> str:
        """`List` as the script can name it, importing it if needed."""
        direct = imported_name(self.view, "typing", "List")
        if direct:
            return direct
        module = module_alias(self.view, "typing")
        if module:
            return f"{module}.List"
        line = "from typing import List"
        if line not in self._imports:
            self._imports.append(line)
        return "List"

    def suggestion(self, suggestion: Suggestion) -> str:
        """The annotation text of a suggestion."""
        text = self.library_class(suggestion.name) if suggestion.is_library else suggestion.name
        if suggestion.many:
            text = f"{self.typing_list()}[{text}]"
        if suggestion.out:
            text = f"{self.library_class('Out')}[{text}]"
        return text

    def import_edits(self) -> tuple[TextEdit, ...]:
        """Edits adding the imports the spelled annotations need."""
        if not self._imports:
            return ()
        offset, prefix, suffix = import_position(self.view)
        text = prefix + "".join(f"{line}\n" for line in self._imports) + suffix
        return (TextEdit(self.path, Span(offset, offset), text),)


def import_position(view: ScriptView) -> tuple[int, str, str]:
    """Where a new import goes (after the docstring and the leading imports) and the line
    breaks around it."""
    tree = view.tree
    if tree is None or not tree.body:
        return 0, "", ""
    body = tree.body
    first = body[0]
    doc_end: int | None = None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        doc_end = _line_after(view, first)
        body = body[1:]
    last_import: ast.stmt | None = None
    for stmt in body:
        if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
            break
        last_import = stmt
    if last_import is not None:
        offset = _line_after(view, last_import)
    elif doc_end is not None:
        offset = doc_end
    else:
        return 0, "", "\n"
    prefix = "\n" if offset == len(view.text) and not view.text.endswith(("\n", "\r")) else ""
    if last_import is None:
        return offset, prefix + "\n", "\n"
    return offset, prefix, ""


def _line_after(view: ScriptView, stmt: ast.stmt) -> int:
    end = node_span(stmt, view.index).end
    line, _column = view.index.position(end)
    if line + 1 >= view.index.line_count:
        return len(view.text)
    return view.index.line_start(line + 1)


# -- parameters --------------------------------------------------------------------------------
def _param_end(param: Parameter, view: ScriptView) -> int:
    end = param.extent.end
    if param.default is not None:
        end = max(end, node_span(param.default, view.index).end)
    return end


def add_parameter(view: ScriptView, path: str, entry: Callable_, text: str) -> TextEdit | None:
    """Insert `text` (e.g. `msg: func.Out[str]`) as a new parameter of `entry`: after the last
    plain parameter, before any parameter with a default, `*`, `*args` or `**kwargs`."""
    if entry.signature_span is None:
        return None
    open_paren = entry.signature_span.start
    params = list(entry.parameters)
    blocker = next(
        (p for p in params if p.has_default or p.kind in ("varargs", "keyword", "varkw")), None
    )
    if blocker is not None:
        anchor = blocker.span.start
        if blocker.kind in ("varargs", "keyword", "varkw"):
            star = view.text.rfind("*", open_paren, blocker.span.start)
            if blocker.kind == "varkw":
                star = view.text.rfind("**", open_paren, blocker.span.start)
            anchor = star if star >= 0 else anchor
        separator = ", "
        if _on_own_line(view, anchor) and not _same_line(view, open_paren, anchor):
            separator = ",\n" + line_indent_at(view.text, anchor)
        return TextEdit(path, Span(anchor, anchor), text + separator)
    if params:
        last = params[-1]
        end = _param_end(last, view)
        separator = ", "
        if _on_own_line(view, last.span.start) and not _same_line(
            view, open_paren, last.span.start
        ):
            separator = ",\n" + line_indent_at(view.text, last.span.start)
        return TextEdit(path, Span(end, end), separator + text)
    return TextEdit(path, Span(open_paren + 1, open_paren + 1), text)


def _on_own_line(view: ScriptView, offset: int) -> bool:
    line, column = view.index.position(offset)
    return not view.index.line_text(line)[:column].strip()


def _same_line(view: ScriptView, a: int, b: int) -> bool:
    return view.index.position(a)[0] == view.index.position(b)[0]


def remove_parameter(view: ScriptView, path: str, entry: Callable_, param: Parameter) -> TextEdit:
    """Delete a parameter with its annotation, default and one separating comma."""
    params = list(entry.parameters)
    index = params.index(param)
    start = param.span.start
    if param.kind == "varargs":
        start = view.text.rfind("*", 0, start)
    elif param.kind == "varkw":
        start = view.text.rfind("**", 0, start)
    end = _param_end(param, view)
    if index + 1 < len(params):
        following = params[index + 1]
        next_start = following.span.start
        if following.kind == "varargs":
            next_start = view.text.rfind("*", 0, next_start)
        elif following.kind == "varkw":
            next_start = view.text.rfind("**", 0, next_start)
        between = view.text[end:next_start]
        if between.strip() == ",":
            return TextEdit(path, Span(start, next_start), "")
    if index > 0:
        previous = params[index - 1]
        prev_end = _param_end(previous, view)
        between = view.text[prev_end:start]
        if between.strip() == ",":
            return TextEdit(path, Span(prev_end, end), "")
    return TextEdit(path, Span(start, end), "")


# -- function.json -----------------------------------------------------------------------------
def string_content(binding: Binding, key: str) -> Span | None:
    """The span inside the quotes of a string value."""
    prop = binding.prop(key)
    if prop is None or prop.value is None or prop.value.kind != "string":
        return None
    value = prop.value
    if not getattr(value, "simple", True):
        return None  # a v2 value whose text is not `"content"` (funcls.core.v2.model.PyString)
    return Span(value.start + 1, value.end - 1 if getattr(value, "closed", True) else value.end)
