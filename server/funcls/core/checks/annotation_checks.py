"""Each bound parameter's annotation as the worker judges it at load time (validation-rules W-15
to W-19, W-30, W-31, W-33, W-37): resolved by `python/annotations.py`, judged by the installed
library's converters (`knowledge/converters.py`). A mismatch is reported in both files."""

from __future__ import annotations

import ast
import typing
from typing import Any

from funcls.core.checks import annotation_fixes, invocation_checks
from funcls.core.checks.worker_context import WorkerContext
from funcls.core.edits import script_edits
from funcls.core.entry_point import Entry, future_annotations
from funcls.core.function_view import Pair
from funcls.core.knowledge import converters, worker_types
from funcls.core.problems import Code, Fix, Severity, Span, TextEdit
from funcls.core.pyentry import Annotation, Parameter
from funcls.core.python.annotations import ERROR, Resolved, placeholder_origin

OUT_ARGS = Code("FUNC213", Severity.ERROR, "Out[...] needs exactly one type argument", ("W-15",))
NON_TYPE = Code("FUNC214", Severity.ERROR, "Annotation is not a type", ("W-16",))
OUT_MISSING = Code("FUNC215", Severity.ERROR, "Output binding not annotated Out[...]", ("W-17",))
OUT_ON_INPUT = Code("FUNC216", Severity.ERROR, "Input binding annotated Out[...]", ("W-18",))
TYPE_MISMATCH = Code(
    "FUNC217",
    Severity.ERROR,
    "Annotation rejected by the binding's converter",
    ("W-19", "W-30", "W-31", "W-33"),
)
CLIENT_UNANNOTATED = Code(
    "FUNC220", Severity.WARNING, "durableClient parameter without a str annotation", ("W-33",)
)
ANNOTATION_ERROR = Code("FUNC224", Severity.ERROR, "Annotation cannot be evaluated", ("W-37",))

CODES: tuple[Code, ...] = (
    OUT_ARGS,
    NON_TYPE,
    OUT_MISSING,
    OUT_ON_INPUT,
    TYPE_MISMATCH,
    CLIENT_UNANNOTATED,
    ANNOTATION_ERROR,
)


def uninspectable(ctx: WorkerContext, entry: Entry) -> None:
    """An instance whose class declares no annotations: `typing.get_type_hints` raises."""
    assert ctx.script is not None and entry.name_span is not None
    ctx.add(
        ANNOTATION_ERROR,
        f"The entry point '{entry.name}' of {ctx.in_fn()} is an instance: the worker reads "
        "its annotations with typing.get_type_hints(), which fails (TypeError: ... is not a "
        "module, class, method, or function) unless its class declares class-level "
        "annotations. Use a function as the entry point.",
        ctx.script,
        entry.name_span,
    )


def unevaluable_name(ctx: WorkerContext, annotation: Annotation, entry: Entry) -> str | None:
    """For an instance entry point, the first name a string annotation uses that the
    worker cannot find: `get_type_hints` evaluates it with no globals (builtins only)."""
    if entry.source != "instance" or ctx.script_view is None:
        return None
    node: ast.expr = annotation.node
    if not future_annotations(ctx.script_view):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value.strip(), mode="eval").body
        except SyntaxError:
            return None  # the resolver reports it
    import builtins

    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and not hasattr(builtins, inner.id):
            return inner.id
    return None


def name_error(ctx: WorkerContext, annotation: Annotation, name: str, label: str) -> None:
    """W-37 for an annotation evaluated where `name` does not exist."""
    assert ctx.script is not None
    ctx.add(
        ANNOTATION_ERROR,
        f"The annotation of {label} cannot be evaluated (NameError: name '{name}' is not "
        f"defined): the worker evaluates the string annotations of an instance without the "
        f"module's globals, and fails to load {ctx.in_fn()}.",
        ctx.script,
        annotation.span,
    )


def check_evaluates(ctx: WorkerContext, annotation: Annotation, entry: Entry) -> None:
    """W-37 for an annotation that binds no parameter but that the worker evaluates."""
    if ctx.resolver is None:
        return
    missing = unevaluable_name(ctx, annotation, entry)
    if missing is not None:
        name_error(ctx, annotation, missing, f"'{annotation.text}'")
        return
    resolved = ctx.resolver.resolve(annotation.node, annotation.span)
    if resolved.state == ERROR:
        assert ctx.script is not None
        ctx.add(
            ANNOTATION_ERROR,
            f"The annotation '{annotation.text}' cannot be evaluated ({resolved.message}): "
            f"the worker evaluates every annotation of the entry point and fails to load "
            f"{ctx.in_fn()}.",
            ctx.script,
            annotation.span,
        )


def annotation_error(ctx: WorkerContext, param: Parameter, resolved: Resolved) -> None:
    """W-37: an annotation the worker cannot evaluate."""
    assert ctx.script is not None and param.annotation is not None
    what = {
        "name": "NameError",
        "attribute": "AttributeError",
        "import": "ImportError",
        "syntax": "SyntaxError",
    }.get(resolved.kind, "error")
    ctx.add(
        ANNOTATION_ERROR,
        f"The annotation of '{param.name}' cannot be evaluated ({what}: {resolved.message}): "
        f"the worker fails to load {ctx.in_fn()}.",
        ctx.script,
        param.annotation.span,
    )


def check_pair(ctx: WorkerContext, pair: Pair, entry: Entry) -> None:
    """W-15 ... W-19, W-31, W-33 ... W-35 for one bound parameter."""
    binding, param = pair.binding, pair.parameter
    assert ctx.script is not None
    binding_type = binding.type or ""
    if binding_type == "httpTrigger" and ctx.http_v2():
        return
    if param.annotation is None:
        if binding_type == "durableClient":
            fix = Fix(
                f"Annotate '{param.name}' as str",
                (TextEdit(ctx.script, Span(param.span.end, param.span.end), ": str"),),
                preferred=True,
                safe=True,
            )
            ctx.add(
                CLIENT_UNANNOTATED,
                f"The durableClient parameter '{param.name}' has no annotation: the worker "
                "cannot decode it when the function runs; annotate it 'str' and wrap it "
                f"with DurableOrchestrationClient({param.name}).",
                ctx.script,
                param.span,
                related=(ctx.json_related(binding, "type", "durableClient binding"),),
                fixes=(fix,),
            )
        return
    if ctx.resolver is None or entry.kind == "durable":
        return
    annotation = param.annotation
    missing = unevaluable_name(ctx, annotation, entry)
    if missing is not None:
        name_error(ctx, annotation, missing, f"'{param.name}'")
        return
    resolved = ctx.resolver.resolve(annotation.node, annotation.span)
    if resolved.state == ERROR:
        annotation_error(ctx, param, resolved)
        return
    if binding_type == "durableClient" and _durable_class(resolved.value):
        durable_client_annotation(ctx, pair, placeholder_origin(resolved.value))
        return
    if not resolved.usable:
        return
    value = resolved.value
    if param.default is not None and ctx.target_version() < (3, 11):
        if isinstance(param.default, ast.Constant) and param.default.value is None:
            value = typing.Optional[value]  # noqa: UP045 - what 3.10 get_type_hints returns
    if ctx.target_version() < (3, 11) and worker_types.builtin_generic_inside(value):
        return
    checkable = worker_types.worker_judged(binding_type)
    has_placeholder = resolved.state == "partial"
    verdict = converters.judge_parameter(
        value,
        binding_type,
        worker_types.direction_out(binding),
        check_type=checkable and not has_placeholder,
    )
    if verdict.rule is None:
        if worker_types.checkable_type(binding_type) and not has_placeholder:
            invocation_checks.soft_checks(ctx, pair, verdict)
        return
    report_verdict(ctx, pair, verdict, value)


def durable_client_annotation(ctx: WorkerContext, pair: Pair, origin: str) -> None:
    """W-33: a class of azure-functions-durable on a durableClient binding. The binding's
    converter accepts only str/bytes, and none of that package's classes is one, whether
    the package is installed here or not."""
    binding, param = pair.binding, pair.parameter
    annotation = param.annotation
    assert annotation is not None and ctx.script is not None
    class_name = origin.rsplit(".", 1)[-1]
    fix = Fix(
        f"Annotate '{param.name}' as str",
        (TextEdit(ctx.script, annotation.span, "str"),),
        preferred=True,
    )
    message = (
        f"The durableClient binding '{param.name}' takes str, not '{annotation.text}': the "
        f"worker's durableClient converter accepts only str or bytes and fails to load "
        f'{ctx.in_fn()} (type of {param.name} binding in function.json "durableClient" '
        f'does not match its Python annotation "{class_name}"). Annotate it str and build '
        f"the client with {class_name}({param.name})."
    )
    ctx.add_both(
        TYPE_MISMATCH,
        message,
        script=(annotation.span, f"{param.name}: {annotation.text}"),
        json=(binding.anchor("type"), "durableClient binding"),
        fixes=(fix,),
    )


def report_verdict(
    ctx: WorkerContext, pair: Pair, verdict: converters.ParamVerdict, value: Any
) -> None:
    """Turn the worker's verdict on an annotation into problems (both files)."""
    binding, param = pair.binding, pair.parameter
    annotation = param.annotation
    assert annotation is not None and ctx.script is not None
    rule = verdict.rule
    label = f"binding '{param.name}' ({worker_types.binding_label(binding)})"
    if rule == "W-15":
        ctx.add(
            OUT_ARGS,
            f"Out needs exactly one type argument: '{annotation.text}' for {label} fails to "
            f"load (binding {param.name} has invalid Out annotation).",
            ctx.script,
            annotation.span,
            related=(ctx.json_related(binding, "type", f"{label} in function.json"),),
            fixes=annotation_fixes.replace_fixes(ctx, pair, annotation),
        )
    elif rule == "W-16":
        non_type(ctx, pair, annotation, value)
    elif rule in ("W-17", "W-18"):
        out_direction(ctx, pair, annotation, rule == "W-17", value, label)
    else:
        type_mismatch(ctx, pair, annotation, verdict, label)


def non_type(ctx: WorkerContext, pair: Pair, annotation: Annotation, value: Any) -> None:
    """W-16: an annotation that is not a type (on the annotation only)."""
    param = pair.parameter
    assert ctx.script is not None
    fixes = annotation_fixes.non_type_fixes(ctx, annotation, value)
    hint = _non_type_hint(value)
    default = param.default
    if isinstance(default, ast.Constant) and default.value is None:
        if ctx.target_version() < (3, 11):
            hint = (
                f"On Python {'.'.join(map(str, ctx.target_version()))}, a default of "
                "None turns the annotation into Optional[...]: remove '= None'."
            )
    ctx.add(
        NON_TYPE,
        f"The annotation '{annotation.text}' of '{param.name}' is not a type: the worker "
        f"fails with: binding {param.name} has invalid non-type annotation. " + hint,
        ctx.script,
        annotation.span,
        fixes=fixes,
    )


def out_direction(
    ctx: WorkerContext, pair: Pair, annotation: Annotation, is_output: bool, value: Any, label: str
) -> None:
    """W-17 (an output not annotated Out[...]) and W-18 (Out[...] on an input)."""
    binding, param = pair.binding, pair.parameter
    title = label[:1].upper() + label[1:]
    binding_type = binding.type or ""
    if is_output:
        wrapped = annotation_fixes.wrap_out_fix(ctx, pair, annotation)
        message = (
            f"{title} is an output, so its annotation must be Out[...], not "
            f"'{annotation.text}'{accepted_text(ctx, binding_type, True)}."
        )
        fixes = (wrapped,) if wrapped else annotation_fixes.replace_fixes(ctx, pair, annotation)
    else:
        message = (
            f"{title} is an input, but '{param.name}' is annotated "
            f"'{annotation.text}': "
            f"Out[...] is only for 'out' bindings{accepted_text(ctx, binding_type, False)}."
        )
        fixes = annotation_fixes.unwrap_out_fixes(ctx, pair, annotation, value)
    ctx.add_both(
        OUT_MISSING if is_output else OUT_ON_INPUT,
        message,
        script=(annotation.span, f"{param.name}: {annotation.text}"),
        json=(binding.anchor("direction"), "direction out" if is_output else "direction in"),
        fixes=fixes,
    )


def type_mismatch(
    ctx: WorkerContext,
    pair: Pair,
    annotation: Annotation,
    verdict: converters.ParamVerdict,
    label: str,
) -> None:
    """An annotation the binding's converter refuses (both files)."""
    binding, param = pair.binding, pair.parameter
    binding_type = binding.type or ""
    shown = converters.type_name(verdict.pytype)
    data_type = binding.string("dataType")
    if data_type is not None:
        worker = (
            f'\'{param.name}\' binding type "{binding_type}" and dataType "{data_type}" in '
            "function.json do not match the corresponding function parameter's Python type "
            f'annotation "{shown}"'
        )
    else:
        worker = (
            f'type of {param.name} binding in function.json "{binding_type}" does not match '
            f'its Python annotation "{shown}"'
        )
    note = ""
    canonical = worker_types.other_casing(binding_type)
    if canonical is not None:
        note = (
            f" ('{binding_type}' is not spelled '{canonical}', so the worker finds no "
            f"converter and uses its generic binding: write '{canonical}')"
        )
    elif verdict.bind_name != converters.GENERIC and verdict.pytype in (str, bytes):
        note = f" ({binding_type} returns its value implicitly, so str is not accepted)"
    message = (
        f"The annotation '{annotation.text}' does not fit {label}"
        f"{accepted_text(ctx, binding_type, worker_types.direction_out(binding))}{note}. "
        f"The worker fails with: {worker}."
    )
    fixes = annotation_fixes.replace_fixes(ctx, pair, annotation)
    if canonical is not None:
        fixes = (annotation_fixes.casing_fix(ctx, binding, canonical),)
    ctx.add_both(
        TYPE_MISMATCH,
        message,
        script=(annotation.span, f"{param.name}: {annotation.text}"),
        json=(binding.anchor("type"), f"{label} in function.json"),
        fixes=fixes,
    )


def accepted_text(ctx: WorkerContext, binding_type: str, out: bool) -> str:
    """The annotations a binding accepts, as the script would spell them."""
    if not worker_types.worker_judged(binding_type):
        return ""
    options = converters.accepted(binding_type, out)
    if not options:
        return ": this binding accepts no annotation in this direction"
    if ctx.script_view is None:
        return ""
    speller = script_edits.Speller(ctx.script_view, ctx.script or "")
    shown = [speller.suggestion(s) for s in options[:4]]
    if len(shown) == 1:
        return f": use {shown[0]}"
    return ": use " + ", ".join(shown[:-1]) + " or " + shown[-1]


# azure-functions-durable 1.7.0 (PyPI): none of the classes azure.durable_functions exports
# (DurableOrchestrationClient, DurableOrchestrationContext, EntityId, ...) subclasses str or bytes.
_DURABLE_PACKAGE = "azure.durable_functions."


def _durable_class(value: Any) -> bool:
    """True for a placeholder standing for a class exported by azure.durable_functions."""
    origin = placeholder_origin(value)
    return origin.startswith(_DURABLE_PACKAGE) and "." not in origin[len(_DURABLE_PACKAGE) :]


def _non_type_hint(value: Any) -> str:
    import types as _types

    origin = typing.get_origin(value)
    if origin is typing.Union or isinstance(value, _types.UnionType):
        return "Optional/Union annotations are rejected: annotate with the type alone."
    if isinstance(value, _types.GenericAlias):
        return "Builtin generics such as list[...] are rejected on Python 3.11+: use typing.List."
    if origin is tuple:
        return "typing.Tuple is rejected: use typing.List or drop the annotation."
    return "Use a class, or drop the annotation."
