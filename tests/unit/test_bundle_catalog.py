"""The bundle facts (schemas/extension-bundles.json, derived from the bundles' extensions.json) and
the schema's x-bundle agree, and every type a bundle lists is known to funcls."""

from __future__ import annotations

import json
import re

from funcls.core import schemas
from funcls.core.knowledge import binding_types, bundle_catalog

MAIN = "Microsoft.Azure.Functions.ExtensionBundle"


def test_every_bundle_cites_its_source() -> None:
    with open(f"{schemas.schema_dir()}/extension-bundles.json", encoding="utf-8") as handle:
        data = json.load(handle)
    seen = {(b["id"], b["major"]) for b in data["bundles"]}
    assert {(MAIN, 1), (MAIN, 2), (MAIN, 3), (MAIN, 4), (f"{MAIN}.Preview", 4)} <= seen
    for bundle in data["bundles"]:
        source = bundle["source"]
        assert source["repo"] == "Azure/azure-functions-extension-bundles"
        assert len(source["commit"]) == 40 and source["path"].endswith("extensions.json")


def test_schema_x_bundle_is_the_derived_availability() -> None:
    for name, definition in schemas.binding_definitions().items():
        if "x-bundle" not in definition:
            continue
        known = binding_types.exact(name)
        assert known is not None
        expected = {"ids": list(known.bundle_ids)}
        if known.min_major is not None:
            expected["minMajor"] = known.min_major
        assert definition["x-bundle"] == expected, name


def test_every_listed_type_is_known() -> None:
    known = {t.name.lower() for t in binding_types.all_types()}
    for definition in schemas.binding_definitions().values():
        known |= {a.lower() for a in definition.get("x-aliases") or []}
    assert bundle_catalog.listed_types() <= known


def test_facts_the_data_corrected() -> None:
    table = binding_types.exact("table")
    assert table is not None and f"{MAIN}.Preview" not in table.bundle_ids
    web = binding_types.exact("webPubSub")
    assert web is not None and web.min_major == 3
    queue = binding_types.exact("queue")
    assert queue is not None and f"{MAIN}.Experimental" in queue.bundle_ids
    assert bundle_catalog.host_minimum_versions() == {MAIN.lower(): "2.6.1"}


def test_property_facts_from_runtime_code_cite_their_source() -> None:
    for name, definition in schemas.binding_definitions().items():
        for key, prop in definition.get("properties", {}).items():
            where = f"{name}.{key}"
            if "x-resolvedBy" in prop:
                assert re.search(r"Azure/\S+ \S+ @[0-9a-f]{12}", prop["x-resolvedBy"]), where
                assert prop.get("x-bindingExpressions") or prop.get("x-settingExpressions"), where
            era = prop.get("x-renamedIn")
            if era is not None:
                assert prop.get("x-renamedTo"), where
                assert re.search(r"Azure/\S+ \S+ @[0-9a-f]{12}", era["source"]), where
                effects = {"indexing", "invocation", "ignored"}
                assert era["whenOldAlone"] in effects, where
                assert era.get("whenNewAlone", "ignored") in effects, where
