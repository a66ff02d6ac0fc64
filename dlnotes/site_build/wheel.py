"""Build the wheel of dlnotes that the site ships, the same bytes every time, through a cache.

The notebooks made from the question pages install dlnotes from the site itself when the
Python they run in lacks it (see `dlnotes.site_build.notebooks`), so the build puts a
wheel at a stable address, ``assets/wheels/dlnotes-<version>-py3-none-any.whl``.

`build_wheel` copies the files a wheel is made of (`source_files`: the
package, ``pyproject.toml``, the README that becomes its description, the licence) into a
temporary folder, every one with mode 0644, and calls setuptools' PEP 517 hook there in a
new process, with no build isolation and so no network. The checkout is never written
to (no ``build/`` or ``*.egg-info`` left behind). Every date in the zip is
:data:`WHEEL_EPOCH`, whatever ``SOURCE_DATE_EPOCH`` the build runs with, so two builds of
the same sources give the same bytes on any day and after any commit.

The cache key hashes the names and bytes of `source_files`, the setuptools and
Python versions and :data:`RECIPE`: editing prose rebuilds nothing, editing the package
rebuilds the wheel (about a second).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: 1980-01-01 00:00:00 UTC, the earliest date a zip file can hold: the date of every file in the wheel.
WHEEL_EPOCH = 315532800
#: Bump to rebuild every cached wheel after a change to how this module builds one.
RECIPE = "1"
PACKAGE = "dlnotes"
#: Files beside the package that go into the wheel: its metadata, description and licence.
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")
WHEELS_DIR = "assets/wheels"
_BUILD = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"


class WheelError(RuntimeError):
    """The wheel could not be built."""


def source_files(root: Path) -> list[Path]:
    """What the wheel is built from: the project files of ``root`` and every file of its package (no bytecode, nothing hidden)."""
    files = [root / name for name in PROJECT_FILES if (root / name).is_file()]
    package = root / PACKAGE
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if "__pycache__" in parts or any(part.startswith(".") or part.endswith(".egg-info") for part in parts):
            continue
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            files.append(path)
    return files


def wheel_key(root: Path) -> str:
    """The cache key of the wheel built from ``root``: its sources, setuptools, Python and this recipe."""
    digest = hashlib.sha256()
    versions = [
        RECIPE,
        str(WHEEL_EPOCH),
        importlib.metadata.version("setuptools"),
        f"{sys.version_info[0]}.{sys.version_info[1]}",
    ]
    chunks = [part.encode() for part in versions]
    for path in source_files(root):
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
        for path in source_files(root):
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
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
