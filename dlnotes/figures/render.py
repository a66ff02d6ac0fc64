"""Render registered figures to SVG, deterministically, with a cache keyed by what each depends on.

The key of a figure hashes: the source of its drawing function and of the helpers in its
own module it calls, the whole source of every other dlnotes module it uses (the core
functions it plots, the shared drawing helpers), the style, this renderer, and the
matplotlib and numpy versions. So an edit to prose renders nothing, and an edit to one
figure's code re-renders that figure only.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import io
import os
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

from dlnotes.figures import registry, style
from dlnotes.figures.registry import FigureSpec

RENDER_VERSION = "1"
MAX_BYTES = 150_000


class FigureError(RuntimeError):
    """A figure function raised, or returned something that is not a matplotlib Figure."""


def _code_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _module_source(name: str) -> str:
    module = sys.modules.get(name)
    return inspect.getsource(module) if module is not None else name


def dependency_sources(draw: types.FunctionType) -> list[str]:
    """Sources a figure function depends on, in a stable order."""
    own_module = draw.__module__
    sources: dict[str, str] = {}
    pending = [draw]
    while pending:
        function = pending.pop()
        key = f"{function.__module__}.{function.__qualname__}"
        if key in sources:
            continue
        sources[key] = inspect.getsource(function)
        for name in sorted(_code_names(function.__code__)):
            if name not in function.__globals__:
                continue  # a builtin or an attribute name
            value = inspect.unwrap(function.__globals__[name])  # see through functools.lru_cache and friends
            if not callable(value) and not isinstance(value, types.ModuleType):
                # a module constant such as an iteration count: its value is part of the figure
                sources.setdefault(f"{function.__module__}:{name}", repr(value))
                continue
            module_name = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
            if not isinstance(module_name, str) or not module_name.startswith("dlnotes"):
                continue
            if module_name == own_module and isinstance(value, types.FunctionType):
                pending.append(value)
            elif module_name != own_module:
                sources.setdefault(module_name, _module_source(module_name))
    return [sources[k] for k in sorted(sources)]


def cache_key(spec: FigureSpec, theme: str) -> str:
    parts = [RENDER_VERSION, theme, matplotlib.__version__, importlib.metadata.version("numpy"),
             inspect.getsource(style), inspect.getsource(sys.modules[__name__]), *dependency_sources(spec.draw)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def render_svg(spec: FigureSpec, theme: str) -> bytes:
    """Draw one figure in one theme and return its SVG bytes."""
    from matplotlib.figure import Figure

    with matplotlib.rc_context(style.rc_params(theme)):
        try:
            fig = spec.draw(theme)
        except Exception as error:  # any failure of a figure function is a build failure
            raise FigureError(f"figure {spec.name!r} failed to draw ({theme}): {type(error).__name__}: {error}") from error
        if not isinstance(fig, Figure):
            raise FigureError(f"figure {spec.name!r} returned {type(fig).__name__}, not a matplotlib Figure")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()


def default_cache_dir() -> Path:
    root = os.environ.get("DLNOTES_CACHE_DIR")
    return (Path(root) if root else Path.cwd() / ".cache" / "dlnotes") / "figures"


@dataclass
class FigureRenderer:
    """Renders figures through an on-disk cache and counts what it did."""

    cache_dir: Path = field(default_factory=default_cache_dir)
    rendered: int = 0
    cached: int = 0

    def svg(self, name: str, theme: str) -> bytes:
        spec = registry.get(name)
        path = self.cache_dir / f"{name}-{theme}-{cache_key(spec, theme)}.svg"
        if path.is_file():
            self.cached += 1
            return path.read_bytes()
        data = render_svg(spec, theme)
        self.rendered += 1
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only cache costs time, not correctness
        return data

    def render(self, names: Iterable[str]) -> dict[str, bytes]:
        """Both variants of each figure, as ``{"<name>-<theme>.svg": bytes}``."""
        return {f"{name}-{theme}.svg": self.svg(name, theme) for name in names for theme in style.THEMES}

    def write_all(self, outdir: Path) -> list[Path]:
        """Write every registered figure, both variants, into ``outdir``."""
        outdir.mkdir(parents=True, exist_ok=True)
        written = []
        for filename, data in self.render(sorted(registry.load_all())).items():
            (outdir / filename).write_bytes(data)
            written.append(outdir / filename)
        return written
