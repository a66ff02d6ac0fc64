"""Activations: hand-computed values, properties over all finite floats, refusals."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.activations import relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
moderate = st.floats(min_value=-30, max_value=30, allow_nan=False)
EVERY_FUNCTION = (sigmoid, sigmoid_derivative, tanh, tanh_derivative, relu, relu_derivative)


def test_values_agree_with_the_formulas_worked_by_hand():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(2.0) == pytest.approx(1 / (1 + math.exp(-2.0)), rel=1e-15)
    assert sigmoid(-3.0) == pytest.approx(1 / (1 + math.exp(3.0)), rel=1e-15)
    assert sigmoid_derivative(0.0) == 0.25
    assert sigmoid_derivative(1.0) == pytest.approx(math.exp(-1) / (1 + math.exp(-1)) ** 2, rel=1e-14)
    assert tanh(0.5) == pytest.approx(math.tanh(0.5), rel=1e-15)
    assert tanh_derivative(0.0) == 1.0
    assert tanh_derivative(0.5) == pytest.approx(1 - math.tanh(0.5) ** 2, rel=1e-14)
    assert relu(-1.5) == 0.0
    assert relu(2.5) == 2.5
    assert relu_derivative(-1.0) == 0.0
    assert relu_derivative(0.0) == 0.0
    assert relu_derivative(3.0) == 1.0


def test_scalar_in_scalar_out_array_in_same_shape_out():
    assert np.ndim(sigmoid(1.0)) == 0
    z = np.linspace(-3, 3, 12).reshape(3, 4)
    for g in EVERY_FUNCTION:
        assert g(z).shape == (3, 4)


@pytest.mark.parametrize("z", [-1e4, 1e4, -745.2, 710.0, -1.7976931348623157e308, 1.7976931348623157e308])
def test_sigmoid_never_overflows_or_warns(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):  # turn any overflow into an exception too
            value = sigmoid(z)
            slope = sigmoid_derivative(z)
    assert 0.0 <= value <= 1.0
    assert value == (1.0 if z > 0 else 0.0)
    assert slope == 0.0


@given(finite)
def test_sigmoid_in_unit_interval(z):
    assert 0.0 <= sigmoid(z) <= 1.0


@given(finite)
def test_sigmoid_of_minus_z_is_one_minus_sigmoid_of_z(z):
    assert sigmoid(-z) == pytest.approx(1.0 - sigmoid(z), abs=1e-15)


@given(moderate)
def test_tanh_is_a_rescaled_sigmoid(z):
    assert tanh(z) == pytest.approx(2.0 * sigmoid(2.0 * z) - 1.0, abs=1e-14)


@settings(max_examples=200)
@given(moderate, st.sampled_from([(sigmoid, sigmoid_derivative), (tanh, tanh_derivative)]))
def test_derivatives_agree_with_centred_differences(z, pair):
    g, dg = pair
    h = 1e-6
    assert dg(z) == pytest.approx((g(z + h) - g(z - h)) / (2 * h), abs=1e-8)


@given(st.floats(min_value=1e-3, max_value=1e3) | st.floats(min_value=-1e3, max_value=-1e-3))
def test_relu_derivative_agrees_away_from_the_kink(z):
    h = 1e-7
    assert relu_derivative(z) == pytest.approx((relu(z + h) - relu(z - h)) / (2 * h), abs=1e-6)


def test_peak_slopes_and_saturation_claimed_by_the_notes():
    z = np.linspace(-20, 20, 40001)
    assert sigmoid_derivative(z).max() == 0.25
    assert z[sigmoid_derivative(z).argmax()] == 0.0
    assert tanh_derivative(z).max() == 1.0
    # "almost zero" far from 0: below 1% of the peak slope once |z| > 6 for sigmoid
    assert np.all(sigmoid_derivative(z[np.abs(z) > 6]) < 0.0025)
    assert np.all(tanh_derivative(z[np.abs(z) > 3]) < 0.01)


@pytest.mark.parametrize("g", EVERY_FUNCTION)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, [0.0, np.nan]])
def test_nan_and_inf_refused_naming_the_argument(g, bad):
    with pytest.raises(ValueError, match=r"^z contains 1 NaN or infinite"):
        g(bad)


def test_non_numeric_refused():
    with pytest.raises(TypeError, match="z must be a real number or an array of real numbers, got str 'abc'"):
        sigmoid("abc")


def test_inputs_not_mutated():
    z = np.array([[-2.0, 0.0, 3.0]])
    before = z.copy()
    for g in EVERY_FUNCTION:
        g(z)
    np.testing.assert_array_equal(z, before)
