"""Diagrams: NumPy broadcasting as aligned shapes, and networks annotated with parameter shapes."""

from __future__ import annotations

import itertools
from typing import TypedDict

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle

from dlnotes.broadcasting import broadcast_shape, explain_broadcast
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette
from dlnotes.layers import parameter_shapes

CELL = 0.5
# Each row of the figure: two shapes and what the page says about them.
CASES = [
    ((3, 3), (3,), "the notes' example, A + B"),
    ((3, 4), (3, 1), "the course's W X + b"),
    ((3, 1), (3,), "the rank-1 trap"),
    ((3, 4), (3,), "refused"),
]


def _grid(
    ax: Axes,
    x: float,
    y: float,
    shape: tuple[int, ...],
    result: tuple[int, ...] | None,
    colour: str,
    theme: str,
    label: str,
) -> float:
    """Draw an array of ``shape`` (padded to 2-D) at (x, y); cells a size-1 axis is stretched to (read again, not copied) are hatched. Returns its width."""
    p = palette(theme)
    rows, cols = ((1,) * (2 - len(shape)) + shape)[-2:]
    show_rows, show_cols = (result[-2], result[-1]) if result else (rows, cols)
    for r in range(show_rows):
        for c in range(show_cols):
            copied = r >= rows or c >= cols
            ax.add_patch(
                Rectangle(
                    (x + c * CELL, y - (r + 1) * CELL),
                    CELL,
                    CELL,
                    facecolor="none" if copied else colour,
                    alpha=1.0 if copied else 0.55,
                    edgecolor=colour if copied else p["text"],
                    linestyle="--" if copied else "-",
                    hatch="///" if copied else None,
                    linewidth=1.0,
                )
            )
    ax.text(x + show_cols * CELL / 2, y + 0.2, label, ha="center", va="bottom", fontsize=12, color=p["text"])
    return show_cols * CELL


class BroadcastCase(TypedDict):
    """One row of the figure: two shapes, and what the core makes of them."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    title: str
    padded: tuple[tuple[int, ...], ...]  # both shapes after the rule's padding step
    result: tuple[int, ...] | None  # None where the rule refuses
    clash: tuple[int, int] | None  # the first two sizes the rule refuses, smaller first


def _first_clash(padded: tuple[tuple[int, ...], ...]) -> tuple[int, int] | None:
    """The first pair of sizes, axis by axis, that [broadcast_shape][dlnotes.broadcasting.broadcast_shape] refuses."""
    for sizes in zip(*padded, strict=True):
        try:
            broadcast_shape(*((size,) for size in sizes))
        except ValueError:
            small, big = sorted(set(sizes))
            return small, big
    return None


def broadcasting_cases() -> list[BroadcastCase]:
    """Each case of the figure, worked out by [explain_broadcast][dlnotes.broadcasting.explain_broadcast].

    Examples
    --------
    >>> [(case["result"], case["clash"]) for case in broadcasting_cases()]
    [((3, 3), None), ((3, 4), None), ((3, 3), None), (None, (3, 4))]
    """
    cases = []
    for a, b, title in CASES:
        steps = explain_broadcast(a, b)
        padded = next(s.shapes for s in reversed(steps) if s.rule in ("pad", "align"))
        result = steps[-1].shapes[0] if steps[-1].rule == "result" else None
        clash = None if result is not None else _first_clash(padded)
        cases.append(BroadcastCase(a=a, b=b, title=title, padded=padded, result=result, clash=clash))
    return cases


def _alt() -> str:
    parts = []
    for case in broadcasting_cases():
        a, b, padded, result = case["a"], case["b"], case["padded"], case["result"]
        b_said = f"{b}, padded on the left to {padded[1]}," if padded[1] != b else f"{b}"
        clash = case["clash"]
        outcome = f"gives {result}" if clash is None else f"is refused: sizes {clash[0]} and {clash[1]} clash"
        parts.append(f"{a} plus {b_said} {outcome}")
    return f"Array grids in {len(CASES)} rows, stretched cells hatched. " + "; ".join(parts) + "."


@figure(
    "broadcasting-shapes",
    alt=_alt(),
    caption="NumPy prepends 1s to each shorter shape, then stretches every size-1 axis to the other size. Hatched "
    "cells are stretched entries of an operand, read again rather than copied; the result is a new array of "
    "the full shape. A $(3,)$ array acts as a $(1, 3)$ row, never as a $(3, 1)$ column. Sizes that are "
    "neither equal nor 1 cannot be broadcast.",
)
def broadcasting_shapes(theme: str) -> Figure:
    p = palette(theme)
    fig, (ax,) = new_figure(width=6.0, height=8.6)
    ax.set_axis_off()
    y = 0.0
    for case in broadcasting_cases():
        a, b, padded, result = case["a"], case["b"], case["padded"], case["result"]
        ax.text(
            -0.2, y + 0.85, str(case["title"]), ha="left", va="bottom", fontsize=12, fontweight="bold", color=p["text"]
        )
        x = 0.0
        x += _grid(ax, x, y, padded[0], result, p["c0"], theme, f"{a}") + 0.45
        ax.text(x, y - 0.75, "+", fontsize=18, ha="center", va="center", color=p["text"])
        x += 0.45
        b_label = f"{b} → {padded[1]}" if padded[1] != b else f"{b}"
        x += _grid(ax, x, y, padded[1], result, p["c1"], theme, b_label) + 0.45
        ax.text(x, y - 0.75, "=", fontsize=18, ha="center", va="center", color=p["text"])
        x += 0.45
        if result is not None:
            _grid(ax, x, y, result, None, p["c2"], theme, f"{result}")
        elif case["clash"] is not None:
            small, big = case["clash"]
            ax.text(
                x,
                y - 0.75,
                f"✗ ValueError:\nsizes {small}\nand {big} clash",
                fontsize=12,
                va="center",
                color=p["shade"],
            )
        y -= 3.4
    ax.set_xlim(-0.3, 7.9)
    ax.set_ylim(y + 1.5, 1.6)
    ax.set_aspect("equal")
    return fig


def _layer(ax: Axes, x: float, n: int, colour: str, theme: str, labels: list[str]) -> list[tuple[float, float]]:
    p = palette(theme)
    spacing = 0.9
    top = (n - 1) * spacing / 2
    centres = [(x, top - i * spacing) for i in range(n)]
    for (cx, cy), label in zip(centres, labels, strict=True):
        ax.add_patch(Circle((cx, cy), 0.28, facecolor=colour, alpha=0.35, edgecolor=p["text"], linewidth=1.0))
        ax.text(cx, cy, label, ha="center", va="center", fontsize=10, color=p["text"])
    return centres


def _connect(ax: Axes, left: list[tuple[float, float]], right: list[tuple[float, float]], theme: str) -> None:
    for lx, ly in left:
        for rx, ry in right:
            ax.plot([lx + 0.28, rx - 0.28], [ly, ry], color=palette(theme)["muted"], linewidth=0.7)


@figure(
    "network-shapes",
    alt="Top: one neuron with three inputs x1, x2, x3 and weight vector w of shape (3, 1), computing z = w transpose x "
    "plus b and a = sigma of z. Bottom: a two-layer network with 3 inputs, 4 hidden units and 1 output, labelled "
    "W1 of shape (4, 3), b1 of shape (4, 1), W2 of shape (1, 4) and b2 of shape (1, 1).",
    caption="Parameter shapes follow from the layer sizes: $W^{[l]}$ is $(n^{[l]}, n^{[l-1]})$, one row per unit of "
    "layer $l$, and $b^{[l]}$ is $(n^{[l]}, 1)$. A single neuron's $w$ is the $(3, 1)$ column whose transpose "
    "is the one row of $W$.",
)
def network_shapes(theme: str) -> Figure:
    p = palette(theme)
    # Stacked, not side by side: on a phone the figure shrinks to the screen's width, and two panels
    # side by side left labels a few pixels high.
    fig, (neuron, network) = new_figure(nrows=2, width=4.6, height=5.8)
    for ax in (neuron, network):
        ax.set_axis_off()
        ax.set_aspect("equal")
    one = parameter_shapes([3, 1])
    inputs = _layer(neuron, 0.0, 3, p["c0"], theme, ["$x_1$", "$x_2$", "$x_3$"])
    unit = _layer(neuron, 2.2, 1, p["c1"], theme, ["$a$"])
    _connect(neuron, inputs, unit, theme)
    neuron.text(
        1.1,
        -1.55,
        f"$w$: ({one['W1'][1]}, {one['W1'][0]}),  $b$: {one['b1']}",
        ha="center",
        fontsize=11,
        color=p["text"],
    )
    neuron.text(1.1, 1.3, "$z = w^T x + b,\\ a = \\sigma(z)$", ha="center", fontsize=12, color=p["text"])
    neuron.set(xlim=(-0.6, 2.8), ylim=(-1.9, 1.7))
    neuron.set_title("one neuron", color=p["text"])

    sizes = [3, 4, 1]
    shapes = parameter_shapes(sizes)
    layers = [
        _layer(network, 2.2 * i, n, colour, theme, labels)
        for i, (n, colour, labels) in enumerate(
            zip(
                sizes,
                (p["c0"], p["c1"], p["c2"]),
                (["$x_1$", "$x_2$", "$x_3$"], [f"$a^{{[1]}}_{j}$" for j in range(1, 5)], ["$a^{[2]}$"]),
                strict=True,
            )
        )
    ]
    for left, right in itertools.pairwise(layers):
        _connect(network, left, right, theme)
    for layer in (1, 2):
        x = 2.2 * (layer - 0.5)
        network.text(
            x,
            -1.95,
            f"$W^{{[{layer}]}}$: {shapes[f'W{layer}']}\n$b^{{[{layer}]}}$: {shapes[f'b{layer}']}",
            ha="center",
            va="top",
            fontsize=11,
            color=p["text"],
        )
    network.set(xlim=(-0.6, 5.0), ylim=(-2.9, 1.8))
    network.set_title("two-layer network", color=p["text"])
    return fig
