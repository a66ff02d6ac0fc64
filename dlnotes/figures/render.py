"""Render registered figures to SVG (and a PNG for notebooks), deterministically, with a cache keyed by all a drawing can depend on.

The key of a figure hashes its name and theme, every file of the dlnotes package except
``dlnotes.site_build`` (so the numerical core, every figure module, the style and this
renderer), the figure's own module when it lives outside dlnotes, and the matplotlib and
numpy versions. It is complete by construction rather than clever: any edit to dlnotes
code re-renders every figure, while an edit to prose (``docs/``) or to the site-build glue
renders nothing.

The key is computed from the files on disk, and a drawing is made with the code this
process imported. The two agree in a process that has just imported that code
(``python -m dlnotes.figures``, ``mkdocs build``). A long-lived process whose sources
changed since (``mkdocs serve``) must not draw here: `dlnotes.figures.fresh_process` runs
this renderer in a new process, on a frozen copy of the package.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

from dlnotes._files import cache_lock, write_cache_file
from dlnotes._project import PACKAGE_DIR, cache_root
from dlnotes.figures import registry, style
from dlnotes.figures.registry import FigureSpec

RENDER_VERSION = "2"
MAX_BYTES = 150_000
#: The one part of the package a drawing never uses: the site-build glue (MkDocs, Markdown, KaTeX).
NOT_HASHED = "site_build"


class FigureError(RuntimeError):
    """A figure could not be drawn: its function raised or returned no Figure, or its name is unknown.

    ``figure`` names the figure at fault, when one is.
    """

    def __init__(self, message: str, figure: str | None = None) -> None:
        super().__init__(message)
        self.figure = figure


def package_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every file of the package a drawing can use: all but site_build, bytecode and hidden (editor) files."""
    files = []
    for path in sorted(package_dir.rglob("*")):
        parts = path.relative_to(package_dir).parts
        if parts[0] == NOT_HASHED or "__pycache__" in parts or any(part.startswith(".") for part in parts):
            continue
        if path.suffix not in (".pyc", ".pyo") and path.is_file():
            files.append(path)
    return files


def _digest(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:  # length-prefixed, so no two different lists of chunks hash alike
        digest.update(len(chunk).to_bytes(8, "big") + chunk)
    return digest.hexdigest()


def package_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the names and bytes of `package_files`, as they are on disk now."""
    chunks = []
    for path in package_files(package_dir):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue  # an editor's temporary file, gone since the listing
        chunks += [path.relative_to(package_dir).as_posix().encode(), data]
    return _digest(chunks)


def own_module_source(spec: FigureSpec) -> bytes:
    """The source of the module defining a figure when it lies outside the package (a site's or a test's), else b''."""
    module = sys.modules.get(spec.draw.__module__)
    file = getattr(module, "__file__", None)
    if file is None:
        return inspect.getsource(spec.draw).encode()
    path = Path(file).resolve()
    return b"" if path.is_relative_to(PACKAGE_DIR) else path.read_bytes()


def cache_key(spec: FigureSpec, theme: str, package: str | None = None) -> str:
    """The key of one figure in one theme; ``package`` is a `package_digest` already taken."""
    versions = [matplotlib.__version__, importlib.metadata.version("numpy")]
    package = package if package is not None else package_digest()
    chunks = [part.encode() for part in (RENDER_VERSION, spec.name, theme, *versions, package)]
    return _digest([*chunks, own_module_source(spec)])[:32]


# Notebooks carry each figure as a PNG of the light variant: JupyterLab and Notebook 7 refuse SVG
# attachments. 150 dpi keeps a figure of 6 to 7 inches sharp at 1000 pixels or so.
PNG_DPI = 150


def render_svg(spec: FigureSpec, theme: str) -> bytes:
    """Draw one figure in one theme, with the code this process imported, and return its SVG bytes."""
    return render_image(spec, theme, "svg")


def render_image(spec: FigureSpec, theme: str, fmt: str) -> bytes:
    """Draw one figure in one theme as ``fmt`` (``"svg"`` or ``"png"``), with the code this process imported."""
    from matplotlib.figure import Figure

    # As RcParams, which validates each setting and is the mapping rc_context's stubs accept.
    with matplotlib.rc_context(matplotlib.RcParams(style.rc_params(theme))):
        try:
            fig = spec.draw(theme)
        except Exception as error:  # any failure of a figure function is a build failure
            raise FigureError(
                f"figure {spec.name!r} failed to draw ({theme}): {type(error).__name__}: {error}", spec.name
            ) from error
        if not isinstance(fig, Figure):
            raise FigureError(f"figure {spec.name!r} returned {type(fig).__name__}, not a matplotlib Figure", spec.name)
        buffer = io.BytesIO()
        # No date, no software version: the same code draws the same bytes.
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        dpi = PNG_DPI if fmt == "png" else "figure"
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi, bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()


def image_files(name: str) -> list[tuple[str, str, str]]:
    """The files drawn for a figure, each with its theme and format: the two SVGs of the site, the PNG of notebooks."""
    return [(f"{name}-{theme}.svg", theme, "svg") for theme in style.THEMES] + [(f"{name}-light.png", "light", "png")]


def default_cache_dir() -> Path:
    """``$DLNOTES_CACHE_DIR/figures``, else ``.cache/dlnotes/figures`` in the checkout (see `dlnotes._project`)."""
    return cache_root() / "figures"


@dataclass
class FigureRenderer:
    """Renders figures through an on-disk cache and counts what it did.

    Processes that draw into one cache at once take turns (`dlnotes._files.cache_lock`), so each
    file is drawn once: one that waited finds the file the other drew and counts it as cached.

    ``package`` is the `package_digest` all its keys use, taken when the renderer is
    made. Whoever makes one vouches that this process draws with that code: a process that
    has just imported it does (``python -m dlnotes.figures``), and
    `dlnotes.figures.fresh_process.draw` checks. A drawing is filed in the cache only if the
    package on disk is still that code, so an edit made meanwhile leaves nothing stale behind.
    """

    cache_dir: Path = field(default_factory=default_cache_dir)
    package: str = field(default_factory=package_digest)
    rendered: int = 0
    cached: int = 0

    def svg(self, name: str, theme: str) -> bytes:
        return self.image(name, theme, "svg")

    def image(self, name: str, theme: str, fmt: str) -> bytes:
        spec = registry.get(name)
        path = self.cache_dir / f"{name}-{theme}-{cache_key(spec, theme, self.package)}.{fmt}"
        if path.is_file():
            self.cached += 1
            return path.read_bytes()
        with cache_lock(self.cache_dir):
            if path.is_file():  # drawn by another process while this one waited for the lock
                self.cached += 1
                return path.read_bytes()
            data = render_image(spec, theme, fmt)
            self.rendered += 1
            if package_digest() != self.package:
                return data  # the package changed since the key was taken: this drawing may be another code's
            write_cache_file(path, data)  # a read-only cache costs time, not correctness
        return data

    def render(self, names: Iterable[str]) -> dict[str, bytes]:
        """Each figure's files: both SVG variants and the light PNG, as ``{"<name>-<theme>.<svg|png>": bytes}``."""
        return {file: self.image(name, theme, fmt) for name in names for file, theme, fmt in image_files(name)}

    def write(self, outdir: Path, names: Iterable[str] | None = None) -> list[Path]:
        """Write the files of the named figures (every registered one by default) into ``outdir``."""
        outdir.mkdir(parents=True, exist_ok=True)
        written = []
        for filename, data in self.render(sorted(registry.load_all()) if names is None else names).items():
            (outdir / filename).write_bytes(data)
            written.append(outdir / filename)
        return written
