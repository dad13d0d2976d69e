"""Apps that install extensions with extensions.csproj instead of an extension bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funcls.core.knowledge.extensions_project import lowest_version, parse_references
from semantics.helpers import function_json, make_app, only, problems, text_under

NO_BUNDLE_HOST = json.dumps({"version": "2.0"})
BUNDLE = {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)"}
DURABLE = "Microsoft.Azure.WebJobs.Extensions.DurableTask"
ORCHESTRATOR = function_json({"type": "orchestrationTrigger", "direction": "in", "name": "context"})
EVENTS = function_json(
    {"type": "eventHubTrigger", "direction": "in", "name": "event", "eventHubName": "hub"}
)


def _csproj(*references: str) -> str:
    items = "\n".join(f"    {r}" for r in references)
    return (
        '<Project Sdk="Microsoft.NET.Sdk">\n'
        "  <PropertyGroup>\n    <TargetFramework>netstandard2.0</TargetFramework>\n"
        f"  </PropertyGroup>\n  <ItemGroup>\n{items}\n  </ItemGroup>\n</Project>\n"
    )


def _ref(package: str, version: str) -> str:
    return f'<PackageReference Include="{package}" Version="{version}" />'


def _app(tmp_path: Path, csproj: str | None, function: str = ORCHESTRATOR, host: str = "") -> None:
    make_app(
        tmp_path,
        {
            "host.json": host or NO_BUNDLE_HOST,
            "extensions.csproj": csproj,
            "F/function.json": function,
            "F/__init__.py": "def main(context) -> None: ...\n",
        },
    )


def test_a_referenced_current_extension_provides_its_bindings(tmp_path: Path) -> None:
    _app(tmp_path, _csproj(_ref(DURABLE, "2.13.7")))
    assert problems(tmp_path, "FUNC120") == []
    assert problems(tmp_path, "FUNC410") == []
    info = only(problems(tmp_path, "FUNC404"))
    assert "extensions.csproj" in info.message and "only the built-in" not in info.message


def test_without_extensions_csproj_the_missing_bundle_is_still_blamed(tmp_path: Path) -> None:
    _app(tmp_path, None)
    assert "declares no extensionBundle" in only(problems(tmp_path, "FUNC120")).message


def test_a_binding_no_referenced_package_provides(tmp_path: Path) -> None:
    _app(tmp_path, _csproj(_ref(DURABLE, "2.13.7")), EVENTS)
    problem = only(problems(tmp_path, "FUNC120"))
    assert "extensions.csproj" in problem.message and "eventHubTrigger" in problem.message


def test_a_type_funcls_does_not_know_may_come_from_a_referenced_package(tmp_path: Path) -> None:
    custom = function_json({"type": "contosoWidget", "direction": "in", "name": "context"})
    _app(tmp_path, _csproj(_ref("Contoso.Extensions.Custom", "1.0.0")), custom)
    assert problems(tmp_path, "FUNC120") == []
    assert only(problems(tmp_path, "FUNC126")).severity.name == "WARNING"


@pytest.mark.parametrize("version", ["2.1.1", "[2.1.1, 3.0.0)", "[1.8.0]", "2.4.0-beta1"])
def test_an_extension_below_the_hosts_minimum_is_an_error(tmp_path: Path, version: str) -> None:
    _app(tmp_path, _csproj(_ref(DURABLE, version), _ref("Other.Package", "0.1.0")))
    problem = only(problems(tmp_path, "FUNC410"))
    assert problem.severity.name == "ERROR"
    assert text_under(problem) == version
    assert "2.4.1" in problem.message and DURABLE in problem.message
    assert problems(tmp_path, "FUNC120") == []  # the type is provided; the version is the fault


@pytest.mark.parametrize("version", ["2.4.1", "2.*", "(2.1.1, )", "", "$(DurableVersion)"])
def test_undecided_or_current_versions_are_not_reported(tmp_path: Path, version: str) -> None:
    _app(tmp_path, _csproj(_ref(DURABLE, version)))
    assert problems(tmp_path, "FUNC410") == []


def test_with_a_bundle_extensions_csproj_is_ignored(tmp_path: Path) -> None:
    host = json.dumps({"version": "2.0", "extensionBundle": BUNDLE})
    _app(tmp_path, _csproj(_ref(DURABLE, "1.0.0")), host=host)
    assert problems(tmp_path, "FUNC410") == []


def test_version_child_element_comments_and_single_quotes(tmp_path: Path) -> None:
    csproj = _csproj(
        "<!-- " + _ref("Microsoft.Azure.WebJobs.Extensions.Storage", "3.0.0") + " -->",
        f"<PackageReference Include='{DURABLE}'>\n      <Version>2.0.0</Version>\n"
        "    </PackageReference>",
    )
    _app(tmp_path, csproj)
    assert text_under(only(problems(tmp_path, "FUNC410"))) == "2.0.0"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not xml at all <<<",
        '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Project>&b;</Project>',
        "<PackageReference Include=",
        "<!-- unterminated " + _ref(DURABLE, "1.0.0"),
        "<PackageReference" * 2000,
    ],
)
def test_bad_project_text_never_fails(tmp_path: Path, text: str) -> None:
    _app(tmp_path, text)
    assert problems(tmp_path, "FUNC410") == []
    parse_references(text)


def test_lowest_version() -> None:
    assert lowest_version("2.1.1") == (2, 1, 1, 0)
    assert lowest_version("[2.1.1, )") == (2, 1, 1, 0)
    assert lowest_version("3") == (3, 0, 0, 0)
    assert lowest_version("2.*") is None
    assert lowest_version("(2.1.1, 3.0.0)") is None
