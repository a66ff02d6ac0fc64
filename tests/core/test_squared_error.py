"""The core behind the logistic-regression page: squared error, descent on w alone, the two-minima data.

Also the claims the page's figures make in their alt text and captions.
"""

import numpy as np
import pytest

from dlnotes.logistic_regression import optimize, propagate
from dlnotes.squared_error import optimize_w, squared_error_propagate, two_minima_data
from tests.core.random_problems import random_problem


def grid_costs(propagate_fn, ws, X, Y):
    return np.array([propagate_fn(np.array([[w]]), 0.0, X, Y)[1] for w in ws])


def strict_local_minima(values):
    return np.flatnonzero((values[1:-1] < values[:-2]) & (values[1:-1] < values[2:])) + 1


# ---- squared_error_propagate -------------------------------------------------------------
def test_squared_error_by_hand_on_one_sample():
    # z = 0.5*2 - 0.25 = 0.75; a = sigmoid(0.75); y = 0: J = a^2 / 2, dz = a * a * (1 - a), dw = x dz
    a = 1 / (1 + np.exp(-0.75))
    grads, cost = squared_error_propagate(np.array([[0.5]]), -0.25, np.array([[2.0]]), np.array([[0.0]]))
    assert cost == pytest.approx(a**2 / 2, rel=1e-13)
    assert grads["db"] == pytest.approx(a * a * (1 - a), rel=1e-13)
    assert grads["dw"] == pytest.approx(np.array([[2.0 * a * a * (1 - a)]]), rel=1e-13)


def test_squared_error_gradient_vanishes_for_a_confident_mistake_and_cross_entropy_does_not():
    X, Y = np.array([[1.0]]), np.array([[0.0]])
    w = np.array([[30.0]])  # a = sigmoid(30), within 1e-13 of 1, for a label 0
    assert abs(squared_error_propagate(w, 0.0, X, Y)[0]["dw"].item()) < 1e-12
    assert propagate(w, 0.0, X, Y)[0]["dw"].item() == pytest.approx(1.0, abs=1e-12)


def test_squared_error_refuses_what_propagate_refuses():
    with pytest.raises(ValueError, match=r"Y has shape \(3,\), a rank-1 array"):
        squared_error_propagate(np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.array([0.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match=r"w has shape \(3, 1\), expected \(2, 1\)"):
        squared_error_propagate(np.zeros((3, 1)), 0.0, np.ones((2, 3)), np.array([[0.0, 1.0, 1.0]]))


# ---- optimize_w ----------------------------------------------------------------------------
def test_optimize_w_keeps_b_and_steps_like_optimize():
    w, b, X, Y = random_problem(3, 10, 30)
    params, _, _ = optimize_w(w, b, X, Y, num_iterations=1, learning_rate=0.1)
    reference, _, _ = optimize(w, b, X, Y, num_iterations=1, learning_rate=0.1)
    assert params["b"] == b
    np.testing.assert_allclose(params["w"], reference["w"], rtol=1e-15)  # first step: same w update


@pytest.mark.parametrize("loss", ["cross-entropy", "squared-error"])
def test_optimize_w_lowers_the_cost_and_leaves_inputs_alone(loss):
    w, b, X, Y = random_problem(2, 20, 31)
    copies = [w.copy(), X.copy(), Y.copy()]
    params, _, costs = optimize_w(w, b, X, Y, num_iterations=301, learning_rate=0.5, loss=loss)
    cost_of = propagate if loss == "cross-entropy" else squared_error_propagate
    assert len(costs) == 4
    assert costs == sorted(costs, reverse=True)
    assert cost_of(params["w"], b, X, Y)[1] < costs[0]
    for original, copy in zip((w, X, Y), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"loss": "hinge"},
            ValueError,
            r"loss must be one of the strings \['cross-entropy', 'squared-error'\], got 'hinge'",
        ),
        ({"loss": None}, TypeError, "loss must be one of"),
        ({"num_iterations": -1}, ValueError, "num_iterations must be a whole number >= 0"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a finite number > 0"),
    ],
)
def test_optimize_w_refuses_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        optimize_w(np.zeros((1, 1)), 0.0, np.ones((1, 2)), np.array([[0.0, 1.0]]), **kwargs)


# ---- the two-minima data ----------------------------------------------------------------
W = np.linspace(-3.0, 5.0, 801)


def test_squared_error_has_two_minima_and_cross_entropy_is_convex():
    X, Y = two_minima_data()
    squared = grid_costs(squared_error_propagate, W, X, Y)
    minima = strict_local_minima(squared)
    assert len(minima) == 2
    low, high = sorted(minima, key=lambda i: squared[i])
    assert round(W[low], 2) == -0.15
    assert round(W[high], 2) == 2.35
    assert squared[high] - squared[low] > 0.05
    assert squared[low:high].max() - squared[high] > 0.02  # a real barrier between them, not a ripple
    cross_entropy = grid_costs(propagate, W, X, Y)
    assert np.diff(cross_entropy, 2).min() > 0  # second differences all positive: convex on the grid
    assert len(strict_local_minima(cross_entropy)) == 1


def test_descent_ends_in_the_basin_it_starts_in():
    X, Y = two_minima_data()
    ends = {}
    for loss in ("squared-error", "cross-entropy"):
        for start in (1.0, 0.0):
            params, grads, _ = optimize_w([[start]], 0.0, X, Y, 2000, 0.5, loss)
            ends[loss, start] = params["w"].item()
            assert abs(grads["dw"].item()) < 1e-4  # it has stopped moving
    assert round(ends["squared-error", 1.0], 2) == 2.35
    assert round(ends["squared-error", 0.0], 2) == -0.15
    assert ends["cross-entropy", 1.0] == pytest.approx(ends["cross-entropy", 0.0], abs=1e-9)
    cross_entropy = grid_costs(propagate, W, X, Y)
    assert abs(ends["cross-entropy", 1.0] - W[np.argmin(cross_entropy)]) < 0.01


def test_the_outlier_stops_pulling_at_the_local_minimum():
    X, Y = two_minima_data()
    w = np.array([[2.35]])
    outlier = X[:, 3:], Y[:, 3:]
    assert outlier[0].item() == 10.0
    assert outlier[1].item() == 0.0
    assert abs(squared_error_propagate(w, 0.0, *outlier)[0]["db"]) < 1e-9  # dz of the outlier alone
    assert propagate(w, 0.0, *outlier)[0]["db"] > 0.999


def test_three_points_prefer_a_positive_w_and_the_fourth_a_negative_one():
    X, Y = two_minima_data()
    three = X[:, :3], Y[:, :3]
    assert squared_error_propagate([[2.35]], 0.0, *three)[1] < squared_error_propagate([[0.0]], 0.0, *three)[1]
    assert squared_error_propagate([[-1.0]], 0.0, X[:, 3:], Y[:, 3:])[1] < 1e-8


def test_the_higher_minimum_along_w_is_not_a_minimum_of_j_of_w_and_b():
    X, Y = two_minima_data()
    params, _, _ = optimize_w([[1.0]], 0.0, X, Y, 2000, 0.5, "squared-error")
    w = params["w"]
    grads, cost = squared_error_propagate(w, 0.0, X, Y)
    assert abs(grads["dw"].item()) < 1e-4
    assert grads["db"] > 0.01
    assert squared_error_propagate(w, -0.1 * grads["db"], X, Y)[1] < cost  # a step in b goes down


# ---- what the figures say ------------------------------------------------------------------
