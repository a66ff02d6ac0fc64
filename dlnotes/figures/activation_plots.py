"""Sigmoid and tanh, drawn from dlnotes.activations."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure

from dlnotes import activations
from dlnotes._checks import FloatArray
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

SATURATION = 0.01
# The sigmoid's largest slope, sigma'(0): the peak marked in one figure and the base of the bound in another.
SIGMOID_PEAK_SLOPE = float(activations.sigmoid_derivative(0.0))
# An activation or its slope, as dlnotes.activations defines them.
Activation = Callable[[npt.ArrayLike], FloatArray]


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
    ax.fill_between(
        z,
        0,
        1.05,
        where=slope < SATURATION,
        color=p["shade"],
        alpha=0.15,
        linewidth=0,
        label=f"saturated: $\\sigma'(z) < {SATURATION}$",
    )
    ax.plot(z, activations.sigmoid(z), color=p["c0"], linestyle="-", label="$\\sigma(z)$")
    ax.plot(z, slope, color=p["c1"], linestyle="--", label="$\\sigma'(z)$")
    ax.plot([0], [SIGMOID_PEAK_SLOPE], marker="o", color=p["c1"])
    ax.annotate(
        f"maximum slope {SIGMOID_PEAK_SLOPE:g} at $z = 0$",
        xy=(0, SIGMOID_PEAK_SLOPE),
        xytext=(1.5, 0.42),
        color=p["text"],
        arrowprops={"arrowstyle": "->", "color": p["muted"]},
    )
    ax.set(xlabel="$z$", ylim=(-0.02, 1.05), xlim=(-10, 10))
    ax.legend(loc="upper left")
    return fig


@figure(
    "tanh-versus-sigmoid",
    alt="Two panels. Left: tanh runs from -1 to 1 and crosses 0 at z = 0, while the sigmoid runs from 0 to 1 "
    "and crosses 0.5. Right: tanh's slope peaks at 1 and the sigmoid's at 0.25, both at z = 0.",
    caption="tanh is a rescaled, shifted sigmoid, $\\tanh(z) = 2\\sigma(2z) - 1$: centred on 0, with a slope of 1 "
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
    right.plot(
        z, activations.sigmoid_derivative(z), color=p["c1"], linestyle="--", label="$\\sigma(z)(1 - \\sigma(z))$"
    )
    right.set(title="slope", xlabel="$z$", ylim=(-0.05, 1.1))
    right.legend(loc="upper right")
    return fig


CHAIN_LAYERS = 20
CHAIN_START = 0.5


def chain_gradients(
    g: Activation, g_prime: Activation, layers: int = CHAIN_LAYERS, a0: float = CHAIN_START
) -> FloatArray:
    r"""The gradient $\partial a_L / \partial a_0$ for $L = 1, \dots$, ``layers``, through the chain $a_l = g(a_{l-1})$.

    Each unit has weight 1 and bias 0, so by the chain rule the gradient is the product of
    the slopes met on the way:

    $$\frac{\partial a_L}{\partial a_0} = \prod_{l=1}^{L} g'(a_{l-1})$$

    Examples
    --------
    >>> from dlnotes import activations
    >>> chain_gradients(activations.relu, activations.relu_derivative, layers=3).tolist()
    [1.0, 1.0, 1.0]
    >>> chain_gradients(activations.sigmoid, activations.sigmoid_derivative, layers=2).round(4).tolist()
    [0.235, 0.0534]
    """
    a = a0
    slopes: list[float] = []
    for _ in range(layers):
        slopes.append(float(g_prime(a)))
        a = float(g(a))
    return np.cumprod(slopes, dtype=np.float64)


@figure(
    "gradient-through-layers",
    alt="A log-scale plot of the gradient that reaches the input of a chain of L units, for L from 1 to 20. "
    "Through sigmoid units it stays below the dashed line (1/4)^L and is about 1e-13 at L = 20; "
    "through tanh units it decays slowly, to about 0.1; through ReLU units it stays at 1.",
    caption="The gradient $\\partial a_L / \\partial a_0$ through a chain $a_l = g(a_{l-1})$ of $L$ units "
    "(weight 1, bias 0, $a_0 = 0.5$) is the product of the slopes met on the way. Each sigmoid slope "
    "is at most $1/4$, so the sigmoid chain stays under $(1/4)^L$.",
)
def gradient_through_layers(theme: str) -> Figure:
    p = palette(theme)
    layers = np.arange(1, CHAIN_LAYERS + 1)
    fig, (ax,) = new_figure(height=3.6)
    ax.plot(layers, SIGMOID_PEAK_SLOPE**layers, color=p["muted"], linestyle="--", label="bound $(1/4)^L$")
    chains = (
        ("sigmoid", activations.sigmoid, activations.sigmoid_derivative, p["c1"], "-", "o"),
        ("tanh", activations.tanh, activations.tanh_derivative, p["c0"], ":", "s"),
        ("ReLU", activations.relu, activations.relu_derivative, p["c2"], "-.", "None"),
    )
    for label, g, g_prime, colour, linestyle, marker in chains:
        gradients = chain_gradients(g, g_prime)
        ax.plot(layers, gradients, color=colour, linestyle=linestyle, marker=marker, markersize=4, label=label)
    ax.set(
        yscale="log",
        xlabel="number of layers $L$",
        ylabel="$\\partial a_L / \\partial a_0$",
        xlim=(0.5, CHAIN_LAYERS + 0.5),
        ylim=(1e-14, 5),
        xticks=[1, 5, 10, 15, 20],
    )
    ax.legend(loc="lower left")
    return fig


def output_means(g: Activation, mu: FloatArray, nodes: int = 40) -> FloatArray:
    r"""The mean output $\mathbb{E}[g(z)]$ for $z \sim \mathcal{N}(\mu, 1)$, at each $\mu$.

    By Gauss-Hermite quadrature with ``nodes`` nodes $z_k$ and weights $w_k$ (accurate for smooth $g$):

    $$\mathbb{E}[g(z)] \approx \sum_k \frac{w_k}{\sum_j w_j}\, g(\mu + z_k)$$

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes import activations
    >>> output_means(activations.tanh, np.array([-1.0, 0.0, 1.0])).round(4).tolist()
    [-0.5504, -0.0, 0.5504]
    """
    z, w = np.polynomial.hermite_e.hermegauss(nodes)
    return g(mu[:, None] + z[None, :]) @ (w / w.sum())


@figure(
    "mean-of-tanh-outputs",
    alt="Two curves against the mean mu of normally distributed inputs z with variance 1. The mean of tanh(z) "
    "is 0 only at mu = 0 and moves towards 1 or -1 as mu moves away; the mean of the sigmoid is 0.5 at mu = 0.",
    caption="The mean output of tanh and of the sigmoid when the inputs $z$ are normal with mean $\\mu$ and "
    "variance 1. Such inputs are symmetric about $\\mu$, so tanh's outputs average 0 exactly when "
    "$\\mu = 0$; the sigmoid's then average 0.5.",
)
def mean_of_tanh_outputs(theme: str) -> Figure:
    p = palette(theme)
    mu = np.linspace(-3, 3, 121)
    fig, (ax,) = new_figure(height=3.4)
    ax.axhline(0, color=p["muted"], linewidth=0.8)
    ax.axvline(0, color=p["muted"], linewidth=0.8)
    ax.plot(mu, output_means(activations.tanh, mu), color=p["c0"], linestyle="-", label="mean of $\\tanh(z)$")
    ax.plot(mu, output_means(activations.sigmoid, mu), color=p["c1"], linestyle="--", label="mean of $\\sigma(z)$")
    ax.set(
        xlabel="mean $\\mu$ of the inputs $z \\sim \\mathcal{N}(\\mu, 1)$",
        ylabel="mean output",
        ylim=(-1.05, 1.05),
        xlim=(-3, 3),
    )
    ax.legend(loc="upper left")
    return fig
