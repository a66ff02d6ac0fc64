"""How every figure looks, in a light and a dark variant matching Material's two palettes.

Everything that affects the bytes of an SVG is fixed here: the hash salt of its ids,
text drawn as paths (so the reader's fonts do not matter), no date, a fixed font.
The renderer's cache key includes this file's source, so a change here re-renders
every figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

THEMES = ("light", "dark")

# Colours picked to be legible on white and on Material's slate background (#1e2129);
# curves are also told apart by line style and label, never by colour alone.
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "text": "#1f2328",
        "muted": "#57606a",
        "grid": "#d0d7de",
        "c0": "#0b5cad",
        "c1": "#b35900",
        "c2": "#1a7f37",
        "c3": "#8250df",
        "shade": "#cf222e",
        "background": "none",
    },
    "dark": {
        "text": "#e6edf3",
        "muted": "#9da7b3",
        "grid": "#3d444d",
        "c0": "#6cb6ff",
        "c1": "#f0a35e",
        "c2": "#57c271",
        "c3": "#c297ff",
        "shade": "#ff7b72",
        "background": "none",
    },
}


def rc_params(theme: str) -> dict[RcKeyType, Any]:
    """matplotlib settings for one theme (typed by their keys, so mypy catches a misspelt one)."""
    p = PALETTES[theme]
    return {
        "svg.hashsalt": "dlnotes",  # element ids from a fixed salt, not a random one
        "svg.fonttype": "path",  # glyphs as outlines: no font needed on the reader's side
        "svg.image_inline": True,
        "font.family": "DejaVu Sans",  # ships with matplotlib, so every machine draws the same glyphs
        "font.size": 10,
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "figure.facecolor": p["background"],
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "axes.facecolor": "none",
        "axes.edgecolor": p["muted"],
        "axes.labelcolor": p["text"],
        "axes.titlecolor": p["text"],
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "grid.color": p["grid"],
        "grid.linewidth": 0.6,
        "xtick.color": p["muted"],
        "ytick.color": p["muted"],
        "xtick.labelcolor": p["text"],
        "ytick.labelcolor": p["text"],
        "text.color": p["text"],
        "legend.frameon": False,
        "legend.labelcolor": p["text"],
        "lines.linewidth": 2.0,
        "path.simplify": True,
    }


def palette(theme: str) -> dict[str, str]:
    """The named colours of a theme, for what rcParams do not cover (shading, annotations)."""
    return PALETTES[theme]
