"""The logistic-regression loss, and why cross-entropy rather than squared error.

Every quantity drawn here comes from dlnotes.logistic_regression: the costs from
``propagate`` and ``squared_error_propagate``, the descents from ``optimize_w``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypedDict

import numpy as np
from matplotlib.figure import Figure

from dlnotes import activations, logistic_regression, squared_error
from dlnotes._checks import FloatArray
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

# A small one-feature data set with overlapping classes, so the best w is finite.
SLICE_X = np.array([[-3.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 3.0]])
SLICE_Y = np.array([[0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0]])
SLICE_W = np.linspace(-8.0, 8.0, 801)

# The two-minima landscape: w on a grid, b held at 0, and the descent settings the page also uses.
TWO_MINIMA_W = np.linspace(-3.0, 5.0, 801)
TWO_MINIMA_B = 0.0
DESCENT_START = 1.0
DESCENT_ITERATIONS, DESCENT_RATE = 2000, 0.5
# The core's cost of each loss, under the names optimize_w takes.
PROPAGATE = {
    "squared-error": squared_error.squared_error_propagate,
    "cross-entropy": logistic_regression.propagate,
}


def cost_at(loss: str, w: float, b: float, X: FloatArray, Y: FloatArray) -> float:
    r"""$J(w, b)$ of the one-feature model $\hat{y} = \sigma(wx + b)$ under ``loss``, from the core.

    ``"cross-entropy"`` is [propagate][dlnotes.logistic_regression.propagate]'s cost,
    ``"squared-error"`` that of [squared_error_propagate][dlnotes.squared_error.squared_error_propagate].

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = np.array([[1.0, -1.0]]), np.array([[1.0, 0.0]])
    >>> round(cost_at("cross-entropy", 0.0, 0.0, X, Y), 4), cost_at("squared-error", 0.0, 0.0, X, Y)
    (0.6931, 0.125)
    """
    return PROPAGATE[loss]([[w]], b, X, Y)[1]


def costs_along_w(w_grid: FloatArray, b: float, X: FloatArray, Y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """J(w) at each w of the grid (one feature, b fixed): squared error, then cross-entropy, both from the core."""
    squared, cross_entropy = (
        np.array([cost_at(loss, w, b, X, Y) for w in w_grid]) for loss in ("squared-error", "cross-entropy")
    )
    return squared, cross_entropy


def cost_slices(w: FloatArray = SLICE_W) -> tuple[FloatArray, FloatArray]:
    """J(w) with b = 0 on the slice data, under squared error and under cross-entropy."""
    return costs_along_w(w, 0.0, SLICE_X, SLICE_Y)


def local_minima(values: FloatArray) -> np.ndarray:
    """Indices of the grid points strictly lower than both neighbours (the ends never count).

    Examples
    --------
    >>> import numpy as np
    >>> local_minima(np.array([3.0, 1.0, 2.0, 0.5, 4.0])).tolist()
    [1, 3]
    """
    inner = (values[1:-1] < values[:-2]) & (values[1:-1] < values[2:])
    return np.flatnonzero(inner) + 1


class TwoMinimaLandscape(TypedDict):
    """The data of the two-minima figure, both costs along w, and where each descent stops."""

    X: FloatArray
    Y: FloatArray
    squared: FloatArray
    cross_entropy: FloatArray
    stops: dict[str, float]  # loss name -> the w descent from DESCENT_START ends at


@lru_cache(maxsize=1)
def two_minima_landscape() -> TwoMinimaLandscape:
    """Both costs on the grid, and where descent from DESCENT_START ends under each loss: computed once."""
    X, Y = squared_error.two_minima_data()
    squared, cross_entropy = costs_along_w(TWO_MINIMA_W, TWO_MINIMA_B, X, Y)
    stops = {}
    for loss in ("squared-error", "cross-entropy"):
        params, _, _ = squared_error.optimize_w(
            [[DESCENT_START]], TWO_MINIMA_B, X, Y, DESCENT_ITERATIONS, DESCENT_RATE, loss
        )
        stops[loss] = float(params["w"].item())
    return TwoMinimaLandscape(X=X, Y=Y, squared=squared, cross_entropy=cross_entropy, stops=stops)


@figure(
    "logistic-loss-and-cost",
    alt="Two panels. Left: the cross-entropy loss for y = 1 falls from large values to 0 as the prediction goes "
    "from 0 to 1, and for y = 0 it rises the other way. Right: on one small data set the squared-error cost "
    "of w flattens out on both sides, so it is not convex, while the cross-entropy cost is a convex bowl.",
    caption="Left: the loss $L(\\hat{y}, y) = -(y\\log\\hat{y} + (1-y)\\log(1-\\hat{y}))$ punishes a confident "
    "wrong prediction without bound. Right: a slice $J(w)$ (with $b = 0$) of the cost on eight points. "
    "Under squared error it bends the wrong way away from its minimum (not convex), yet it has only one "
    "minimum; under cross-entropy it is convex.",
)
def logistic_loss_and_cost(theme: str) -> Figure:
    p = palette(theme)
    fig, (left, right) = new_figure(ncols=2)
    # One sample with w = 1, b = 0 and x = z: the prediction is sigmoid(z) and J is that sample's loss.
    z = np.linspace(-6.2, 6.2, 500)
    y_hat = activations.sigmoid(z)
    loss_1 = np.array([logistic_regression.propagate([[1.0]], 0.0, [[zi]], [[1.0]])[1] for zi in z])
    loss_0 = np.array([logistic_regression.propagate([[1.0]], 0.0, [[zi]], [[0.0]])[1] for zi in z])
    left.plot(y_hat, loss_1, color=p["c0"], linestyle="-", label="$y = 1$: $-\\log\\hat{y}$")
    left.plot(y_hat, loss_0, color=p["c1"], linestyle="--", label="$y = 0$: $-\\log(1 - \\hat{y})$")
    left.set(title="loss of one prediction", xlabel="prediction $\\hat{y}$", ylabel="$L$", ylim=(0, 5))
    left.legend(loc="upper center")
    squared, cross_entropy = cost_slices()
    right.plot(SLICE_W, squared / squared.max(), color=p["c2"], linestyle="--", label="squared error (scaled)")
    right.plot(
        SLICE_W, cross_entropy / cross_entropy.max(), color=p["c3"], linestyle="-", label="cross-entropy (scaled)"
    )
    right.set(title="cost $J(w)$ along one weight", xlabel="$w$", ylabel="$J(w) / \\max J$")
    right.legend(loc="upper right")
    return fig


@figure(
    "squared-error-two-minima",
    alt="Two panels of the cost J against the single weight w of the model sigma(w x) without a bias, on four "
    "samples. Left, squared error: the curve has two dips, a global minimum near w = -0.15 and a higher local "
    "minimum near w = 2.35, and gradient descent on w started at w = 1 stops in the higher one. Right, "
    "cross-entropy: a single bowl with its minimum near w = -0.21, where descent from the same start arrives.",
    caption="The cost of the one weight of the model $\\hat{y} = \\sigma(wx)$, which has no bias, on four samples "
    "($x = -1, 0.1, 1, 10$ with labels $y = 0, 0, 1, 0$). Squared error has two local minima along $w$: "
    "descent from $w = 1$ (2000 steps, $\\alpha = 0.5$) stops at $w \\approx 2.35$, where $J$ is about "
    "0.166 against 0.107 at the global minimum. Cross-entropy is convex: descent from the same start "
    "reaches its only minimum. With a free bias the higher point is not a minimum: there "
    "$\\partial J / \\partial b \\approx 0.034$.",
)
def squared_error_two_minima(theme: str) -> Figure:
    p = palette(theme)
    land = two_minima_landscape()
    X, Y, stops = land["X"], land["Y"], land["stops"]
    start = DESCENT_START
    fig, axes = new_figure(ncols=2)
    panels = (
        ("squared-error", land["squared"], "squared error", p["c2"], "--"),
        ("cross-entropy", land["cross_entropy"], "cross-entropy", p["c3"], "-"),
    )
    for ax, (loss, cost, title, colour, style) in zip(axes, panels, strict=True):
        ax.plot(TWO_MINIMA_W, cost, color=colour, linestyle=style, label=f"$J(w)$, {title}")
        minima = local_minima(cost)
        for i in minima:
            kind = "only min" if len(minima) == 1 else "global min" if cost[i] == cost[minima].min() else "local min"
            ax.plot(TWO_MINIMA_W[i], cost[i], marker="o", markersize=7, color=p["text"], linestyle="none")
            offset, align = ((0, -10), "center") if kind == "local min" else ((9, -1), "left")
            ax.annotate(
                f"{kind}\n$w = {TWO_MINIMA_W[i]:.2f}$",
                (TWO_MINIMA_W[i], cost[i]),
                xytext=offset,
                textcoords="offset points",
                ha=align,
                va="top",
                fontsize=8,
                color=p["text"],
            )
        stop = stops[loss]
        j_start, j_stop = (cost_at(loss, w, TWO_MINIMA_B, X, Y) for w in (start, stop))
        ax.plot(start, j_start, marker="s", markersize=7, markerfacecolor="none", color=p["shade"], linestyle="none")
        ax.annotate(
            "",
            xy=(stop, j_stop),
            xytext=(start, j_start),
            arrowprops={"arrowstyle": "->", "color": p["shade"], "linewidth": 1.5, "connectionstyle": "arc3,rad=-0.3"},
        )
        ax.annotate(
            f"descent from $w = {start:g}$\nends at $w = {stop:.2f}$",
            (start, j_start),
            xytext=(8, 8),
            textcoords="offset points",
            fontsize=8,
            color=p["shade"],
        )
        low, high = cost.min(), cost.max()
        ax.set_ylim(low - 0.12 * (high - low), high + 0.05 * (high - low))
        ax.set(title=title, xlabel="$w$ (with $b = 0$)", ylabel="$J(w)$")
    return fig
