"""The broadcasting rule against numpy: results, the steps explained, refusals."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.broadcasting import broadcast_shape, explain_broadcast

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
