"""The Python environment an app is analysed with, and what it can import.

The interpreter is `Settings.python_path` when given, else a `.venv` next to host.json, else the
server's own. jedi learns that interpreter's `sys.path` by running it (the environment's own
python, never the user's modules). Packages published with the app under
`.python_packages/lib/site-packages` count as importable too.

`user_interpreter` tells the version of the user's interpreter (configured, or the app's `.venv`
read from its pyvenv.cfg) for the Core Tools version check, again without running a workspace
interpreter.

Whether a module is importable is decided from the file system (packages, modules, extension
modules, namespace portions along `sys.path`), never by importing it. Distribution names from
requirements.txt map to import names through the installed metadata (RECORD/top_level.txt, read
as files), with a small table of well-known mismatches for packages not installed locally.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import re
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

PYTHON_PACKAGES = os.path.join(".python_packages", "lib", "site-packages")
_EXTENSION_SUFFIXES = (".so", ".pyd")

# Distribution name (normalised) -> import names, for packages that are not installed locally.
WELL_KNOWN_IMPORTS: dict[str, tuple[str, ...]] = {
    "azure-functions": ("azure.functions",),
    "azure-functions-durable": ("azure.durable_functions",),
    "pyyaml": ("yaml",),
    "beautifulsoup4": ("bs4",),
    "python-dateutil": ("dateutil",),
    "pillow": ("PIL",),
    "scikit-learn": ("sklearn",),
    "opencv-python": ("cv2",),
    "opencv-python-headless": ("cv2",),
    "python-dotenv": ("dotenv",),
    "pyjwt": ("jwt",),
    "psycopg2-binary": ("psycopg2",),
    "psycopg-binary": ("psycopg",),
    "pymysql": ("pymysql",),
    "mysql-connector-python": ("mysql.connector", "mysql"),
    "protobuf": ("google.protobuf",),
    "attrs": ("attr", "attrs"),
    "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",),
    "pyopenssl": ("OpenSSL",),
    "msal": ("msal",),
    "typing-extensions": ("typing_extensions",),
    "setuptools": ("setuptools", "pkg_resources"),
    "google-api-python-client": ("googleapiclient",),
    "python-multipart": ("multipart",),
    "pywin32": ("win32api", "win32con", "pywintypes"),
    "azure-functions-worker": ("azure_functions_worker",),
    "applicationinsights": ("applicationinsights",),
    "opencensus-ext-azure": ("opencensus.ext.azure",),
    "azure-monitor-opentelemetry": ("azure.monitor.opentelemetry",),
    "pymongo": ("pymongo", "bson", "gridfs"),
    "python-jose": ("jose",),
    "ruamel.yaml": ("ruamel.yaml",),
    "dnspython": ("dns",),
    "pyodbc": ("pyodbc",),
}

# Modules the platform provides to every function whatever requirements.txt says.
PLATFORM_MODULES = ("azure.functions",)


def normalize_distribution(name: str) -> str:
    """PEP 503 normalisation of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def guessed_imports(distribution: str) -> tuple[str, ...]:
    """Import names a distribution that is not installed probably provides."""
    key = normalize_distribution(distribution)
    if key in WELL_KNOWN_IMPORTS:
        return WELL_KNOWN_IMPORTS[key]
    guesses = {key.replace("-", "_")}
    if "-" in key:
        guesses.add(key.replace("-", "."))  # namespace style: azure-storage-blob
    return tuple(sorted(guesses))


@dataclass
class PythonEnvironment:
    """One interpreter: where it is, its version, its `sys.path` and what it provides."""

    executable: str
    version: tuple[int, int]
    sys_path: tuple[str, ...]
    is_server: bool
    known: bool = True  # False when the interpreter could not be asked (fallback)
    # The interpreter jedi may run to learn sys.path; for a `.venv` found in the workspace (not
    # configured by the user) it is the server's own: nothing from the workspace is executed.
    jedi_executable: str | None = None
    _provided: dict[str, tuple[str, ...]] | None = field(default=None, repr=False)
    _jedi: Any = field(default=None, repr=False)

    def site_dirs(self) -> list[str]:
        """Entries of sys.path that hold installed distributions."""
        return [
            p for p in self.sys_path if os.path.basename(p) in ("site-packages", "dist-packages")
        ]

    def provided_imports(self) -> dict[str, tuple[str, ...]]:
        """Installed distribution (normalised) -> the import names it provides."""
        if self._provided is None:
            self._provided = _installed_imports(self)
        return self._provided

    def jedi_environment(self) -> Any:
        """jedi's environment for this interpreter (created once), or None."""
        if self._jedi is None:
            try:
                import jedi

                self._jedi = jedi.create_environment(
                    self.jedi_executable or self.executable, safe=False
                )
            except Exception:
                log.info("jedi cannot use %s", self.executable, exc_info=True)
                self._jedi = False
        return self._jedi or None


_lock = threading.Lock()
_environments: dict[str, PythonEnvironment] = {}


def choose_interpreter(python_path: str | None, app_root: str | None) -> str:
    """The interpreter to analyse an app with: the setting, the app's `.venv`, else ours."""
    if python_path:
        return python_path
    if app_root:
        for candidate in (
            os.path.join(app_root, ".venv", "bin", "python"),
            os.path.join(app_root, ".venv", "Scripts", "python.exe"),
        ):
            if os.path.isfile(candidate):
                return candidate
    return sys.executable


def environment(python_path: str | None, app_root: str | None) -> PythonEnvironment:
    """The analysed environment of an app (created once per interpreter).

    An interpreter the user configured is asked for its sys.path (jedi runs it). A `.venv` found
    in the workspace is never run — a repository could ship anything as `.venv/bin/python` — so
    its site-packages are found on disk instead.
    """
    executable = choose_interpreter(python_path, app_root)
    with _lock:
        found = _environments.get(executable)
        if found is not None:
            return found
    if python_path or _same_interpreter(executable, sys.executable):
        env = _create(executable)
    else:
        env = _static_venv(executable)
    with _lock:
        _environments.setdefault(executable, env)
        return _environments[executable]


def _server_environment(executable: str) -> PythonEnvironment:
    return PythonEnvironment(
        executable=executable,
        version=(sys.version_info.major, sys.version_info.minor),
        sys_path=tuple(p for p in sys.path if p),
        is_server=True,
    )


def _create(executable: str) -> PythonEnvironment:
    if _same_interpreter(executable, sys.executable):
        return _server_environment(executable)
    try:
        import jedi

        jedi_env = jedi.create_environment(executable, safe=False)
        version = (jedi_env.version_info.major, jedi_env.version_info.minor)
        paths = tuple(
            p for p in jedi_env.get_sys_path() if p and "jedi" not in p.split(os.sep)[-5:]
        )
        env = PythonEnvironment(executable, version, paths, is_server=False)
        env._jedi = jedi_env
        return env
    except Exception:
        log.warning("cannot use the interpreter %s; analysing with the server's", executable)
        fallback = _server_environment(sys.executable)
        fallback.known = False
        return fallback


def _static_venv(executable: str) -> PythonEnvironment:
    """A workspace virtual environment read from disk: the server's standard library plus the
    venv's site-packages, and the version from pyvenv.cfg."""
    import glob

    venv = _venv_of(executable)
    sites = sorted(glob.glob(os.path.join(venv, "lib", "python3*", "site-packages")))
    sites += [p for p in [os.path.join(venv, "Lib", "site-packages")] if os.path.isdir(p)]
    version = venv_version(venv) or (sys.version_info.major, sys.version_info.minor)
    stdlib = tuple(
        p for p in sys.path if p and os.path.basename(p) not in ("site-packages", "dist-packages")
    )
    return PythonEnvironment(
        executable=executable,
        version=version,
        sys_path=(*stdlib, *sites),
        is_server=False,
        jedi_executable=sys.executable,
    )


def _venv_of(executable: str) -> str:
    """The virtual environment folder of its `bin/python` or `Scripts/python.exe`."""
    return os.path.dirname(os.path.dirname(os.path.abspath(executable)))


def venv_version(venv: str) -> tuple[int, int] | None:
    """(major, minor) from a virtual environment's pyvenv.cfg (`version` as venv writes it,
    `version_info` as virtualenv and uv do); None when the file does not say."""
    try:
        with open(os.path.join(venv, "pyvenv.cfg"), encoding="utf-8") as handle:
            for line in handle:
                key, _, value = line.partition("=")
                if key.strip() in ("version", "version_info"):
                    parts = value.strip().split(".")
                    return int(parts[0]), int(parts[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass(frozen=True)
class UserInterpreter:
    """The version of the user's interpreter an app is analysed with, and where it was found.

    `origin` is "configured" (pythonPath or `--python`: the interpreter was asked, as for the
    analysis) or "venv" (the app's `.venv`, read from its pyvenv.cfg, never run); `source` is
    the interpreter's path or the pyvenv.cfg's.
    """

    version: tuple[int, int]
    origin: str
    source: str


def user_interpreter(python_path: str | None, app_root: str | None) -> UserInterpreter | None:
    """The version of the interpreter chosen for an app when it is the user's and known: None
    when the analysis falls back to the server's own interpreter (which says nothing about the
    user's), or when the version cannot be told without running a workspace interpreter."""
    if python_path:
        env = environment(python_path, app_root)
        return UserInterpreter(env.version, "configured", python_path) if env.known else None
    executable = choose_interpreter(None, app_root)
    if executable == sys.executable:
        return None
    venv = _venv_of(executable)
    version = venv_version(venv)
    if version is None:
        return None
    return UserInterpreter(version, "venv", os.path.join(venv, "pyvenv.cfg"))


def _same_interpreter(a: str, b: str) -> bool:
    try:
        return (
            os.path.abspath(a) == os.path.abspath(b)
            or os.path.samefile(a, b)
            and (os.path.dirname(os.path.abspath(a)) == os.path.dirname(os.path.abspath(b)))
        )
    except OSError:
        return False


# -- module lookup on the file system -----------------------------------------------------------
_listing_lock = threading.Lock()


@dataclass(frozen=True)
class _Listing:
    """A folder's entry names, and the module names its extension modules (`name.*.so`) give."""

    names: frozenset[str]
    extension_modules: frozenset[str]


_EMPTY_LISTING = _Listing(frozenset(), frozenset())
_listings: dict[str, tuple[int, _Listing]] = {}


def _listing(folder: str) -> _Listing:
    """Names in a folder, cached until its mtime changes."""
    try:
        stamp = os.stat(folder).st_mtime_ns
    except OSError:
        return _EMPTY_LISTING
    with _listing_lock:
        cached = _listings.get(folder)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    try:
        names = frozenset(os.listdir(folder))
    except OSError:
        names = frozenset()
    # Indexed once per listing: scanning every entry for `name.` on each lookup made one
    # lookup in an app root of 5,000 function folders cost 0.2 ms, and `funcls check` of such
    # an app quadratic.
    extensions = frozenset(
        entry.split(".", 1)[0]
        for entry in names
        if "." in entry and entry.endswith(_EXTENSION_SUFFIXES)
    )
    listing = _Listing(names, extensions)
    with _listing_lock:
        _listings[folder] = (stamp, listing)
    return listing


def _module_in(folder: str, name: str) -> str | None:
    """How `name` exists in `folder`: `package`, `module`, `namespace` or None."""
    listing = _listing(folder)
    if name in listing.names:
        inner = _listing(os.path.join(folder, name)).names
        if "__init__.py" in inner or "__init__.pyi" in inner:
            return "package"
        if inner or os.path.isdir(os.path.join(folder, name)):
            return "namespace"
    if f"{name}.py" in listing.names or name in listing.extension_modules:
        return "module"
    return None


def find_module(dotted: str, paths: Iterable[str]) -> bool:
    """True when `dotted` is importable from `paths` as far as files tell: the first regular
    package or module found ends the search (its submodules may be attributes)."""
    portions = [p for p in paths if p]
    for part in dotted.split("."):
        if not part:
            return False
        next_portions: list[str] = []
        for folder in portions:
            kind = _module_in(folder, part)
            if kind in ("package", "module"):
                return True
            if kind == "namespace":
                next_portions.append(os.path.join(folder, part))
        if not next_portions:
            return False
        portions = next_portions
    return True


def is_stdlib(dotted: str) -> bool:
    """A standard-library or built-in module (by its top-level name)."""
    top = dotted.split(".")[0]
    names: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    return top in names or top in sys.builtin_module_names or top == "__future__"


def _installed_imports(env: PythonEnvironment) -> dict[str, tuple[str, ...]]:
    """Distribution -> import names, read from metadata files (nothing is imported)."""
    result: dict[str, set[str]] = {}
    if env.is_server:
        try:
            for module, dist_names in importlib.metadata.packages_distributions().items():
                for dist_name in dist_names:
                    result.setdefault(normalize_distribution(dist_name), set()).add(module)
        except Exception:
            log.debug("packages_distributions failed", exc_info=True)
    try:
        distributions = list(importlib.metadata.distributions(path=list(env.site_dirs())))
    except Exception:
        distributions = []
    for dist in distributions:
        try:
            name = dist.metadata["Name"]
        except Exception:
            continue
        if not name:
            continue
        found: set[str] = result.setdefault(normalize_distribution(name), set())
        found.update(_dist_imports(dist))
    # A namespace parent (`azure`) next to its real package (`azure.functions`) provides nothing
    # by itself.
    return {
        k: tuple(sorted(n for n in v if not any(o.startswith(n + ".") for o in v)))
        for k, v in result.items()
    }


def _dist_imports(dist: importlib.metadata.Distribution) -> set[str]:
    """Dotted import names of a distribution: the first regular package (or module) of each
    path in its RECORD, so namespace packages such as `azure` give `azure.storage.blob`."""
    found: set[str] = set()
    try:
        files = dist.files or []
    except Exception:
        files = []
    paths = {str(f).replace("\\", "/") for f in files}
    for path in paths:
        if ".dist-info/" in path or ".egg-info/" in path or path.startswith(("..", "/")):
            continue
        parts = path.split("/")
        leaf = parts[-1]
        if not leaf.endswith((".py", *_EXTENSION_SUFFIXES)):
            continue
        for depth in range(1, len(parts)):
            if "/".join(parts[:depth]) + "/__init__.py" in paths:
                found.add(".".join(parts[:depth]))
                break
        else:
            stem = leaf.split(".")[0]
            found.add(".".join([*parts[:-1], stem]))
    if not found:
        try:
            top_level = dist.read_text("top_level.txt") or ""
        except Exception:
            top_level = ""
        found.update(line.strip() for line in top_level.splitlines() if line.strip())
    return {n for n in found if n and n.isascii() and not n.startswith("__")}


def app_paths(app_root: str) -> list[str]:
    """Folders the worker puts on sys.path for an app: its root and `.python_packages`."""
    return [app_root, os.path.join(app_root, PYTHON_PACKAGES)]


def jedi_project(app_root: str) -> Any:
    """A jedi Project for an app that never loads extension modules from the project."""
    import jedi

    extra = os.path.join(app_root, PYTHON_PACKAGES)
    added = [extra] if os.path.isdir(extra) else []
    return jedi.Project(app_root, load_unsafe_extensions=False, added_sys_path=added)
