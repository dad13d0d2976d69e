"""The wheel as users install it: it carries the JSON schemas, and an installed copy loads them.

Builds the wheel with `pip wheel` (the build backend comes from the package index or pip's cache),
installs it into a scratch folder and imports funcls from there, away from the repository's
`schemas/` folder. `tests/editors/install_check.sh` covers pipx and uv installs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "editors" / "fixtures" / "app"
SCHEMAS = ("function.json.schema.json", "host.json.schema.json", "local.settings.json.schema.json")


def project_version() -> str:
    text = (REPO / "server" / "funcls" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    assert match, "no __version__ in server/funcls/__init__.py"
    return match.group(1)


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(REPO), cwd=out
    )
    if result.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{result.stdout}\n{result.stderr}")
    wheels = sorted(out.glob("funcls-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed (without its dependencies, which the test environment has) into a folder."""
    target = tmp_path_factory.mktemp("site")
    result = run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        "--target",
        str(target),
        str(wheel),
        cwd=target,
    )
    if result.returncode != 0:
        pytest.fail(f"pip install --target failed:\n{result.stdout}\n{result.stderr}")
    return target


def installed_env(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(target)  # ahead of the editable install's path entry
    env.pop("PYTHONHOME", None)
    return env


def test_wheel_is_named_with_the_project_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"funcls-{project_version()}-")


def test_wheel_carries_the_three_schemas(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for schema in SCHEMAS:
            assert f"funcls/schemas/{schema}" in names
            assert (
                archive.read(f"funcls/schemas/{schema}") == (REPO / "schemas" / schema).read_bytes()
            )


def test_installed_copy_loads_its_own_schemas(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import json, funcls, funcls.core.schemas as s\n"
        "kinds = sorted(s.SCHEMA_FILES)\n"
        "loaded = [k for k in kinds if s.validator(k).schema]\n"
        "print(json.dumps({'module': funcls.__file__, 'schemas': s._schema_dir(), 'loaded': loaded,\n"
        "                  'bindings': len(s.binding_types())}))\n"
    )
    result = run(sys.executable, "-c", probe, cwd=tmp_path, env=installed_env(installed))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert Path(report["module"]).is_relative_to(installed)
    assert Path(report["schemas"]).is_relative_to(installed)
    assert report["loaded"] == ["function.json", "host.json", "local.settings.json"]
    assert report["bindings"] > 10


def test_installed_copy_checks_the_example_app(installed: Path, tmp_path: Path) -> None:
    env = installed_env(installed)
    version = run(sys.executable, "-m", "funcls", "--version", cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"funcls {project_version()}", version.stderr
    check = run(sys.executable, "-m", "funcls", "check", str(FIXTURE), cwd=tmp_path, env=env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "FUNC010" in check.stdout and "nobody" in check.stdout


def _pinned(lock_text: str) -> dict[str, list[str]]:
    """Normalised name -> the versions a `uv pip compile` lock pins (one per environment fork)."""
    pins: dict[str, list[str]] = {}
    for line in lock_text.splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", line)
        if match:
            pins.setdefault(canonicalize_name(match[1]), []).append(match[2])
    return pins


def test_vscode_bundle_lock_pins_every_dependency_within_pyproject_ranges() -> None:
    """The VS Code extension carries the wheels pinned in client-vscode/bundled/requirements.txt:
    each runtime dependency of pyproject.toml is pinned there, every pin within its range."""
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = (REPO / "client-vscode" / "bundled" / "requirements.txt").read_text(encoding="utf-8")
    pins = _pinned(lock)
    assert "--hash=sha256:" in lock, (
        "the lock must carry hashes (the bundle installs --require-hashes)"
    )
    for text in project["dependencies"]:
        requirement = Requirement(text)
        versions = pins.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is not pinned in the bundle's lock"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{requirement.name}=={version} is outside {requirement.specifier}: "
                "run node client-vscode/scripts/bundle.mjs --lock"
            )


LAUNCHER = REPO / "client-vscode" / "bundled" / "tool" / "server.py"


def _fake_bundle(root: Path, tags: list[str]) -> Path:
    """A bundle layout with the real launcher and a stand-in funcls that reports its sys.path."""
    (root / "tool").mkdir(parents=True)
    (root / "tool" / "server.py").write_bytes(LAUNCHER.read_bytes())
    common = root / "libs" / "common" / "funcls"
    common.mkdir(parents=True)
    (common / "__init__.py").write_text("")
    (common / "cli.py").write_text(
        "import json, sys\n"
        "def main():\n"
        "    print(json.dumps({'path': sys.path[:2], 'argv': sys.argv[1:]}))\n"
        "    return 0\n"
    )
    for tag in tags:
        (root / "libs" / tag).mkdir(parents=True)
    return root / "tool" / "server.py"


def test_vscode_bundle_launcher_puts_this_pythons_libraries_first(tmp_path: Path) -> None:
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    launcher = _fake_bundle(tmp_path / "bundled", ["cp39", tag])
    result = run(sys.executable, "-I", str(launcher), "--stdio", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    libs = tmp_path / "bundled" / "libs"
    assert report == {"path": [str(libs / tag), str(libs / "common")], "argv": ["--stdio"]}


def test_vscode_bundle_launcher_refuses_a_python_it_has_no_libraries_for(tmp_path: Path) -> None:
    launcher = _fake_bundle(tmp_path / "bundled", ["cp39", "cp399"])
    result = run(sys.executable, "-I", str(launcher), "--stdio", cwd=tmp_path)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert result.returncode == 3
    assert result.stdout == ""  # nothing on the protocol stream
    assert f"has no libraries for Python {version} (it carries 3.9, 3.99)" in result.stderr
