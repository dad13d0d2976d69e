"""Validating each binding against its own definition, chosen in Python, gives exactly the errors
of jsonschema's own if/then dispatch: on every function.json and host.json of the corpus, and on
generated bindings (any type, odd values, non-objects)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from funcls.core import schemas

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _errors(errors: Iterable[Any]) -> set[tuple[object, ...]]:
    # a set: a non-object binding fails `type: object` once per definition under jsonschema's
    # dispatch (its `if` holds vacuously), once here; funcls reports one problem per place
    return {(e.message, e.validator, tuple(map(str, e.absolute_path))) for e in errors}


def _both(kind: str, instance: Any) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    plain = Draft7Validator(schemas.load_schema(kind))
    return _errors(schemas.iter_errors(kind, instance)), _errors(plain.iter_errors(instance))


@pytest.mark.parametrize("kind", ["function.json", "host.json"])
def test_the_corpus_validates_the_same(kind: str) -> None:
    files = sorted(CORPUS.rglob(kind))
    assert files
    for path in files:
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except ValueError:
            continue
        ours, plain = _both(kind, document)
        assert ours == plain, path


TYPES = sorted(schemas.binding_definitions())
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=6), st.sampled_from(TYPES)
)
BINDING = st.one_of(
    st.dictionaries(
        st.sampled_from(["type", "direction", "name", "path", "schedule", "authLevel", "x"]),
        st.one_of(SCALARS, st.sampled_from(TYPES), st.sampled_from(["in", "out", "inout"])),
        max_size=5,
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(TYPES + [t.upper() for t in TYPES[:5]])},
        optional={"direction": st.sampled_from(["in", "out"]), "name": st.text(max_size=4)},
    ),
    SCALARS,
    st.lists(SCALARS, max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(bindings=st.lists(BINDING, max_size=3))
def test_generated_bindings_validate_the_same(bindings: list[Any]) -> None:
    ours, plain = _both("function.json", {"bindings": bindings})
    assert ours == plain


def test_navigation_and_validation_choose_the_same_definition() -> None:
    binding = {"type": "queueTrigger", "direction": "in", "name": "msg"}
    nodes = schemas.nodes_at("function.json", {"bindings": [binding]}, ["bindings", 0])
    pointers = {n.pointer for n in nodes}
    assert schemas.definition_pointer(binding) == "#/definitions/queueTrigger"
    assert "#/definitions/queueTrigger" in pointers
    assert not any(p.startswith("#/definitions/binding/allOf") for p in pointers)
    assert schemas.definition_pointer({"type": "QueueTrigger"}) is None
    assert schemas.definition_pointer("queueTrigger") is None
