"""Parameter shapes for any depth, seeded initialization, refusals."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.layers import initialize_parameters_deep, parameter_shapes


@given(st.lists(st.integers(1, 20), min_size=2, max_size=7))
def test_parameter_shapes_chain_for_any_depth(dims):
    shapes = parameter_shapes(dims)
    assert len(shapes) == 2 * (len(dims) - 1)
    x = np.zeros((dims[0], 3))
    for layer in range(1, len(dims)):  # W @ A_prev + b must go through, layer after layer
        x = np.zeros(shapes[f"W{layer}"]) @ x + np.zeros(shapes[f"b{layer}"])
    assert x.shape == (dims[-1], 3)


def test_the_notes_neuron_has_w_of_shape_3_by_1():
    # One neuron reading a (3, 1) input: w is (3, 1) and the layer's W is w^T, (1, 3).
    assert parameter_shapes([3, 1]) == {"W1": (1, 3), "b1": (1, 1)}


def test_initialize_parameters_deep_is_seeded_and_small():
    a, b = initialize_parameters_deep([4, 3, 2], seed=3), initialize_parameters_deep([4, 3, 2], seed=3)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert np.abs(a["W1"]).max() < 0.05
    assert not a["b1"].any()


@pytest.mark.parametrize(
    ("dims", "error", "message"),
    [
        ([3], ValueError, "at least 2 sizes"),
        ([3, 0], ValueError, r"layer_dims\[1\] must be a positive whole number"),
        ("34", TypeError, "must be a list"),
        ([2, 2.5], TypeError, r"layer_dims\[1\]"),
    ],
)
def test_parameter_shapes_refuses_bad_layer_dims(dims, error, message):
    with pytest.raises(error, match=message):
        parameter_shapes(dims)
