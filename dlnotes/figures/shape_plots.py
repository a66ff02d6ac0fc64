"""Figures for the weight-matrix and data pages: shapes of parameters and inputs."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlnotes.broadcasting import broadcast_shape
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette
from dlnotes.layers import linear_forward, parameter_shapes

# Layer 1 of a network with N_PREV inputs and N units, on a batch of M samples.
N_PREV, N, M = 3, 4, 5
SHAPES = parameter_shapes([N_PREV, N])
X_SHAPE = (N_PREV, M)
# Z1's shape read off the core's linear step, and b1's shape once the rule has stretched it to Z1's.
Z_SHAPE = linear_forward(np.zeros(X_SHAPE), np.zeros(SHAPES["W1"]), np.zeros(SHAPES["b1"])).shape
B_STRETCHED = broadcast_shape(SHAPES["b1"], Z_SHAPE)
ROW, COL = 1, 3  # the unit and the sample highlighted (0-based)
GAP = 1.3


def _block(
    ax: Axes,
    x: float,
    shape: tuple[int, ...],
    theme: str,
    *,
    top: str,
    marked: set[tuple[int, int]],
    mark_colour: str,
    bottom: str | None = None,
    stretched_from: int | None = None,
) -> float:
    """A grid of cells of a 2-D ``shape`` with its left edge at ``x``, centred on y = 0. Returns its right edge.

    ``top`` names the array above it, ``bottom`` (its shape, unless given) is written below it.
    Cells in ``marked`` are filled with ``mark_colour``; columns from ``stretched_from`` on are
    hatched: broadcasting stretches it, reading the same numbers again, and copies nothing.
    """
    p = palette(theme)
    rows, cols = shape
    y_top = rows / 2
    for r in range(rows):
        for c in range(cols):
            copied = stretched_from is not None and c >= stretched_from
            filled = (r, c) in marked
            ax.add_patch(
                Rectangle(
                    (x + c, y_top - r - 1),
                    1,
                    1,
                    facecolor=mark_colour if filled else "none",
                    alpha=0.75 if filled else 1.0,
                    edgecolor=p["muted"] if copied else p["text"],
                    linestyle="--" if copied else "-",
                    hatch="///" if copied else None,
                    linewidth=0.6 if copied else 1.0,
                )
            )
    ax.text(x + cols / 2, y_top + 0.35, top, ha="center", va="bottom", fontsize=13, color=p["text"])
    ax.text(x + cols / 2, -y_top - 0.35, bottom or f"{shape}", ha="center", va="top", fontsize=11, color=p["text"])
    return x + cols


def _operator(ax: Axes, x: float, symbol: str, theme: str) -> float:
    ax.text(x + GAP / 2, 0, symbol, ha="center", va="center", fontsize=18, color=palette(theme)["text"])
    return x + GAP


@figure(
    "linear-layer-shapes",
    alt=f"Four grids of cells side by side: W1 with {N} rows and {N_PREV} columns, times X with {N_PREV} rows and "
    f"{M} columns, plus b1, one column of {N} cells stretched across {M} columns, equals Z1 with {N} rows and "
    f"{M} columns. Row {ROW + 1} of W1, column {COL + 1} of X, entry {ROW + 1} of b1 and the cell in row "
    f"{ROW + 1}, column {COL + 1} of Z1 are coloured.",
    caption=f"Layer 1 of a network with $n^{{[0]}} = {N_PREV}$ inputs and $n^{{[1]}} = {N}$ units, on a batch of "
    f"$m = {M}$ samples. Row {ROW + 1} of $W^{{[1]}}$ holds the weights of unit {ROW + 1}; column "
    f"{COL + 1} of $X$ is sample {COL + 1}. Their product plus $b^{{[1]}}_{ROW + 1}$ is the coloured entry of "
    f"$Z^{{[1]}}$. The column $b^{{[1]}}$ is stretched across the $m$ columns (hatched: stretched, not copied).",
)
def linear_layer_shapes(theme: str) -> Figure:
    p = palette(theme)
    fig, (ax,) = new_figure(width=8.0, height=2.9)
    ax.set_axis_off()
    ax.set_aspect("equal")
    row_of_w = {(ROW, c) for c in range(SHAPES["W1"][1])}
    x = _block(ax, 0.0, SHAPES["W1"], theme, top="$W^{[1]}$", marked=row_of_w, mark_colour=p["c0"])
    column_of_x = {(r, COL) for r in range(N_PREV)}
    x = _block(ax, x + 0.5, X_SHAPE, theme, top="$X$", marked=column_of_x, mark_colour=p["c1"])
    x = _operator(ax, x, "+", theme)
    x = _block(
        ax,
        x,
        B_STRETCHED,
        theme,
        top="$b^{[1]}$",
        bottom=f"{SHAPES['b1']} → {B_STRETCHED}",
        marked={(ROW, 0)},
        mark_colour=p["c2"],
        stretched_from=SHAPES["b1"][1],
    )
    x = _operator(ax, x, "=", theme)
    x = _block(ax, x, Z_SHAPE, theme, top="$Z^{[1]}$", marked={(ROW, COL)}, mark_colour=p["c3"])
    ax.set_xlim(-0.2, x + 0.2)
    ax.set_ylim(-N / 2 - 1.4, N / 2 + 1.3)
    return fig
