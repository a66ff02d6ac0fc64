"""The two-layer network's computation graph: forward values one way, gradients back the other."""

from __future__ import annotations

import itertools

from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from dlnotes.datasets import flower
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette
from dlnotes.layers import parameter_shapes
from dlnotes.shallow_network import (
    backward_propagation,
    forward_propagation,
    initialize_parameters,
    layer_sizes,
)

# The flower data of the training figures; draw() refuses to run if the caption's numbers stop being true.
N_X, N_H, M = 2, 4, 400
FONT = 17
BOX_W, BOX_H = 2.3, 1.0
PARAM_X, CHAIN_X = 0.0, 3.5
ROWS = {"X": 0.0, "Z1": -1.8, "A1": -3.6, "Z2": -5.4, "A2": -7.2, "J": -9.0}
PARAMS = {
    "W1": ROWS["Z1"] + 0.7,
    "b1": ROWS["Z1"] - 0.7,
    "W2": ROWS["Z2"] + 0.7,
    "b2": ROWS["Z2"] - 0.7,
    "Y": ROWS["J"],
}
TEX = {
    "X": "X",
    "Z1": "Z^{[1]}",
    "A1": "A^{[1]}",
    "Z2": "Z^{[2]}",
    "A2": "A^{[2]}",
    "J": "J",
    "Y": "Y",
    "W1": "W^{[1]}",
    "b1": "b^{[1]}",
    "W2": "W^{[2]}",
    "b2": "b^{[2]}",
}
XMAX = CHAIN_X + BOX_W / 2 + 2.3
WITH_GRADIENT = {"Z1", "A1", "Z2", "W1", "b1", "W2", "b2"}


def network_shapes() -> dict[str, tuple[int, ...]]:
    """The shape of every array of the graph, read off a real forward and backward pass on the flower data.

    Raises ValueError if the data stop giving the sizes the caption states.

    Examples
    --------
    >>> shapes = network_shapes()
    >>> shapes["W1"], shapes["Z1"], shapes["J"]
    ((4, 2), (4, 400), ())
    """
    X, Y = flower(m=M)
    n_x, n_h, n_y = layer_sizes(X, Y, n_h=N_H)
    if (n_x, n_h, X.shape[1]) != (N_X, N_H, M):
        raise ValueError(f"the caption says n_x={N_X}, n_h={N_H}, m={M}; the data give {n_x}, {n_h}, {X.shape[1]}")
    params = initialize_parameters(n_x, n_h, n_y)
    _, cache = forward_propagation(X, params)
    grads = backward_propagation(params, cache, X, Y)
    declared = parameter_shapes([n_x, n_h, n_y])
    for name, shape in declared.items():
        if params[name].shape != shape or grads["d" + name].shape != shape:
            raise ValueError(
                f"{name}: parameter {params[name].shape}, gradient {grads['d' + name].shape}, expected {shape}"
            )
    return {"X": X.shape, "Y": Y.shape, **declared, **{k: cache[k].shape for k in ("Z1", "A1", "Z2", "A2")}, "J": ()}


def _box(ax: Axes, x: float, y: float, name: str, shape: tuple[int, ...], theme: str) -> None:
    p = palette(theme)
    ax.add_patch(
        FancyBboxPatch(
            (x - BOX_W / 2, y - BOX_H / 2),
            BOX_W,
            BOX_H,
            boxstyle="round,pad=0,rounding_size=0.15",
            facecolor=to_rgba(p["c0"], 0.12),  # a faint fill under a full-strength outline: alpha= would fade both
            edgecolor=p["muted"],
            linewidth=1.0,
        )
    )
    top = y + 0.2
    if name in WITH_GRADIENT:
        ax.text(x - 0.08, top, f"${TEX[name]}$", ha="right", va="center", fontsize=FONT, color=p["text"])
        ax.text(x + 0.08, top, f"$d{TEX[name]}$", ha="left", va="center", fontsize=FONT, color=p["c1"])
    else:
        ax.text(x, top, f"${TEX[name]}$", ha="center", va="center", fontsize=FONT, color=p["text"])
    label = "scalar" if shape == () else f"({', '.join(map(str, shape))})"
    ax.text(x, y - 0.24, label, ha="center", va="center", fontsize=FONT - 1, color=p["text"])


def _arrow(
    ax: Axes, start: tuple[float, float], end: tuple[float, float], theme: str, backward: bool, connection: str = "arc3"
) -> None:
    p = palette(theme)
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=16,
            connectionstyle=connection,
            color=p["c1"] if backward else p["c0"],
            linestyle=(0, (4, 2.5)) if backward else "-",
            linewidth=1.8,
            shrinkA=0,
            shrinkB=0,
        )
    )


@figure(
    "two-layer-computation-graph",
    alt="A computation graph drawn top to bottom. X with W1 and b1 gives Z1, tanh gives A1, with W2 and b2 that "
    f"gives Z2, the sigmoid gives A2, and A2 with Y gives the cost J. Solid arrows carry values down; dashed "
    f"arrows carry gradients back up: dZ2 = A2 - Y, then W2 transpose times dZ2, then times 1 - A1 squared. "
    f"Each box shows one shape for a value and its gradient: W1 ({N_H}, {N_X}), b1 ({N_H}, 1), Z1 and A1 "
    f"({N_H}, {M}), W2 (1, {N_H}), b2 (1, 1), Z2 and A2 (1, {M}).",
    caption=f"The two-layer network on the flower data ($n_x = {N_X}$, $n_h = {N_H}$, $m = {M}$). Values flow down "
    "the solid arrows; gradients flow back up the dashed ones. Every gradient has the shape of the array it "
    "is the gradient of, so each box gives one shape for both. $dA^{[2]}$ is skipped: for a sigmoid output "
    "and the cross-entropy cost, $dZ^{[2]} = A^{[2]} - Y$ in one step.",
)
def two_layer_computation_graph(theme: str) -> Figure:
    p = palette(theme)
    shapes = network_shapes()
    fig, (ax,) = new_figure(width=5.4, height=6.6)
    ax.set_axis_off()
    ax.set_aspect("equal")
    half_w, half_h = BOX_W / 2, BOX_H / 2
    for name, y in ROWS.items():
        _box(ax, CHAIN_X, y, name, shapes[name], theme)
    for name, y in PARAMS.items():
        _box(ax, PARAM_X, y, name, shapes[name], theme)

    # Forward: down the chain (left of centre), and from each parameter into its node.
    steps = {"Z1": "", "A1": "tanh", "Z2": "", "A2": "σ", "J": "cost"}
    names = list(ROWS)
    for above, below in itertools.pairwise(names):
        x = CHAIN_X - 0.35
        _arrow(ax, (x, ROWS[above] - half_h), (x, ROWS[below] + half_h), theme, backward=False)
        if steps[below]:
            ax.text(
                x - 0.12,
                (ROWS[above] + ROWS[below]) / 2,
                steps[below],
                ha="right",
                va="center",
                fontsize=FONT - 2,
                color=p["c0"],
            )
    for name, y in PARAMS.items():
        target = {"W1": "Z1", "b1": "Z1", "W2": "Z2", "b2": "Z2", "Y": "J"}[name]
        ty = ROWS[target] + (y - ROWS[target]) * 0.35
        _arrow(ax, (PARAM_X + half_w, y + 0.1), (CHAIN_X - half_w, ty + 0.1), theme, backward=False)
        if name != "Y":  # backward: each parameter gets its gradient from the node it feeds
            _arrow(ax, (CHAIN_X - half_w, ty - 0.1), (PARAM_X + half_w, y - 0.1), theme, backward=True)

    # Backward: up the chain (right of centre), each hop labelled with what it computes. The first hop goes
    # round A2, because the notes go from J straight to dZ2.
    right = CHAIN_X + half_w
    bar = 0.5
    _arrow(
        ax,
        (right, ROWS["J"]),
        (right, ROWS["Z2"]),
        theme,
        backward=True,
        connection=f"bar,fraction={bar / (ROWS['Z2'] - ROWS['J'])}",
    )
    ax.text(
        right + bar + 0.15,
        (ROWS["J"] + ROWS["Z2"]) / 2,
        "$A^{[2]} - Y$",
        ha="left",
        va="center",
        fontsize=FONT - 2,
        color=p["c1"],
    )
    for start, end, label in (("Z2", "A1", "$W^{[2]T} dZ^{[2]}$"), ("A1", "Z1", "$* \\, (1 - (A^{[1]})^2)$")):
        x = CHAIN_X + 0.35
        _arrow(ax, (x, ROWS[start] + half_h), (x, ROWS[end] - half_h), theme, backward=True)
        ax.text(
            x + 0.15, (ROWS[start] + ROWS[end]) / 2, label, ha="left", va="center", fontsize=FONT - 2, color=p["c1"]
        )
    # Key, in the empty space left of A2.
    key_x, key_y = PARAM_X - half_w + 0.1, ROWS["A2"] - 0.15
    _arrow(ax, (key_x, key_y + 0.35), (key_x + 0.8, key_y + 0.35), theme, backward=False)
    ax.text(key_x + 1.0, key_y + 0.35, "values", ha="left", va="center", fontsize=FONT - 2, color=p["text"])
    _arrow(ax, (key_x + 0.8, key_y - 0.35), (key_x, key_y - 0.35), theme, backward=True)
    ax.text(key_x + 1.0, key_y - 0.35, "gradients", ha="left", va="center", fontsize=FONT - 2, color=p["text"])
    ax.set(xlim=(PARAM_X - half_w - 0.05, XMAX), ylim=(ROWS["J"] - half_h - 0.05, half_h + 0.05))
    return fig
