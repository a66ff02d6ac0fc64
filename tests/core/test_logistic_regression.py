"""Logistic regression: reference values, gradient checks, refusals, and the flower contrast."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reference import loop_propagate
from dlnotes.datasets import flower
from dlnotes.gradient_check import numerical_gradient, relative_difference
from dlnotes.logistic_regression import initialize_with_zeros, model, optimize, predict, propagate
from dlnotes.squared_error import squared_error_propagate
from tests.core.random_problems import random_problem


def test_initialize_with_zeros_gives_a_zero_column_and_a_float_bias():
    w, b = initialize_with_zeros(5)
    assert w.shape == (5, 1)
    assert not w.any()
    assert b == 0.0
    assert isinstance(b, float)


@pytest.mark.parametrize(
    ("dim", "error"),
    [(0, ValueError), (-1, ValueError), (10**400, ValueError), (2.5, TypeError), (True, TypeError), ("3", TypeError)],
)
def test_initialize_refuses_bad_dim(dim, error):
    # A whole number of the wrong size is a ValueError; anything that is not a whole number, a TypeError.
    with pytest.raises(error, match="dim must be a positive whole number"):
        initialize_with_zeros(dim)


def test_propagate_by_hand_on_one_sample():
    # z = 1*2 + 0.5 = 2.5; a = sigmoid(2.5); y = 1: cost = -log(a), dw = (a - 1) x, db = a - 1
    a = 1 / (1 + np.exp(-2.5))
    grads, cost = propagate(np.array([[1.0]]), 0.5, np.array([[2.0]]), np.array([[1.0]]))
    assert cost == pytest.approx(-np.log(a), rel=1e-13)
    assert grads["dw"] == pytest.approx(np.array([[(a - 1) * 2.0]]), rel=1e-13)
    assert grads["db"] == pytest.approx(a - 1, rel=1e-13)


@pytest.mark.parametrize(("n_x", "m", "seed"), [(1, 1, 0), (3, 7, 1), (10, 50, 2), (4, 200, 3)])
def test_propagate_matches_the_per_sample_loop(n_x, m, seed):
    w, b, X, Y = random_problem(n_x, m, seed)
    grads, cost = propagate(w, b, X, Y)
    loop_grads, loop_cost = loop_propagate(w, b, X, Y)
    assert cost == pytest.approx(loop_cost, rel=1e-12)
    np.testing.assert_allclose(grads["dw"], loop_grads["dw"], rtol=1e-11, atol=1e-14)
    assert grads["db"] == pytest.approx(loop_grads["db"], rel=1e-11, abs=1e-14)


@pytest.mark.parametrize("cost_fn", [propagate, squared_error_propagate])
@pytest.mark.parametrize(("n_x", "m", "seed"), [(1, 3, 10), (2, 5, 11), (6, 20, 12), (12, 40, 13)])
def test_gradients_pass_the_gradient_check(cost_fn, n_x, m, seed):
    # Both losses the notes compare, cross-entropy and squared error, share the signature and the check.
    w, b, X, Y = random_problem(n_x, m, seed)
    grads, _ = cost_fn(w, b, X, Y)
    dw_approx = numerical_gradient(lambda v: cost_fn(v, b, X, Y)[1], w)
    db_approx = numerical_gradient(lambda v: cost_fn(w, float(v), X, Y)[1], np.array(b))
    assert relative_difference(grads["dw"], dw_approx) < 1e-7
    assert relative_difference(grads["db"], db_approx) < 1e-7


def test_cost_stays_finite_when_predictions_saturate():
    grads, cost = propagate(np.array([[1000.0]]), 0.0, np.array([[1.0, -1.0]]), np.array([[0.0, 1.0]]))
    assert cost == pytest.approx(1000.0)  # each sample is 1000 nats wrong; a naive log gives inf
    assert np.isfinite(grads["dw"]).all()


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 6), st.integers(1, 30), st.integers(0, 10_000))
def test_cost_is_non_negative_and_gradient_shapes_follow_w(n_x, m, seed):
    w, b, X, Y = random_problem(n_x, m, seed)
    grads, cost = propagate(w, b, X, Y)
    assert cost >= 0
    assert grads["dw"].shape == (n_x, 1)
    assert isinstance(grads["db"], float)


def test_optimize_lowers_the_cost_and_records_every_100():
    X, Y = flower(m=100)
    w, b = initialize_with_zeros(2)
    _, _, costs = optimize(w, b, X, Y, num_iterations=350, learning_rate=0.1)
    assert len(costs) == 4  # iterations 0, 100, 200, 300
    assert costs[0] == pytest.approx(np.log(2))  # w = 0, b = 0 predicts 0.5 everywhere
    assert costs[-1] < costs[0]
    assert not w.any()
    assert b == 0.0


def test_optimize_prints_when_asked(capsys):
    X, Y = flower(m=20)
    optimize(np.zeros((2, 1)), 0.0, X, Y, num_iterations=101, print_cost=True)
    assert capsys.readouterr().out.splitlines() == [
        "Cost after iteration 0: 0.693147",
        f"Cost after iteration 100: {optimize(np.zeros((2, 1)), 0.0, X, Y, 101)[2][1]:f}",
    ]


def test_predict_thresholds_at_one_half():
    # sigmoid(z) > 0.5 exactly when z > 0; z = 0 gives 0.5, which is not above the threshold
    preds = predict(np.array([[1.0]]), 0.0, np.array([[-0.1, 0.0, 0.1]]))
    assert preds.tolist() == [[0, 0, 1]]
    assert preds.dtype == np.int64


def test_model_returns_everything_and_stays_near_chance_on_the_flower():
    X, Y = flower()
    d = model(X, Y, X, Y, num_iterations=2000, learning_rate=0.5)
    assert set(d) == {"costs", "Y_prediction_train", "Y_prediction_test", "w", "b", "learning_rate", "num_iterations"}
    assert len(d["costs"]) == 20
    assert d["w"].shape == (2, 1)
    accuracy = np.mean(d["Y_prediction_train"] == Y)
    assert 0.35 <= accuracy <= 0.65, accuracy


# ---- refusals --------------------------------------------------------------------------
W, B, X3, Y3 = np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.array([[0.0, 1.0, 1.0]])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (W, B, X3, np.array([0.0, 1.0, 1.0])),
            r"Y has shape \(3,\), a rank-1 array.*Y.reshape\(1, -1\) to get shape \(1, 3\)",
        ),
        (
            (W, B, X3, np.array([[0.0, 1.0]])),
            r"Y has shape \(1, 2\) but X has m = 3 samples.*expected Y of shape \(1, 3\)",
        ),
        ((W, B, X3, np.array([[0.0], [1.0], [1.0]])), r"Y has shape \(3, 1\), expected a \(1, m\) row with m = 3"),
        ((W, B, X3, np.array([[0.0, 2.0, 1.0]])), r"Y must hold only the labels 0 and 1, found \[2.0\]"),
        ((np.zeros((3, 1)), B, X3, Y3), r"w has shape \(3, 1\), expected \(2, 1\).*n_x = 2"),
        ((np.zeros(2), B, X3, Y3), r"w must be a 2-D array of shape \(2, 1\).*got shape \(2,\).*w.reshape\(2, 1\)"),
        ((W, B, np.ones(3), Y3), r"X must be a 2-D array of shape \(n, m\).*got shape \(3,\)"),
        (
            (W, B, np.array([[1.0, np.nan, 0.0], [0.0, 0.0, 0.0]]), Y3),
            r"X contains 1 NaN or infinite value\(s\) \(shape \(2, 3\)\)",
        ),
        ((W, np.inf, X3, Y3), r"b contains 1 NaN or infinite"),
        ((W, np.zeros(2), X3, Y3), r"b must be a single number, got an array of shape \(2,\)"),
        ((W, B, np.ones((2, 0)), np.ones((1, 0))), r"X has shape \(2, 0\): it holds no samples"),
    ],
)
def test_propagate_refuses_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        propagate(*args)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"num_iterations": -1}, ValueError, "num_iterations must be a whole number >= 0"),
        ({"num_iterations": 1.5}, TypeError, "num_iterations must be a whole number >= 0, got float 1.5"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a finite number > 0"),
        ({"learning_rate": float("nan")}, ValueError, "learning_rate must be a finite number > 0"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a finite number > 0, got str '0.1'"),
        ({"print_cost": "no"}, TypeError, "print_cost must be True or False, got str 'no'"),
    ],
)
def test_optimize_refuses_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        optimize(W, B, X3, Y3, **kwargs)


def test_model_refuses_mismatched_sets():
    with pytest.raises(ValueError, match=r"X_test has shape \(3, 2\) but X_train has shape \(2, 3\)"):
        model(X3, Y3, np.ones((3, 2)), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"Y_test has shape \(1, 3\) but X has m = 2"):
        model(X3, Y3, np.ones((2, 2)), Y3)


def test_no_input_is_mutated():
    w, b, X, Y = random_problem(3, 10, 5)
    copies = [w.copy(), X.copy(), Y.copy()]
    propagate(w, b, X, Y)
    optimize(w, b, X, Y, num_iterations=5)
    predict(w, b, X)
    model(X, Y, X, Y, num_iterations=5)
    for original, copy in zip((w, X, Y), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


def test_propagate_survives_underflow_under_seterr_raise():
    old = np.seterr(all="raise")
    try:
        grads, cost = propagate(np.ones((1, 1)), 0.0, [[800.0]], [[1]])
    finally:
        np.seterr(**old)
    assert cost == 0.0
    assert grads["db"] == 0.0


@pytest.mark.parametrize("which", ["X_train", "X_test"])
def test_model_says_which_X_looks_transposed(which):
    X, Y = flower(m=10)
    X_train, X_test = (X.T, X) if which == "X_train" else (X, X.T)
    with pytest.raises(ValueError, match=rf"^{which} has shape \(10, 2\) .*{which} looks transposed"):
        model(X_train, Y, X_test, Y, num_iterations=1)
