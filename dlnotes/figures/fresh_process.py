"""Draw figures with the code on disk, even from a process that has run for a while.

A long-lived process (``mkdocs serve``) holds the figure code it imported when it started.
Drawing with that code after the sources changed would file an old drawing under the new
code's key, and every later build would ship it. So `draw` draws in this process
only while the package on disk is still the one it imported, and otherwise asks a new
process (`render_in_fresh_process`): the files the cache key hashes
(`dlnotes.figures.render.package_files`) are copied into a temporary folder, and
``python -m dlnotes.figures`` runs there, importing dlnotes from that copy. Nothing edits
the copy, so the key the new process takes from its files is, by construction, the key of
the code that draws.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dlnotes._project import PACKAGE_DIR
from dlnotes.figures import registry
from dlnotes.figures.render import FigureError, FigureRenderer, image_files, package_digest, package_files


@dataclass(frozen=True)
class Drawn:
    """Figures drawn, with the registry as the code that drew them sees it."""

    package: str  # the package digest of the code that drew them
    figures: dict[str, tuple[str, str]]  # every registered figure: name -> (alt text, caption)
    images: dict[str, bytes]  # "<name>-<theme>.svg" and "<name>-light.png" -> bytes, for the figures asked for
    rendered: int
    cached: int
    fresh: bool = False  # drawn in a fresh process


def render_in_fresh_process(
    names: Iterable[str], cache_dir: Path, modules: Iterable[str] = (), package_dir: Path = PACKAGE_DIR
) -> Drawn:
    """Draw both variants of each named figure in a new process, through the cache in ``cache_dir``.

    ``modules`` are imported there first, for figures registered by modules of their own;
    those outside dlnotes are imported from where they are (the key hashes their file).
    Raises `dlnotes.figures.render.FigureError` naming the figure at fault, if one is.
    """
    with tempfile.TemporaryDirectory(prefix="dlnotes-figures-") as temporary:
        root = Path(temporary).resolve()
        copy = root / "dlnotes"
        for path in package_files(package_dir):
            target = copy / path.relative_to(package_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        report_file, outdir = root / "report.json", root / "svg"
        command = [
            sys.executable,
            "-m",
            "dlnotes.figures",
            str(outdir),
            "--cache-dir",
            str(Path(cache_dir).resolve()),
            "--report",
            str(report_file),
            *(f"--figure={name}" for name in names),
            *(f"--module={module}" for module in modules),
        ]
        # The copy comes first on sys.path twice over: as the working folder of `-m`, and on PYTHONPATH.
        pythonpath = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
        done = subprocess.run(
            command,
            cwd=root,
            env={**os.environ, "PYTHONPATH": pythonpath, "MPLBACKEND": "Agg"},
            capture_output=True,
            text=True,
        )
        if not report_file.is_file():
            raise FigureError(f"python -m dlnotes.figures exited with {done.returncode}: {done.stderr.strip()}")
        report = json.loads(report_file.read_text(encoding="utf-8"))
        if Path(report["package"]) != copy:
            raise FigureError(f"the fresh process imported dlnotes from {report['package']}, not from {copy}")
        if report["error"] is not None:
            raise FigureError(report["error"]["message"], report["error"]["figure"])
        return Drawn(
            package=report["digest"],
            figures={name: (entry["alt"], entry["caption"]) for name, entry in report["figures"].items()},
            images={image.name: image.read_bytes() for image in sorted(outdir.iterdir())},
            rendered=report["rendered"],
            cached=report["cached"],
            fresh=True,
        )


def module_files(modules: Iterable[str]) -> list[Path]:
    """The files of figure modules that lie outside the package."""
    files = []
    for module in modules:
        spec = importlib.util.find_spec(module)
        origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
        if origin is not None and origin.is_file() and not origin.is_relative_to(PACKAGE_DIR):
            files.append(origin)
    return files


def watched(modules: Iterable[str] = ()) -> list[Path]:
    """What a live server must watch for the figures and docstrings: the package, and figure modules outside it."""
    return [PACKAGE_DIR, *module_files(modules)]


def code_on_disk(modules: Sequence[str] = ()) -> tuple[str, str]:
    """The package digest, and a digest of the figure modules outside the package, as they are on disk now."""
    outside = hashlib.sha256()
    for path in module_files(modules):
        outside.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return package_digest(), outside.hexdigest()


# What this process imported to draw with: (figure modules, code_on_disk() when it imported them), or
# (modules, None) if the code changed while it was being imported.
_imported: tuple[tuple[str, ...], tuple[str, str] | None] | None = None
# The last figures drawn in a fresh process, to reuse while the code on disk stays the same.
_last_fresh: tuple[tuple[str, str], Drawn] | None = None


def _code_imported_here(modules: tuple[str, ...]) -> tuple[str, str] | None:
    global _imported
    if _imported is None:
        before = code_on_disk(modules)
        registry.load_all()
        for module in modules:
            importlib.import_module(module)
        _imported = (modules, before if code_on_disk(modules) == before else None)
    return _imported[1] if _imported[0] == modules else None


def draw(names: Sequence[str], cache_dir: Path, modules: Sequence[str] = ()) -> Drawn:
    """Both variants of each named figure, drawn by the code on disk, through the cache in ``cache_dir``.

    The first call imports the figure code into this process. Later calls draw here while
    the code on disk is still that code, and in a fresh process once it has changed.
    Raises `dlnotes.figures.render.FigureError` naming the figure at fault.
    """
    global _last_fresh
    modules = tuple(modules)
    on_disk = code_on_disk(modules)
    if _code_imported_here(modules) == on_disk:
        for name in names:  # every name is checked before anything is drawn
            try:
                registry.get(name)
            except registry.UnknownFigureError as error:
                raise FigureError(str(error), name) from None
        renderer = FigureRenderer(cache_dir=cache_dir, package=on_disk[0])
        images = renderer.render(names)
        figures = {name: (spec.alt, spec.caption) for name, spec in registry.REGISTRY.items()}
        return Drawn(on_disk[0], figures, images, renderer.rendered, renderer.cached)
    if not names:
        return Drawn(on_disk[0], {}, {}, 0, 0, fresh=True)
    if _last_fresh is not None and _last_fresh[0] == on_disk:
        last = _last_fresh[1]
        wanted = {file for name in names for file, _, _ in image_files(name)}
        if wanted <= set(last.images):  # the code is as the last fresh process drew it: a prose edit, say
            images = {file: last.images[file] for file in sorted(wanted)}
            return Drawn(last.package, last.figures, images, 0, len(images), fresh=True)
    drawn = render_in_fresh_process(names, cache_dir, modules)
    _last_fresh = ((drawn.package, on_disk[1]), drawn)
    return drawn
