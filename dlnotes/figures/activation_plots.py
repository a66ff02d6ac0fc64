"""Sigmoid and tanh, drawn from dlnotes.activations."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from dlnotes import activations
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

SATURATION = 0.01


@figure(
    "sigmoid-and-derivative",
    alt="The sigmoid curve rising from 0 to 1 and its derivative, a bump that peaks at 0.25 when z is 0; "
        "where |z| is above about 4.6 the derivative is below 0.01 and those regions are shaded.",
    caption="The sigmoid $\\sigma(z)$ and its slope $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$. The slope never "
            "exceeds 0.25, and in the shaded regions it is below 0.01: there gradient descent barely moves.",
)
def sigmoid_and_derivative(theme: str) -> Figure:
    p = palette(theme)
    z = np.linspace(-10, 10, 801)
    fig, (ax,) = new_figure()
    slope = activations.sigmoid_derivative(z)
    ax.fill_between(z, 0, 1.05, where=slope < SATURATION, color=p["shade"], alpha=0.15, linewidth=0,
                    label=f"saturated: $\\sigma'(z) < {SATURATION}$")
    ax.plot(z, activations.sigmoid(z), color=p["c0"], linestyle="-", label="$\\sigma(z)$")
    ax.plot(z, slope, color=p["c1"], linestyle="--", label="$\\sigma'(z)$")
    peak = float(activations.sigmoid_derivative(0.0))
    ax.plot([0], [peak], marker="o", color=p["c1"])
    ax.annotate(f"maximum slope {peak:g} at $z = 0$", xy=(0, peak), xytext=(1.5, 0.42), color=p["text"],
                arrowprops={"arrowstyle": "->", "color": p["muted"]})
    ax.set(xlabel="$z$", ylim=(-0.02, 1.05), xlim=(-10, 10))
    ax.legend(loc="upper left")
    return fig


@figure(
    "tanh-versus-sigmoid",
    alt="Two panels. Left: tanh runs from -1 to 1 and crosses 0 at z = 0, while the sigmoid runs from 0 to 1 "
        "and crosses 0.5. Right: tanh's slope peaks at 1 and the sigmoid's at 0.25, both at z = 0.",
    caption="tanh is a stretched, shifted sigmoid, $\\tanh(z) = 2\\sigma(2z) - 1$: centred on 0, with a slope of 1 "
            "at the origin against the sigmoid's 0.25. Both slopes still vanish for large $|z|$.",
)
def tanh_versus_sigmoid(theme: str) -> Figure:
    p = palette(theme)
    z = np.linspace(-6, 6, 601)
    fig, (left, right) = new_figure(ncols=2)
    left.plot(z, activations.tanh(z), color=p["c0"], linestyle="-", label="$\\tanh(z)$")
    left.plot(z, activations.sigmoid(z), color=p["c1"], linestyle="--", label="$\\sigma(z)$")
    left.axhline(0, color=p["muted"], linewidth=0.8)
    left.set(title="activation", xlabel="$z$", ylim=(-1.1, 1.1))
    left.legend(loc="upper left")
    right.plot(z, activations.tanh_derivative(z), color=p["c0"], linestyle="-", label="$1 - \\tanh^2(z)$")
    right.plot(z, activations.sigmoid_derivative(z), color=p["c1"], linestyle="--", label="$\\sigma(z)(1 - \\sigma(z))$")
    right.set(title="slope", xlabel="$z$", ylim=(-0.05, 1.1))
    right.legend(loc="upper right")
    return fig
