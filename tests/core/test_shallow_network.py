"""The two-layer network: the six equations by hand, gradient checks, refusals, the flower."""

import contextlib
import io
import re

import numpy as np
import pytest

from benchmarks.reference import inline_nn_model
from dlnotes import logistic_regression
from dlnotes.activations import sigmoid
from dlnotes.datasets import flower
from dlnotes.gradient_check import gradient_check
from dlnotes.shallow_network import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    layer_sizes,
    update_parameters,
)
from dlnotes.shallow_training import cost_history, nn_model, predict


def random_network(n_x, n_h, m, seed):
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.standard_normal((n_h, n_x)),
        "b1": rng.standard_normal((n_h, 1)),
        "W2": rng.standard_normal((1, n_h)),
        "b2": rng.standard_normal((1, 1)),
    }
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return params, X, Y


def test_layer_sizes_reads_n_x_and_n_y_from_the_data():
    assert layer_sizes(np.zeros((5, 3)), np.zeros((1, 3)), n_h=7) == (5, 7, 1)


def test_initialize_parameters_shapes_scale_and_seed():
    p = initialize_parameters(2, 4, 1, seed=7)
    assert {k: v.shape for k, v in p.items()} == {"W1": (4, 2), "b1": (4, 1), "W2": (1, 4), "b2": (1, 1)}
    assert not p["b1"].any()
    assert not p["b2"].any()
    assert 0 < np.abs(p["W1"]).max() < 0.05
    again = initialize_parameters(2, 4, 1, seed=7)
    assert all(np.array_equal(p[k], again[k]) for k in p)
    assert not np.array_equal(p["W1"], initialize_parameters(2, 4, 1, seed=8)["W1"])


def test_forward_by_hand():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.5]]), "W2": np.array([[2.0]]), "b2": np.array([[-1.0]])}
    X = np.array([[1.0], [2.0]])
    A2, cache = forward_propagation(X, params)
    z1 = 1.0 - 2.0 + 0.5
    a1 = np.tanh(z1)
    z2 = 2.0 * a1 - 1.0
    assert cache["Z1"].item() == pytest.approx(z1)
    assert cache["A1"].item() == pytest.approx(a1)
    assert cache["Z2"].item() == pytest.approx(z2)
    assert A2.item() == pytest.approx(1 / (1 + np.exp(-z2)))


def test_backward_by_hand_on_one_sample():
    params = {"W1": np.array([[0.5]]), "b1": np.array([[0.0]]), "W2": np.array([[-1.0]]), "b2": np.array([[0.2]])}
    X, Y = np.array([[2.0]]), np.array([[1.0]])
    _, cache = forward_propagation(X, params)
    a1 = np.tanh(1.0)
    a2 = 1 / (1 + np.exp(-(-a1 + 0.2)))
    grads = backward_propagation(params, cache, X, Y)
    dz2 = a2 - 1.0
    dz1 = -1.0 * dz2 * (1 - a1**2)
    assert grads["dW2"].item() == pytest.approx(dz2 * a1)
    assert grads["db2"].item() == pytest.approx(dz2)
    assert grads["dW1"].item() == pytest.approx(dz1 * 2.0)
    assert grads["db1"].item() == pytest.approx(dz1)


def test_compute_cost_by_hand():
    assert compute_cost(np.array([[0.8, 0.1]]), np.array([[1, 0]])) == pytest.approx(-(np.log(0.8) + np.log(0.9)) / 2)


@pytest.mark.parametrize(("n_x", "n_h", "m", "seed"), [(1, 1, 1, 0), (2, 4, 5, 1), (3, 5, 17, 2), (5, 2, 40, 3)])
def test_all_four_gradients_pass_the_gradient_check(n_x, n_h, m, seed):
    params, X, Y = random_network(n_x, n_h, m, seed)
    _, cache = forward_propagation(X, params)
    grads = backward_propagation(params, cache, X, Y)
    report = gradient_check(lambda p: compute_cost(forward_propagation(X, p)[0], Y), params, grads)
    assert set(report) == {"W1", "b1", "W2", "b2"}
    assert all(d < 1e-7 for d in report.values()), report


def test_gradient_check_catches_a_wrong_equation():
    # The notes' dZ1 multiplies by g'(Z1); dropping it must be caught, or the check proves nothing.
    params, X, Y = random_network(3, 4, 10, 9)
    _, cache = forward_propagation(X, params)
    grads = backward_propagation(params, cache, X, Y)
    dZ1_wrong = params["W2"].T @ (cache["A2"] - Y)
    grads["dW1"] = dZ1_wrong @ X.T / X.shape[1]
    report = gradient_check(lambda p: compute_cost(forward_propagation(X, p)[0], Y), params, grads)
    assert report["W1"] > 1e-3
    assert report["W2"] < 1e-7


def test_update_parameters_returns_new_arrays():
    params, _, _ = random_network(2, 3, 1, 4)
    before = {k: v.copy() for k, v in params.items()}
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    new = update_parameters(params, grads, learning_rate=0.1)
    for k in params:
        np.testing.assert_allclose(new[k], before[k] - 0.1)
        np.testing.assert_array_equal(params[k], before[k])


def test_nn_model_learns_the_flower_and_beats_logistic_regression():
    # The notes' point: no line separates the petals, one hidden layer of four units does.
    X, Y = flower()
    network = np.mean(predict(nn_model(X, Y, n_h=4, num_iterations=10000), X) == Y)
    linear = logistic_regression.model(X, Y, X, Y, num_iterations=2000, learning_rate=0.5)
    logistic = np.mean(linear["Y_prediction_train"] == Y)
    assert network >= 0.88, network
    assert network - logistic >= 0.2, (network, logistic)


def test_nn_model_equals_the_bare_training_loop():
    X, Y = flower(m=60)
    ours = nn_model(X, Y, n_h=3, num_iterations=300, seed=5)
    bare = inline_nn_model(X, Y, n_h=3, num_iterations=300, seed=5)
    for k in ours:
        np.testing.assert_allclose(ours[k], bare[k], rtol=1e-10, atol=1e-13)


# print_cost: what nn_model's docstring promises, printed after training, never during it.
@pytest.fixture(scope="module")
def small_flower():
    X, Y = flower(m=40)
    return X, Y


def test_print_cost_false_prints_nothing_and_trains(small_flower, capsys):
    X, Y = small_flower
    params = nn_model(X, Y, n_h=3, num_iterations=1500)
    assert capsys.readouterr().out == ""
    assert set(params) == {"W1", "b1", "W2", "b2"}


def test_print_cost_prints_the_costs_cost_history_records(small_flower, capsys):
    X, Y = small_flower
    nn_model(X, Y, n_h=3, num_iterations=2500, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    printed = [re.fullmatch(r"Cost after iteration (\d+): (\d+\.\d{6})", line) for line in lines]
    assert all(printed), lines
    assert [int(match[1]) for match in printed if match] == [0, 1000, 2000]
    expected = cost_history(X, Y, n_h=3, num_iterations=2500, every=1000)
    assert np.allclose([float(match[2]) for match in printed if match], expected, atol=1e-6)


def test_a_run_that_overflows_prints_nothing(small_flower, capsys):
    X, Y = small_flower
    with pytest.raises(ValueError, match="learning_rate"):
        nn_model(X * 1e300, Y, n_h=3, num_iterations=1500, print_cost=True, learning_rate=1.7e308)
    assert capsys.readouterr().out == ""


def test_no_input_is_mutated():
    params, X, Y = random_network(2, 3, 8, 6)
    snapshot = {k: v.copy() for k, v in params.items()}, X.copy(), Y.copy()
    _, cache = forward_propagation(X, params)
    cache_before = {k: v.copy() for k, v in cache.items()}
    grads = backward_propagation(params, cache, X, Y)
    update_parameters(params, grads)
    nn_model(X, Y, 3, num_iterations=3)
    predict(params, X)
    for k in params:
        np.testing.assert_array_equal(params[k], snapshot[0][k])
    for k in cache:
        np.testing.assert_array_equal(cache[k], cache_before[k])
    np.testing.assert_array_equal(X, snapshot[1])
    np.testing.assert_array_equal(Y, snapshot[2])


# ---- refusals --------------------------------------------------------------------------
GOOD, X2, Y2 = initialize_parameters(2, 3, 1), np.ones((2, 4)), np.array([[0, 1, 0, 1]])


def without(key):
    return {k: v for k, v in GOOD.items() if k != key}


@pytest.mark.parametrize(
    ("params", "X", "message"),
    [
        (without("b2"), X2, r"parameters is missing \['b2'\]"),
        ({**GOOD, "b1": np.zeros((4, 1))}, X2, r"parameters\['b1'\] has shape \(4, 1\), expected \(3, 1\)"),
        ({**GOOD, "W2": np.zeros((1, 5))}, X2, r"parameters\['W2'\] has shape \(1, 5\), expected \(1, 3\)"),
        (
            GOOD,
            np.ones((3, 4)),
            r"parameters\['W1'\] has shape \(3, 2\), so it expects X with 2 rows, but X has shape \(3, 4\)",
        ),
        ({**GOOD, "W1": np.full((3, 2), np.nan)}, X2, r"parameters\['W1'\] contains 6 NaN"),
        ({**GOOD, "W2": np.zeros((2, 3)), "b2": np.zeros((2, 1))}, X2, r"needs n_y = 1"),
    ],
)
def test_forward_refuses_bad_parameters(params, X, message):
    with pytest.raises(ValueError, match=message):
        forward_propagation(X, params)


def test_forward_refuses_what_is_not_a_dict_with_a_type_error():
    with pytest.raises(TypeError, match="parameters must be a dict of arrays, got str 'not a dict'"):
        forward_propagation(X2, "not a dict")  # type: ignore[arg-type]  # deliberately wrong: the refusal under test


def test_backward_refuses_bad_labels_and_cache():
    _, cache = forward_propagation(X2, GOOD)
    with pytest.raises(ValueError, match=r"Y has shape \(4,\), a rank-1 array"):
        backward_propagation(GOOD, cache, X2, np.array([0, 1, 0, 1]))
    with pytest.raises(ValueError, match=r"Y must hold only the labels 0 and 1, found \[0.5\]"):
        backward_propagation(GOOD, cache, X2, np.array([[0, 1, 0.5, 1]]))
    with pytest.raises(ValueError, match=r"cache is missing \['A1'\]"):
        backward_propagation(GOOD, {"A2": cache["A2"]}, X2, Y2)
    with pytest.raises(ValueError, match=r"cache\['A1'\] has shape \(3, 4\), expected \(3, 5\)"):
        backward_propagation(GOOD, cache, np.ones((2, 5)), np.array([[0, 1, 0, 1, 1]]))


def test_update_refuses_mismatched_grads():
    grads = {"d" + k: np.zeros_like(v) for k, v in GOOD.items()}
    with pytest.raises(ValueError, match=r"grads is missing \['dW1'\]"):
        update_parameters(GOOD, {k: v for k, v in grads.items() if k != "dW1"})
    with pytest.raises(ValueError, match=r"grads\['db2'\] has shape \(2, 1\), expected \(1, 1\)"):
        update_parameters(GOOD, {**grads, "db2": np.zeros((2, 1))})


def test_compute_cost_refuses_probabilities_outside_the_closed_interval():
    with pytest.raises(ValueError, match=r"A2 must hold probabilities, from 0 to 1, got values from 0.5 to 1.5"):
        compute_cost(np.array([[1.5, 0.5]]), np.array([[1, 0]]))
    with pytest.raises(ValueError, match=r"A2 must hold probabilities, from 0 to 1, got values from -0.5 to 0.5"):
        compute_cost(np.array([[-0.5, 0.5]]), np.array([[1, 0]]))


def test_nn_model_refuses_bad_input():
    with pytest.raises(ValueError, match=r"Y has shape \(1, 3\) but X has m = 4 samples"):
        nn_model(X2, np.array([[0, 1, 1]]), 4, num_iterations=1)
    with pytest.raises(ValueError, match="n_h must be a positive whole number"):
        nn_model(X2, Y2, 0, num_iterations=1)


def test_cost_history_follows_the_same_run_as_nn_model():
    from dlnotes.shallow_training import cost_history

    X, Y = flower(m=80)
    costs = cost_history(X, Y, n_h=3, num_iterations=301, every=100, seed=4)
    assert len(costs) == 4
    # Iteration 0's cost is that of the initial parameters, and iteration 300's that of nn_model after 300 steps.
    start = initialize_parameters(2, 3, 1, seed=4)
    assert costs[0] == pytest.approx(compute_cost(forward_propagation(X, start)[0], Y), rel=1e-12)
    after = nn_model(X, Y, n_h=3, num_iterations=300, seed=4)
    assert costs[3] == pytest.approx(compute_cost(forward_propagation(X, after)[0], Y), rel=1e-12)
    with pytest.raises(ValueError, match="every must be a positive whole number"):
        cost_history(X, Y, n_h=3, every=0)


def test_a_saturating_run_records_finite_costs_and_warns_nothing(strict):
    costs = cost_history(*flower(), n_h=4, num_iterations=5000, every=500, learning_rate=100.0)
    assert len(costs) == 10
    assert np.isfinite(costs).all()


def test_nn_model_never_prints_nan(strict):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        nn_model(*flower(), n_h=4, num_iterations=5000, learning_rate=100.0, print_cost=True)
    lines = printed.getvalue().splitlines()
    assert len(lines) == 5, lines
    assert not any("nan" in line or "inf" in line for line in lines), lines
    recorded = cost_history(*flower(), n_h=4, num_iterations=5000, every=1000, learning_rate=100.0)
    assert lines == [f"Cost after iteration {1000 * i}: {cost:f}" for i, cost in enumerate(recorded)]


def test_the_network_cost_equals_the_cost_of_its_output_while_nothing_saturates():
    X_, Y_ = flower(m=40)
    params = initialize_parameters(2, 3, 1, seed=7)
    first = cost_history(X_, Y_, 3, num_iterations=1, seed=7)[0]
    assert first == pytest.approx(compute_cost(forward_propagation(X_, params)[0], Y_), rel=1e-12)


def test_compute_cost_accepts_the_saturated_output_of_the_network(strict):
    # sigmoid rounds to exactly 1.0 for z > 36.7 and to exactly 0.0 for z < -745.
    assert sigmoid(40.0) == 1.0
    assert sigmoid(-800.0) == 0.0
    assert compute_cost(np.array([[1.0]]), np.array([[0]])) == pytest.approx(-np.log(2.0**-53))  # 36.7368
    assert compute_cost(np.array([[0.0]]), np.array([[1]])) == pytest.approx(-np.log(5e-324))  # 744.44
    assert 0 < compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]])) < 1e-15
    assert compute_cost(np.array([[0.25, 0.5]]), np.array([[1, 0]])) == pytest.approx(-(np.log(0.25) + np.log(0.5)) / 2)
