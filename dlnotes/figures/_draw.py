"""Small drawing helpers shared by the figure modules."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure


def new_figure(ncols: int = 1, width: float = 7.0, height: float = 3.4, nrows: int = 1) -> tuple[Figure, list[Axes]]:
    """A Figure not tied to pyplot (no global state, no window), with its axes as a flat list."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, [ax for row in axes for ax in row]
