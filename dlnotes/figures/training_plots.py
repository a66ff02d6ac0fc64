"""Training on the flower data: cost curves and decision boundaries, logistic regression against the network."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure

from dlnotes import logistic_regression, shallow_network, shallow_training
from dlnotes._checks import FloatArray
from dlnotes.datasets import flower
from dlnotes.figures._draw import new_figure
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

LOGISTIC_ITERATIONS, LOGISTIC_RATE = 2000, 0.5
NN_ITERATIONS, NN_HIDDEN = 10000, 4
NN_SEED, NN_RATE = 3, 1.2  # nn_model's defaults (a test checks they still are)
COST_EVERY = 100  # logistic_regression.model records its cost this often; the network's is recorded to match


@dataclass(frozen=True)
class TrainingRuns:
    """Both models trained on the flower data, as the two training figures read them."""

    X: FloatArray
    Y: npt.NDArray[np.int64]
    logistic: dict[str, Any]  # what logistic_regression.model returns
    network: shallow_network.Parameters
    network_costs: list[float]


@functools.cache
def training_runs() -> TrainingRuns:
    """Train both models once per process: both figures and both themes share the runs."""
    X, Y = flower()
    logistic = logistic_regression.model(X, Y, X, Y, num_iterations=LOGISTIC_ITERATIONS, learning_rate=LOGISTIC_RATE)
    # One run gives both the parameters of nn_model and the costs of cost_history (the same run, recorded).
    # _fit skips the public checks that would turn the 0/1 labels into floats, so that is done here.
    network, network_costs = shallow_training._fit(
        X, Y.astype(np.float64), NN_HIDDEN, NN_ITERATIONS, NN_SEED, NN_RATE, every=COST_EVERY
    )
    return TrainingRuns(X, Y, logistic, network, network_costs)


@figure(
    "training-cost",
    alt="Two panels of cost against iterations on the flower data. Logistic regression's cost drops only from 0.69 "
    "to about 0.65 over 2000 iterations. The two-layer network's cost falls from 0.69 to about 0.15 over 10000 "
    "iterations.",
    caption="Cost during training on the 400 flower points, recorded every 100 iterations. Both start at "
    "$\\log 2 \\approx 0.69$, the cost of predicting 0.5 everywhere. Logistic regression stalls a little "
    "below it; the network with 4 tanh hidden units keeps improving.",
)
def training_cost(theme: str) -> Figure:
    p = palette(theme)
    runs = training_runs()
    fig, (left, right) = new_figure(ncols=2)
    logistic_costs = runs.logistic["costs"]
    left.plot(
        np.arange(len(logistic_costs)) * COST_EVERY,
        logistic_costs,
        color=p["c0"],
        linestyle="-",
        marker="o",
        markersize=3,
    )
    left.set(title="logistic regression", xlabel="iteration", ylabel="cost $J$")
    right.plot(np.arange(len(runs.network_costs)) * COST_EVERY, runs.network_costs, color=p["c1"], linestyle="--")
    right.set(title=f"two-layer network, $n_h = {NN_HIDDEN}$", xlabel="iteration", ylabel="cost $J$")
    return fig


@figure(
    "decision-boundaries",
    alt="Two scatter plots of the flower data, red circles and blue triangles arranged as petals. On the left, "
    "logistic regression splits the plane with one straight line and gets about half the points right. On the "
    "right, the two-layer network's boundary curves around the petals and gets about 95 percent right.",
    caption="Decision regions on the flower data. A straight line cannot separate the petals; one hidden layer of "
    "4 tanh units can. Training accuracy is in each title.",
)
def decision_boundaries(theme: str) -> Figure:
    p = palette(theme)
    runs = training_runs()
    X, Y = runs.X, runs.Y
    xs = np.linspace(X[0].min() - 0.5, X[0].max() + 0.5, 240)
    ys = np.linspace(X[1].min() - 0.5, X[1].max() + 0.5, 240)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.stack([gx.ravel(), gy.ravel()])
    logistic, network = runs.logistic, runs.network
    panels = [
        (
            "logistic regression",
            logistic_regression.predict(logistic["w"], logistic["b"], grid),
            logistic["Y_prediction_train"],
        ),
        (
            f"two-layer network, $n_h = {NN_HIDDEN}$",
            shallow_training.predict(network, grid),
            shallow_training.predict(network, X),
        ),
    ]
    fig, axes = new_figure(ncols=2, width=8.0, height=3.9)
    for ax, (title, regions, train_predictions) in zip(axes, panels, strict=True):
        accuracy = 100 * float(np.mean(train_predictions == Y))
        ax.contourf(
            gx, gy, regions.reshape(gx.shape), levels=[-0.5, 0.5, 1.5], colors=[p["c1"], p["c0"]], alpha=0.25
        ).set_rasterized(True)  # a dense contour is smaller as one embedded image
        for label, marker, colour in ((0, "o", p["shade"]), (1, "^", p["c0"])):
            mask = Y[0] == label
            ax.scatter(X[0, mask], X[1, mask], s=9, marker=marker, color=colour, label=f"class {label}", linewidths=0)
        ax.set(title=f"{title}: {accuracy:.1f}% correct", xlabel="$x_1$", ylabel="$x_2$")
        ax.grid(False)
    axes[0].legend(loc="lower left", markerscale=1.5)
    return fig
