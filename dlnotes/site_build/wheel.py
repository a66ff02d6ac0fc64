"""Build the wheel of dlnotes that readers install, the same bytes every time, through a cache.

The notebooks made from the question pages install dlnotes from the site itself when the
Python they run in lacks it (see `dlnotes.site_build.notebooks`), so the build puts a
wheel at a stable address, ``assets/wheels/dlnotes-<version>-py3-none-any.whl``.

That wheel holds what a reader runs and nothing of the site's build: the numerical core
(numpy only) and the figures' drawing code (`dlnotes.figures`, which needs the
``figures`` extra, matplotlib). `shipped_files` leaves out `dlnotes.site_build`, the
build's caches (``_project.py``, ``_files.py``, and the figure renderer and its command
line, which write into them). Its metadata is not the checkout's ``pyproject.toml``
(that one registers the MkDocs plugin and the Markdown extensions for the editable
install the site is built with) but `wheel_pyproject`, made from it: the same name,
version, description, licence and Python, ``dependencies`` (numpy), only the
``figures`` extra, the shipped packages listed one by one, and no entry points. So a
``%pip install`` on it never puts a MkDocs plugin into a student's environment, and
this recipe is the only one any published wheel of dlnotes is built with.

`build_wheel` writes those files into a temporary folder, every one with mode 0644, and
calls setuptools' PEP 517 hook there in a new process, with no build isolation and so
no network. The checkout is never written to (no ``build/`` or ``*.egg-info`` left
behind). Every date in the zip is :data:`WHEEL_EPOCH`, whatever ``SOURCE_DATE_EPOCH``
the build runs with, so two builds of the same sources give the same bytes on any day
and after any commit.

The cache key hashes the names and bytes of the shipped files, the generated
``pyproject.toml``, the setuptools and Python versions and :data:`RECIPE`: editing prose
or the site build rebuilds nothing, editing the core or the figures rebuilds the wheel
(about a second).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

#: 1980-01-01 00:00:00 UTC, the earliest date a zip file can hold: the date of every file in the wheel.
WHEEL_EPOCH = 315532800
#: Bump to rebuild every cached wheel after a change to how this module builds one.
RECIPE = "2"
PACKAGE = "dlnotes"
#: Files beside the package that go into the wheel: its description and licence (the metadata is generated).
PROJECT_FILES = ("README.md", "LICENSE")
#: Paths under the package that stay in the checkout: the site build and the build's caches.
BUILD_ONLY = (
    "site_build",
    "_project.py",
    "_files.py",
    "figures/render.py",
    "figures/fresh_process.py",
    "figures/__main__.py",
)
#: The only extra a reader's wheel offers.
EXTRAS = ("figures",)
WHEELS_DIR = "assets/wheels"
_BUILD = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"


class WheelError(RuntimeError):
    """The wheel could not be built."""


def shipped_files(root: Path) -> list[Path]:
    """What the wheel is built from: the project files of ``root`` and the package's files a reader runs.

    Every file of the package but bytecode, hidden files and `BUILD_ONLY`.
    """
    files = [root / name for name in PROJECT_FILES if (root / name).is_file()]
    package = root / PACKAGE
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        parts = relative.parts
        if "__pycache__" in parts or any(part.startswith(".") or part.endswith(".egg-info") for part in parts):
            continue
        if any(relative.as_posix() == left or relative.as_posix().startswith(f"{left}/") for left in BUILD_ONLY):
            continue
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            files.append(path)
    return files


def wheel_pyproject(root: Path) -> str:
    """The ``pyproject.toml`` the wheel is built with, made from ``root``'s: no entry points, only `EXTRAS`.

    Raises `WheelError` when ``root``'s ``pyproject.toml`` lacks a field the wheel needs.
    """
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    missing = [key for key in ("name", "version", "dependencies") if key not in project]
    if missing:
        raise WheelError(f"{root / 'pyproject.toml'} has no {', '.join(missing)} in [project]")
    package = root / PACKAGE
    packages = sorted(
        ".".join((PACKAGE, *init.parent.relative_to(package).parts))
        for init in shipped_files(root)
        if init.name == "__init__.py"
    )
    extras = project.get("optional-dependencies", {})
    lines = ["[build-system]", 'requires = ["setuptools"]', 'build-backend = "setuptools.build_meta"', "", "[project]"]
    for key in ("name", "version", "description", "readme", "requires-python", "license", "dependencies"):
        if key in project:
            lines.append(f"{key} = {json.dumps(project[key])}")
    lines += ["", "[project.optional-dependencies]"]
    lines += [f"{name} = {json.dumps(extras[name])}" for name in EXTRAS if name in extras]
    lines += ["", "[tool.setuptools]", f"packages = {json.dumps(packages)}", ""]
    return "\n".join(lines)


def wheel_key(root: Path) -> str:
    """The cache key of the wheel built from ``root``: its files, its metadata, setuptools, Python and this recipe."""
    digest = hashlib.sha256()
    versions = [
        RECIPE,
        str(WHEEL_EPOCH),
        importlib.metadata.version("setuptools"),
        f"{sys.version_info[0]}.{sys.version_info[1]}",
    ]
    chunks = [part.encode() for part in versions] + [wheel_pyproject(root).encode()]
    for path in shipped_files(root):
        chunks += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    for chunk in chunks:  # length-prefixed, so no two different lists of chunks hash alike
        digest.update(len(chunk).to_bytes(8, "big") + chunk)
    return digest.hexdigest()[:32]


def build_wheel(root: Path, cache_dir: Path) -> Path:
    """The wheel of the project in ``root``, from ``cache_dir`` when its sources are unchanged, else built there.

    Raises `WheelError` with setuptools' output when the build fails.
    """
    root = root.resolve()
    if not (root / "pyproject.toml").is_file() or not (root / PACKAGE / "__init__.py").is_file():
        raise WheelError(f"{root} is not a checkout of {PACKAGE} (no pyproject.toml and {PACKAGE}/ package)")
    key = wheel_key(root)
    cached = sorted((cache_dir / key).glob("*.whl")) if (cache_dir / key).is_dir() else []
    if len(cached) == 1:
        return cached[0]
    with tempfile.TemporaryDirectory(prefix="dlnotes-wheel-") as temporary:
        copy, out = Path(temporary) / "src", Path(temporary) / "out"
        copy.mkdir()
        (copy / "pyproject.toml").write_text(wheel_pyproject(root), encoding="utf-8")
        for path in shipped_files(root):
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        for target in copy.rglob("*"):
            if target.is_file():
                target.chmod(0o644)  # the zip records each file's mode: the same on every machine
        environment = {**os.environ, "SOURCE_DATE_EPOCH": str(WHEEL_EPOCH), "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(
            [sys.executable, "-c", _BUILD, str(out)], cwd=copy, env=environment, capture_output=True, text=True
        )
        built = sorted(out.glob("*.whl")) if out.is_dir() else []
        if done.returncode != 0 or len(built) != 1:
            raise WheelError(f"building the {PACKAGE} wheel failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        destination = cache_dir / key / built[0].name
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary_file = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
        shutil.copyfile(built[0], temporary_file)
        os.replace(temporary_file, destination)
    return destination
