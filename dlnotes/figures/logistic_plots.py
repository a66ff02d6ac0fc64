"""The logistic-regression loss, and why cross-entropy rather than squared error."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from dlnotes import activations
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

# A small one-feature data set with overlapping classes, so the best w is finite.
SLICE_X = np.array([[-3.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 3.0]])
SLICE_Y = np.array([[0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0]])
SLICE_W = np.linspace(-8.0, 8.0, 801)


def cost_slices(w: np.ndarray = SLICE_W) -> tuple[np.ndarray, np.ndarray]:
    """J(w) with b = 0 on the slice data, under squared error and under cross-entropy."""
    a = activations.sigmoid(w[:, None] * SLICE_X[0][None, :])
    squared = np.mean(0.5 * (a - SLICE_Y[0]) ** 2, axis=1)
    z = w[:, None] * SLICE_X[0][None, :]
    cross_entropy = np.mean(np.logaddexp(0.0, z) - SLICE_Y[0] * z, axis=1)
    return squared, cross_entropy


@figure(
    "logistic-loss-and-cost",
    alt="Two panels. Left: the cross-entropy loss for y = 1 falls from large values to 0 as the prediction goes "
        "from 0 to 1, and for y = 0 it rises the other way. Right: on one small data set the squared-error cost "
        "of w flattens out on both sides, so it is not convex, while the cross-entropy cost is a convex bowl.",
    caption="Left: the loss $L(\\hat{y}, y) = -(y\\log\\hat{y} + (1-y)\\log(1-\\hat{y}))$ punishes a confident "
            "wrong prediction without bound. Right: a slice $J(w)$ (with $b = 0$) of the cost on eight points. "
            "Under squared error it bends the wrong way away from the minimum (not convex); under cross-entropy "
            "it is convex.",
)
def logistic_loss_and_cost(theme: str) -> Figure:
    p = palette(theme)
    fig, (left, right) = new_figure(ncols=2)
    y_hat = np.linspace(0.002, 0.998, 500)
    left.plot(y_hat, -np.log(y_hat), color=p["c0"], linestyle="-", label="$y = 1$: $-\\log\\hat{y}$")
    left.plot(y_hat, -np.log(1 - y_hat), color=p["c1"], linestyle="--", label="$y = 0$: $-\\log(1 - \\hat{y})$")
    left.set(title="loss of one prediction", xlabel="prediction $\\hat{y}$", ylabel="$L$", ylim=(0, 5))
    left.legend(loc="upper center")
    squared, cross_entropy = cost_slices()
    right.plot(SLICE_W, squared / squared.max(), color=p["c2"], linestyle="--", label="squared error (scaled)")
    right.plot(SLICE_W, cross_entropy / cross_entropy.max(), color=p["c3"], linestyle="-",
               label="cross-entropy (scaled)")
    right.set(title="cost $J(w)$ along one weight", xlabel="$w$", ylabel="$J(w) / \\max J$")
    right.legend(loc="upper right")
    return fig
