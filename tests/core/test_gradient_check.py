"""Gradient checking: centred differences, the relative difference, refusals."""

import numpy as np
import pytest

from dlnotes.gradient_check import gradient_check, numerical_gradient, relative_difference


def test_numerical_gradient_of_a_quadratic_and_no_mutation():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([[1.0], [-1.0]])
    before = x.copy()
    g = numerical_gradient(lambda v: (v.T @ A @ v).item(), x)
    np.testing.assert_allclose(g, 2 * A @ x, rtol=1e-7)
    np.testing.assert_array_equal(x, before)


def test_relative_difference_is_difference_over_sum_of_norms_and_refuses_other_shapes():
    assert relative_difference([0.0], [0.0]) == 0.0
    assert relative_difference([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_difference([1.0], [1.1]) == pytest.approx(0.1 / 2.1)
    with pytest.raises(ValueError, match=r"grad has shape \(2,\) but grad_approx has shape \(3,\)"):
        relative_difference([1.0, 2.0], [1.0, 2.0, 3.0])


def test_gradient_check_refuses_missing_gradients():
    with pytest.raises(ValueError, match=r"grads is missing \['db'\]"):
        gradient_check(lambda p: 0.0, {"W": np.ones((1, 1)), "b": np.ones((1, 1))}, {"dW": np.ones((1, 1))})
