"""linear_forward and linear_backward (the weight-matrix page) and the data layouts of the structured-data page."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.datasets import flatten_images, housing_table, image_example, image_regions
from dlnotes.gradient_check import numerical_gradient, relative_difference
from dlnotes.layers import linear_backward, linear_forward

sizes = st.integers(1, 6)


def _layer(n_prev, n, m, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1))


# ---- linear_forward ---------------------------------------------------------------------
@settings(max_examples=60)
@given(sizes, sizes, sizes)
def test_each_column_of_Z_is_its_own_sample(n_prev, n, m):
    A_prev, W, b = _layer(n_prev, n, m)
    Z = linear_forward(A_prev, W, b)
    assert Z.shape == (n, m)
    for i in range(m):
        assert np.allclose(Z[:, i], W @ A_prev[:, i] + b[:, 0])


def test_a_transposed_W_is_refused_and_named():
    A_prev, W, b = _layer(3, 4, 5)
    with pytest.raises(ValueError, match=r"W has shape \(3, 4\) but A_prev has shape \(3, 5\).*W looks transposed"):
        linear_forward(A_prev, W.T, b)


def test_a_mismatch_that_is_no_transpose_gets_no_transpose_hint():
    A_prev, W, b = _layer(3, 4, 5)
    with pytest.raises(ValueError, match=r"columns in W \(3\) as rows in A_prev \(2\)") as caught:
        linear_forward(A_prev[:2], W, b)
    assert "transposed" not in str(caught.value)


@pytest.mark.parametrize(
    ("bad_b", "message"),
    [
        (np.zeros(4), r"rank-1 array, reshape it with b\.reshape\(4, 1\)"),
        (np.zeros((1, 4)), r"b has shape \(1, 4\), expected \(4, 1\)"),
        (np.zeros((4, 5)), r"b has shape \(4, 5\), expected \(4, 1\)"),
    ],
)
def test_b_must_be_one_column_per_unit(bad_b, message):
    A_prev, W, _ = _layer(3, 4, 5)
    with pytest.raises(ValueError, match=message):
        linear_forward(A_prev, W, bad_b)


def test_linear_forward_refuses_nan_and_leaves_inputs_alone():
    A_prev, W, b = _layer(3, 4, 5)
    copies = [a.copy() for a in (A_prev, W, b)]
    linear_forward(A_prev, W, b)
    assert all(np.array_equal(a, c) for a, c in zip((A_prev, W, b), copies, strict=True))
    A_prev[0, 0] = np.nan
    with pytest.raises(ValueError, match="A_prev contains 1 NaN"):
        linear_forward(A_prev, W, b)


# ---- linear_backward --------------------------------------------------------------------
@settings(max_examples=30)
@given(sizes, sizes, sizes)
def test_gradients_have_the_shapes_of_what_they_differentiate(n_prev, n, m):
    A_prev, W, b = _layer(n_prev, n, m)
    dZ = np.ones((n, m))
    dA_prev, dW, db = linear_backward(dZ, A_prev, W)
    assert (dA_prev.shape, dW.shape, db.shape) == (A_prev.shape, W.shape, b.shape)


def test_linear_backward_agrees_with_centred_differences():
    # J = (1/m) sum(G * Z): dJ/dZ = G/m, so the notes' dZ (m dJ/dZ) is G.
    A_prev, W, b = _layer(3, 4, 6, seed=2)
    m = A_prev.shape[1]
    G = np.random.default_rng(3).standard_normal((4, m))
    dA_prev, dW, db = linear_backward(G, A_prev, W)
    assert (
        relative_difference(dW, numerical_gradient(lambda w: float(np.sum(G * linear_forward(A_prev, w, b))) / m, W))
        < 1e-7
    )
    assert (
        relative_difference(db, numerical_gradient(lambda c: float(np.sum(G * linear_forward(A_prev, W, c))) / m, b))
        < 1e-7
    )
    slope = numerical_gradient(lambda a: float(np.sum(G * linear_forward(a, W, b))) / m, A_prev)
    assert relative_difference(dA_prev, m * slope) < 1e-7


def test_linear_backward_refuses_a_dZ_that_is_not_the_shape_of_Z():
    A_prev, W, _ = _layer(3, 4, 5)
    with pytest.raises(ValueError, match=r"dZ has shape \(5, 4\), expected \(4, 5\)"):
        linear_backward(np.ones((5, 4)), A_prev, W)


# ---- the data pages' layouts ------------------------------------------------------------
def test_table_rows_of_X_are_its_named_columns():
    table = housing_table(m=7, seed=4)
    X = table.as_X()
    for j, name in enumerate(table.columns):
        assert np.array_equal(X[j], table.values[:, j]), name
    X[0, 0] = -1.0
    assert table.values[0, 0] != -1.0  # as_X is a copy: the table is untouched


def test_flattening_keeps_one_picture_per_column_and_loses_nothing():
    pictures = np.stack([image_example(size=8, seed=s) for s in range(3)])
    X = flatten_images(pictures)
    assert X.shape == (8 * 8 * 3, 3)
    for i in range(3):
        assert np.array_equal(np.round(X[:, i] * 255).astype(np.uint8).reshape(8, 8, 3), pictures[i])
    # reshape(-1, m) has the same shape but mixes the pictures
    assert not np.array_equal(pictures.reshape(-1, 3) / 255, X)


def test_row_major_position_of_a_pixel():
    image = image_example(size=8, seed=1)
    column = flatten_images(image)
    r, q, c = 5, 2, 1
    assert np.isclose(column[(8 * r + q) * 3 + c, 0] * 255, image[r, q, c])


def test_as_XY_leaves_the_target_out_of_X():
    table = housing_table(m=7, seed=5)
    for target in table.columns:
        X, Y = table.as_XY(target)
        features = [name for name in table.columns if name != target]
        assert X.shape == (len(table.columns) - 1, 7)
        assert Y.shape == (1, 7)
        for j, name in enumerate(features):
            assert np.array_equal(X[j], table.values[:, table.columns.index(name)]), name
        assert np.array_equal(Y[0], table.values[:, table.columns.index(target)])
        before = table.values.copy()
        X[...] = -1.0
        Y[...] = -1.0
        assert np.array_equal(table.values, before)  # copies: the table is untouched


def test_as_XY_refuses_an_unknown_target():
    with pytest.raises(ValueError, match=r"target must be one of the columns .*got 'price'"):
        housing_table().as_XY("price")


@pytest.mark.parametrize(("target", "got"), [(None, "None"), (3, "int 3"), (b"price_k", "bytes")])
def test_as_XY_refuses_a_target_that_is_not_a_name_as_a_type_error(target, got):
    with pytest.raises(TypeError, match=rf"target must be one of the columns .*got {got}"):
        housing_table().as_XY(target)


@pytest.mark.parametrize("size", [8, 31, 64])
def test_image_regions_split_the_picture_and_match_its_colours(size):
    regions = image_regions(size)
    stacked = np.stack(list(regions.values()))
    assert stacked.shape == (3, size, size)
    assert np.array_equal(stacked.sum(axis=0), np.ones((size, size)))  # each pixel in exactly one part
    image = image_example(size=size, seed=2).astype(float)
    # the sun is the reddest part, the sky the bluest: the masks follow the drawing
    if regions["sun"].any():
        assert image[regions["sun"]][:, 0].min() > image[~regions["sun"]][:, 0].max()
    assert image[regions["sky"]][:, 2].min() > image[regions["hill"]][:, 2].max()


def test_image_regions_refuses_a_bad_size():
    with pytest.raises(ValueError, match="size"):
        image_regions(0)
