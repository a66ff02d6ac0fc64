"""Refusals pinned by example: the wrong type a TypeError, the wrong value a ValueError, the exact message.

tests/core/test_refusal_policy.py holds the general rule over every public function with generated
arguments; these pin the messages for the inputs that once slipped through (None, strings, complex,
booleans, ragged lists, bad seeds, a function that returns no number, a transposed X).
"""

import re

import numpy as np
import pytest

from dlnotes.activations import sigmoid
from dlnotes.datasets import flatten_images, flower, housing_table, image_example
from dlnotes.gradient_check import numerical_gradient
from dlnotes.layers import initialize_parameters_deep
from dlnotes.logistic_regression import propagate
from dlnotes.shallow_network import (
    forward_propagation,
    initialize_parameters,
)
from dlnotes.shallow_training import cost_history, nn_model

W, X, Y = np.array([[0.5], [-0.25]]), np.array([[1.0, 2.0, -1.0], [3.0, 0.5, -3.2]]), np.array([[1, 0, 1]])


# ---- the wrong type is a TypeError, the wrong value a ValueError, each naming the argument --------
def test_a_number_too_large_for_float64_is_a_value_error_not_an_overflow_error(strict):
    with pytest.raises(ValueError, match=r"^z holds 100000\.\.\. \(a whole number of 401 digits\), a number too large"):
        sigmoid(10**400)


def test_none_is_a_type_error_naming_z_not_a_nan(strict):
    with pytest.raises(TypeError, match=r"^z must be a real number or an array of real numbers, got None$"):
        sigmoid(None)  # type: ignore[arg-type]  # deliberately wrong: the refusal under test


def test_a_string_is_refused_not_parsed(strict):
    with pytest.raises(TypeError, match=r"^z must be a real number or an array of real numbers, got str '1\.5'$"):
        sigmoid("1.5")


def test_a_string_bias_is_refused(strict):
    with pytest.raises(TypeError, match=r"^b must be a real number or an array of real numbers, got str '1'$"):
        propagate(W, "1", X, Y)  # type: ignore[arg-type]  # deliberately wrong: the refusal under test


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
        numerical_gradient("sum", np.ones(2))  # type: ignore[arg-type]  # deliberately wrong: the refusal under test


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
