"""Issue 9's reproductions, one test each: refusals that are the same everywhere, a network cost that is never NaN.

Each of these failed on the main branch the issue was filed against. The general rule is held
by tests/core/test_refusal_policy.py over every public function; these pin the cases the issue names.
"""

import contextlib
import io
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.activations import sigmoid
from dlnotes.broadcasting import broadcast_shape
from dlnotes.datasets import Table, flatten_images, flower, housing_table, image_example
from dlnotes.gradient_check import numerical_gradient
from dlnotes.logistic_regression import propagate
from dlnotes.shallow_network import (
    compute_cost,
    cost_history,
    forward_propagation,
    initialize_parameters,
    nn_model,
)
from dlnotes.shapes import initialize_parameters_deep


@pytest.fixture
def strict():
    """Every warning an error, every floating-point event an error: what the policy promises to survive."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


W, X, Y = np.array([[0.5], [-0.25]]), np.array([[1.0, 2.0, -1.0], [3.0, 0.5, -3.2]]), np.array([[1, 0, 1]])


# ---- the wrong type is a TypeError, the wrong value a ValueError, each naming the argument --------
def test_a_number_too_large_for_float64_is_a_value_error_not_an_overflow_error(strict):
    with pytest.raises(ValueError, match=r"^z holds 100000\.\.\. \(a whole number of 401 digits\), a number too large"):
        sigmoid(10**400)


def test_none_is_a_type_error_naming_z_not_a_nan(strict):
    with pytest.raises(TypeError, match=r"^z must be a real number or an array of real numbers, got None$"):
        sigmoid(None)


def test_a_string_is_refused_not_parsed(strict):
    with pytest.raises(TypeError, match=r"^z must be a real number or an array of real numbers, got str '1\.5'$"):
        sigmoid("1.5")


def test_a_string_bias_is_refused(strict):
    with pytest.raises(TypeError, match=r"^b must be a real number or an array of real numbers, got str '1'$"):
        propagate(W, "1", X, Y)


@pytest.mark.parametrize("z", [1 + 2j, np.array([1.0 + 0j, 2.0]), [1.0, 2j]])
def test_complex_input_is_refused_without_a_complex_warning(strict, z):
    with pytest.raises(TypeError, match=r"^z must be a real number or an array of real numbers, got "):
        sigmoid(z)


@pytest.mark.parametrize("z", [True, np.array([True, False])])
def test_booleans_are_not_numbers(strict, z):
    with pytest.raises(TypeError, match=r"^z must hold numbers, got booleans"):
        sigmoid(z)


def test_a_ragged_list_is_a_value_error_naming_the_argument(strict):
    with pytest.raises(
        ValueError,
        match=r"^z must be a number or an array of numbers with every row the same length, "
        r"got a ragged nested list",
    ):
        sigmoid([[1.0, 2.0], [3.0]])


SEEDED = {
    "initialize_parameters": lambda seed: initialize_parameters(2, 3, 1, seed=seed),
    "initialize_parameters_deep": lambda seed: initialize_parameters_deep([2, 3, 1], seed=seed),
    "nn_model": lambda seed: nn_model(X, Y, 2, num_iterations=1, seed=seed),
    "cost_history": lambda seed: cost_history(X, Y, 2, num_iterations=1, seed=seed),
    "flower": lambda seed: flower(m=4, seed=seed),
    "housing_table": lambda seed: housing_table(m=2, seed=seed),
    "image_example": lambda seed: image_example(size=2, seed=seed),
}


@pytest.mark.parametrize(
    ("seed", "error", "got"),
    [
        ("a", TypeError, "str 'a'"),
        (1.5, TypeError, "float 1.5"),
        (None, TypeError, "None"),
        (True, TypeError, "bool True"),
        (-1, ValueError, "-1"),
    ],
)
@pytest.mark.parametrize("function", SEEDED)
def test_a_bad_seed_is_refused_naming_seed(strict, function, seed, error, got):
    message = rf"^seed must be a whole number >= 0 \(a seed for numpy.random.default_rng\), got {re.escape(got)}$"
    with pytest.raises(error, match=message):
        SEEDED[function](seed)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"noise": "0.2"}, TypeError, r"^noise must be a finite number >= 0, got str '0\.2'$"),
        ({"noise": np.inf}, ValueError, r"^noise must be a finite number >= 0, got inf$"),
        ({"noise": -0.1}, ValueError, r"^noise must be a finite number >= 0, got -0\.1$"),
        ({"petals": np.nan}, ValueError, r"^petals must be a finite number > 0, got nan$"),
        ({"petals": "4"}, TypeError, r"^petals must be a finite number > 0, got str '4'$"),
        ({"noise": 1e308}, ValueError, r"^the values of petals, noise drive the computation out of float64's range"),
    ],
)
def test_bad_flower_arguments_fail_alike(strict, kwargs, error, message):
    with pytest.raises(error, match=message):
        flower(**kwargs)


# ---- flatten_images ---------------------------------------------------------------------
def test_flatten_images_refuses_an_empty_batch_naming_images(strict):
    with pytest.raises(ValueError, match=r"^images has shape \(0, 4, 4, 3\): the batch holds no images \(m = 0\)$"):
        flatten_images(np.zeros((0, 4, 4, 3), dtype=np.uint8))
    with pytest.raises(ValueError, match=r"^images has shape \(2, 0, 4, 3\): an image needs h, w and c of at least 1$"):
        flatten_images(np.zeros((2, 0, 4, 3), dtype=np.uint8))


def test_flatten_images_refuses_pixels_already_scaled_to_the_unit_interval(strict):
    image = image_example(size=4)
    with pytest.raises(ValueError, match=r"^images holds floats from .* to 1\.0: it looks already scaled to \[0, 1\]"):
        flatten_images(image / 255)
    with pytest.raises(ValueError, match="looks already scaled"):
        flatten_images(flatten_images(image).T.reshape(1, 4, 4, 3))


def test_flatten_images_accepts_what_cannot_be_scaled_already(strict):
    image = image_example(size=4)
    np.testing.assert_array_equal(flatten_images(image), flatten_images(image.astype(np.float64)))
    assert not flatten_images(np.zeros((2, 2, 3))).any()  # all black: scaled or not, the same
    assert flatten_images(np.ones((2, 2, 3), dtype=np.uint8)).max() == 1 / 255  # integers are never scaled


# ---- numerical_gradient -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("returned", "error", "message"),
    [
        (
            np.ones(2),
            TypeError,
            r"^f must return a single number \(a scalar\), but at entry 0 \+ epsilon it returned an "
            r"array of shape \(2,\)",
        ),
        (np.ones((1, 1)), TypeError, r"^f must return a single number \(a scalar\).*shape \(1, 1\)"),
        (
            "1.0",
            TypeError,
            r"^f must return a single real number \(a scalar\), but at entry 0 \+ epsilon it returned str",
        ),
        (float("nan"), ValueError, r"^f must return a finite number, but at entry 0 \+ epsilon it returned nan$"),
    ],
)
def test_numerical_gradient_names_f_when_it_returns_no_number(strict, returned, error, message):
    with pytest.raises(error, match=message):
        numerical_gradient(lambda v: returned, np.ones(2))


def test_numerical_gradient_refuses_what_is_not_a_function(strict):
    with pytest.raises(TypeError, match=r"^f must be a function, got str 'sum'$"):
        numerical_gradient("sum", np.ones(2))


# ---- a transposed X is blamed on X -------------------------------------------------------
def test_propagate_blames_a_transposed_X(strict):
    with pytest.raises(
        ValueError,
        match=r"^X has shape \(3, 2\), but w of shape \(2, 1\) needs X with n_x = 2 rows "
        r"and Y holds m = 3 labels: X looks transposed.*pass X\.T, of shape \(2, 3\)$",
    ):
        propagate(W, 0, X.T, Y)


def test_the_network_blames_a_transposed_X(strict):
    params = initialize_parameters(2, 3, 1)
    with pytest.raises(ValueError, match=r"^X has shape \(3, 2\).*X looks transposed"):
        forward_propagation(X.T, params)
    with pytest.raises(ValueError, match=r"^X has shape \(3, 2\) but Y holds m = 3 labels.*X looks transposed"):
        nn_model(X.T, Y, 2, num_iterations=1)


# ---- broadcast_shape takes what numpy takes ------------------------------------------------
@pytest.mark.parametrize("shapes", [(3, (1, 3)), (np.array([2, 3]), (3,)), ([4, 1], np.int64(5)), ((),)])
def test_broadcast_shape_accepts_what_numpy_accepts(shapes):
    assert broadcast_shape(*shapes) == np.broadcast_shapes(*shapes)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.integers(0, 3), max_size=3), st.data())
def test_broadcast_shape_agrees_with_numpy(full, data):
    shapes = []
    for _ in range(data.draw(st.integers(1, 3))):
        shape = [
            size if data.draw(st.booleans()) else 1 for size in full[len(full) - data.draw(st.integers(0, len(full))) :]
        ]
        shapes.append(data.draw(st.sampled_from([tuple(shape), list(shape), np.array(shape, dtype=np.int64)])))
    assert broadcast_shape(*shapes) == np.broadcast_shapes(*shapes)


# ---- Table is frozen all the way down --------------------------------------------------------
def test_table_values_are_read_only_and_not_shared():
    table = housing_table()
    with pytest.raises(ValueError, match="read-only"):
        table.values[0, 0] = 1.0
    mine = np.ones((2, 1))
    built = Table(("a",), mine)
    mine[0, 0] = 5.0
    assert built.values[0, 0] == 1.0
    assert not built.values.flags.writeable
    assert table.as_X().flags.writeable  # as_X is a copy to use freely


# ---- the shallow network's cost, from Z2 ---------------------------------------------------
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


def test_propagate_survives_underflow_under_seterr_raise():
    old = np.seterr(all="raise")
    try:
        grads, cost = propagate(np.ones((1, 1)), 0.0, [[800.0]], [[1]])
    finally:
        np.seterr(**old)
    assert cost == 0.0
    assert grads["db"] == 0.0
