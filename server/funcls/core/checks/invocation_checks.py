"""Annotations the worker loads but that fail when the function runs (validation-rules W-34,
W-35): `cardinality` against a List[...] annotation, an HTTP trigger annotated str or bytes."""

from __future__ import annotations

import collections.abc
import typing
from dataclasses import replace
from typing import Any

from funcls.core.checks.worker_context import WorkerContext
from funcls.core.edits import json_edits
from funcls.core.function_view import Pair
from funcls.core.knowledge import converters, worker_types
from funcls.core.problems import Code, Fix, Severity, Span, TextEdit

CARDINALITY_TYPES = ("eventHubTrigger", "serviceBusTrigger", "kafkaTrigger")

CARDINALITY = Code(
    "FUNC221", Severity.WARNING, "Cardinality and List[...] annotation disagree", ("W-34",)
)
HTTP_AS_STR = Code(
    "FUNC222", Severity.WARNING, "HTTP trigger parameter annotated str/bytes", ("W-35",)
)

CODES: tuple[Code, ...] = (
    CARDINALITY,
    HTTP_AS_STR,
)


def soft_checks(ctx: WorkerContext, pair: Pair, verdict: converters.ParamVerdict) -> None:
    """Rules that pass the load but fail at invocation: W-34, W-35."""
    binding, param = pair.binding, pair.parameter
    annotation = param.annotation
    assert annotation is not None and ctx.script is not None
    binding_type = binding.type or ""
    pytype = verdict.pytype
    if binding_type == "httpTrigger" and pytype in (str, bytes):
        speller = ctx.new_speller()
        text = speller.library_class("HttpRequest")
        ctx.add(
            HTTP_AS_STR,
            f"'{param.name}: {annotation.text}' loads, but the worker cannot decode an HTTP "
            f"request as {pytype.__name__}: every call fails (unexpected type of data "
            f'received for the "generic" binding). Use {text}.',
            ctx.script,
            annotation.span,
            related=(ctx.json_related(binding, "type", "httpTrigger"),),
            fixes=(
                Fix(
                    f"Change the annotation to {text}",
                    (TextEdit(ctx.script, annotation.span, text), *speller.import_edits()),
                    preferred=True,
                ),
            ),
        )
        return
    if binding_type in CARDINALITY_TYPES and not verdict.is_out:
        check_cardinality(ctx, pair, pytype)


def check_cardinality(ctx: WorkerContext, pair: Pair, pytype: Any) -> None:
    """W-34: `cardinality: many` needs List[...], and a List needs `many`."""
    binding, param = pair.binding, pair.parameter
    annotation = param.annotation
    assert annotation is not None and ctx.script is not None and ctx.json_doc is not None
    binding_type = binding.type or ""
    many = worker_types.is_many(binding)
    is_list = _is_list_type(pytype)
    if pytype in (str, bytes) or many == is_list:
        return
    prop = binding.prop_ci("cardinality")
    json_span = (
        Span(prop.value.start, prop.value.end)
        if prop is not None and prop.value is not None
        else binding.anchor("type")
    )
    set_card = "one" if not is_list else "many"
    card_key = prop.key.value if prop is not None else "cardinality"
    card_edit = json_edits.set_string(
        ctx.json_doc, ctx.fn.json_path, binding.node, card_key, set_card
    )
    card_fix = Fix(f'Set cardinality to "{set_card}" in {ctx.declared_in()}', (card_edit,))
    fixes: tuple[Fix, ...]
    if many:
        speller = ctx.new_speller()
        text = f"{speller.typing_list()}[{annotation.text}]"
        fixes = (
            Fix(
                f"Change the annotation to {text}",
                (TextEdit(ctx.script, annotation.span, text), *speller.import_edits()),
                preferred=True,
            ),
            card_fix,
        )
        message = (
            f"Binding '{param.name}' ({binding_type}) has cardinality \"many\": the worker "
            f"passes a list, but '{param.name}' is annotated '{annotation.text}' (fails when "
            f"the function runs: 'list' object has no attribute ...). Use {text}."
        )
    else:
        fixes = (replace(card_fix, preferred=True),)
        message = (
            f"'{param.name}' is annotated '{annotation.text}' (a list), but binding "
            f"'{param.name}' ({binding_type}) has cardinality \"one\""
            f"{'' if prop is not None else ' (the default)'}: the worker passes one item."
        )
    ctx.add_both(
        CARDINALITY,
        message,
        script=(annotation.span, annotation.text),
        json=(json_span, "cardinality"),
        fixes=fixes,
    )


def _is_list_type(pytype: Any) -> bool:
    origin = typing.get_origin(pytype)
    return (
        isinstance(origin, type)
        and issubclass(origin, collections.abc.Iterable)
        and origin not in (str, bytes)
    )
