"""The data sets: the flower, the housing table, the example image."""

import numpy as np
import pytest

from dlnotes.datasets import Table, flatten_images, flower, housing_table, image_example


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


def test_housing_table_is_seeded_and_its_columns_are_the_rows_of_X():
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
