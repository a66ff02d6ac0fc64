"""Parameter shapes, the broadcasting rule against numpy, gradient checking, the data sets."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.broadcasting import broadcast_shape, explain_broadcast
from dlnotes.datasets import flatten_images, flower, housing_table, image_example
from dlnotes.gradient_check import gradient_check, numerical_gradient, relative_difference
from dlnotes.shapes import initialize_parameters_deep, parameter_shapes


# ---- shapes -----------------------------------------------------------------------------
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
def test_parameter_shapes_refuses(dims, error, message):
    with pytest.raises(error, match=message):
        parameter_shapes(dims)


# ---- broadcasting -----------------------------------------------------------------------
shape = st.lists(st.integers(0, 4) | st.just(1), min_size=0, max_size=4).map(tuple)


@settings(max_examples=400)
@given(st.lists(shape, min_size=1, max_size=4))
def test_broadcast_shape_agrees_with_numpy_including_refusals(shapes):
    try:
        expected = np.broadcast_shapes(*shapes)
    except ValueError:
        with pytest.raises(ValueError, match="cannot be broadcast"):
            broadcast_shape(*shapes)
    else:
        assert broadcast_shape(*shapes) == expected
        assert explain_broadcast(*shapes)[-1].shapes == (expected,)


def test_the_notes_example_pads_on_the_left_not_the_right():
    # The notes say B of shape (3,) becomes (3, 1). numpy makes it (1, 3): a row.
    A = np.arange(9.0).reshape(3, 3)
    B = np.array([10.0, 20.0, 30.0])
    assert np.array_equal(A + B, A + B.reshape(1, 3))
    assert not np.array_equal(A + B, A + B.reshape(3, 1))
    pad = next(s for s in explain_broadcast((3, 3), (3,)) if s.rule == "pad")
    assert pad.shapes == ((3, 3), (1, 3))


def test_refusal_names_the_axis_and_sizes():
    with pytest.raises(ValueError, match=r"at axis 1 of the result \(1 from the right\) the sizes are \[2, 3\]"):
        broadcast_shape((4, 3), (2,))
    assert explain_broadcast((4, 3), (2,))[-1].rule == "fail"


def test_broadcast_shape_refuses_non_shapes():
    with pytest.raises(ValueError, match="shape 1"):
        broadcast_shape((2,), (-1,))
    with pytest.raises(ValueError, match="shape 0 must be a tuple"):
        broadcast_shape("ab")


# ---- gradient checking ------------------------------------------------------------------
def test_numerical_gradient_of_a_quadratic_and_no_mutation():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([[1.0], [-1.0]])
    before = x.copy()
    g = numerical_gradient(lambda v: (v.T @ A @ v).item(), x)
    np.testing.assert_allclose(g, 2 * A @ x, rtol=1e-7)
    np.testing.assert_array_equal(x, before)


def test_relative_difference_properties():
    assert relative_difference([0.0], [0.0]) == 0.0
    assert relative_difference([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_difference([1.0], [1.1]) == pytest.approx(0.1 / 2.1)
    with pytest.raises(ValueError, match=r"grad has shape \(2,\) but grad_approx has shape \(3,\)"):
        relative_difference([1.0, 2.0], [1.0, 2.0, 3.0])


def test_gradient_check_refuses_missing_gradients():
    with pytest.raises(ValueError, match=r"grads is missing \['db'\]"):
        gradient_check(lambda p: 0.0, {"W": np.ones((1, 1)), "b": np.ones((1, 1))}, {"dW": np.ones((1, 1))})


# ---- data sets --------------------------------------------------------------------------
def test_flower_is_deterministic_and_balanced():
    X, Y = flower(seed=4)
    X2, Y2 = flower(seed=4)
    assert np.array_equal(X, X2)
    assert np.array_equal(Y, Y2)
    assert X.shape == (2, 400)
    assert Y.shape == (1, 400)
    assert Y.sum() == 200
    assert not np.array_equal(X, flower(seed=5)[0])
    assert np.abs(X).max() < 6  # petals of length about 4, plus noise


@pytest.mark.parametrize("m", [3, 0])
def test_flower_refuses_odd_or_empty(m):
    with pytest.raises(ValueError, match="m must be"):
        flower(m=m)


def test_housing_table_is_structured():
    t = housing_table(m=8, seed=1)
    assert t.values.shape == (8, 4)
    assert t.as_X().shape == (4, 8)
    assert np.array_equal(t.as_X()[0], t.values[:, 0])  # a column of the table is a row of X
    assert np.array_equal(t.values, housing_table(m=8, seed=1).values)


def test_image_flattening_keeps_every_pixel_in_order():
    image = image_example(seed=2)
    column = flatten_images(image)
    assert column.shape == (64 * 64 * 3, 1)
    assert column[0, 0] == image[0, 0, 0] / 255
    assert column[3, 0] == image[0, 1, 0] / 255
    batch = flatten_images(np.stack([image, 255 - image]))
    assert batch.shape == (12288, 2)
    np.testing.assert_allclose(batch[:, :1], column)
    with pytest.raises(ValueError, match=r"images must have shape \(h, w, c\) or \(m, h, w, c\), got \(4, 4\)"):
        flatten_images(np.zeros((4, 4)))
